package io.auscult.cli;

import io.auscult.audio.AudioClip;
import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.audio.SignalLevel;
import io.auscult.audio.WavInfo;
import io.auscult.audio.WavReader;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ColorMap;
import io.auscult.store.SpectrogramCsv;
import io.auscult.store.SpectrogramImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code auscult features FILE --out F.csv|F.png}: the log-mel spectrogram of one recording. */
@Command(name = "features", description = {
    "Compute the log-mel spectrogram (dB) of the DCASE front end: 16 kHz, n_fft 1024, hop 512,",
    "128 Slaney mel bands, 10*log10(max(mel, 1e-10)); identical to librosa. Other sample rates",
    "are resampled to 16 kHz; multichannel files are mixed down by the mean (or --channel N).",
    "CSV: one row per frame, one column per band (low first), one header row. PNG: a figure",
    "with colour map and axes, outlining the ground-truth mask NAME.mask.csv when present."})
final class FeaturesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a WAV file")
    Path file;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "F.csv|F.png",
            description = "Output file; the extension chooses the format ('-' writes CSV to stdout).")
    String out;

    @Option(names = "--channel", paramLabel = "mean|N", defaultValue = "mean",
            description = "Channel to analyse: 'mean' of all (default) or a 0-based index.")
    String channel;

    @Option(names = "--mask", paramLabel = "auto|none|FILE", defaultValue = "auto",
            description = "Mask to outline in a PNG: 'auto' uses FILE's NAME.mask.csv if there is one (default).")
    String mask;

    @Option(names = "--colormap", paramLabel = "NAME", defaultValue = "magma",
            description = "Colour map for PNG: magma, viridis, inferno, cividis, gray (default ${DEFAULT-VALUE}).")
    String colormap;

    @Option(names = "--range", paramLabel = "DB", defaultValue = "80",
            description = "Dynamic range shown in a PNG, in dB below the loudest bin (default ${DEFAULT-VALUE}).")
    double rangeDb;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String format = formatOf(out);
        ChannelChoice choice = ChannelChoice.parse(channel);
        FeatureSpec featureSpec = FeatureSpec.DCASE;
        AudioClip clip;
        try {
            WavInfo info = WavReader.readInfo(file);
            clip = AudioLoader.load(file, choice, featureSpec.sampleRate());
            if (info.sampleRate() != featureSpec.sampleRate()) {
                err.printf("auscult features: %s: resampled from %d Hz to %d Hz%n", file, info.sampleRate(),
                        featureSpec.sampleRate());
            }
        } catch (AudioFormatException e) {
            err.println("auscult features: " + e.getMessage());
            return 1;
        }
        for (String warning : SignalLevel.measure(clip.samples()).warnings()) {
            err.println("auscult features: warning: " + file + " " + warning);
        }
        Spectrogram logMel = new LogMelExtractor(featureSpec).extract(clip);
        if (format.equals("csv")) {
            if (out.equals("-")) {
                PrintWriter stdout = spec.commandLine().getOut();
                SpectrogramCsv.write(logMel, stdout);
                stdout.flush();
            } else {
                SpectrogramCsv.write(logMel, Path.of(out));
            }
            return 0;
        }
        SpectrogramImage.Options options = new SpectrogramImage.Options(
                file.getFileName() + "  (log-mel, " + channelLabel(choice) + ")",
                ColorMap.named(colormap), rangeDb, Optional.empty());
        Optional<AnomalyMask> outline = maskFor(logMel, err);
        if (outline.isPresent()) {
            options = options.withMask(outline.get().cells());
        }
        SpectrogramImage.writePng(logMel, options, Path.of(out));
        return 0;
    }

    private Optional<AnomalyMask> maskFor(Spectrogram logMel, PrintWriter err) {
        if (mask.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        boolean auto = mask.equalsIgnoreCase("auto");
        Path path = auto ? AnomalyMaskCsv.besideWav(file) : Path.of(mask);
        if (auto && !Files.exists(path)) {
            return Optional.empty();
        }
        try {
            AnomalyMask m = AnomalyMaskCsv.read(path);
            if (m.frames() != logMel.frames() || m.mels() != logMel.mels()) {
                err.printf("auscult features: %s: mask is %d x %d but the spectrogram is %d x %d; not drawn%n",
                        path, m.frames(), m.mels(), logMel.frames(), logMel.mels());
                return Optional.empty();
            }
            return Optional.of(m);
        } catch (IOException e) {
            if (!auto) {
                throw new IllegalArgumentException("cannot use mask " + path + ": " + e.getMessage(), e);
            }
            err.println("auscult features: mask not drawn: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String channelLabel(ChannelChoice c) {
        return c instanceof ChannelChoice.Single s ? "channel " + s.index() : "mean of channels";
    }

    private static String formatOf(String out) {
        if (out.equals("-")) {
            return "csv";
        }
        String lower = out.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "csv";
        }
        if (lower.endsWith(".png")) {
            return "png";
        }
        throw new IllegalArgumentException("--out must end in .csv or .png (or be '-' for CSV on stdout), not '"
                + out + "'");
    }
}
