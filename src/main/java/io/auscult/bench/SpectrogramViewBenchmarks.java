package io.auscult.bench;

import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.audio.WavWriter;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ColorMap;
import io.auscult.store.SpectrogramRaster;
import io.auscult.store.SpectrogramRaster.Viewport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workbench's spectrogram view on a 10-minute recording, measured on the code the view
 * runs ({@link SpectrogramRaster}, the decoder and the front end), without a display:
 * {@code ui.spectrogram_render_10min} renders one 1,400 x 600 viewport after a zoom (target
 * 16 ms, one frame at 60 fps); {@code ui.open_10min} goes from the file to the first
 * picture of the whole recording: decode, log-mel, render (target 1,000 ms). Handing the
 * pixels to JavaFX ({@code PixelWriter.setPixels}, one copy) is not included.
 */
final class SpectrogramViewBenchmarks {

    static final int WIDTH = 1400;
    static final int HEIGHT = 600;
    static final int TEN_MINUTES = 600 * 16_000;

    private SpectrogramViewBenchmarks() {
    }

    static Benchmark render() {
        return new Benchmark() {
            @Override
            public String name() {
                return "ui.spectrogram_render_10min";
            }

            @Override
            public Unit unit() {
                return Unit.MS;
            }

            @Override
            public Trial setUp() {
                Spectrogram s = new LogMelExtractor(FeatureSpec.DCASE)
                        .extract(BenchSignals.machine(TEN_MINUTES, 16_000, 3));
                ColorMap map = ColorMap.named("magma");
                int[] argb = new int[WIDTH * HEIGHT];
                // Zoomed to the middle 4 minutes: ~7,500 frames max-pooled onto 1,400 columns.
                Viewport v = new Viewport(s.frames() * 0.3, s.frames() * 0.4, 0, s.mels());
                return () -> {
                    SpectrogramRaster.render(s, v, WIDTH, HEIGHT, map, -80, 0, argb);
                    return 1;
                };
            }
        };
    }

    static Benchmark open() {
        return new Benchmark() {
            @Override
            public String name() {
                return "ui.open_10min";
            }

            @Override
            public Unit unit() {
                return Unit.MS;
            }

            @Override
            public Trial setUp() throws Exception {
                Path dir = Files.createTempDirectory("auscult-bench-open");
                Path wav = dir.resolve("ten-minutes.wav");
                WavWriter.writePcm16(wav, BenchSignals.machine(TEN_MINUTES, 16_000, 4), 16_000);
                ColorMap map = ColorMap.named("magma");
                return new Trial() {
                    @Override
                    public long run() throws Exception {
                        Spectrogram s = new LogMelExtractor(FeatureSpec.DCASE)
                                .extract(AudioLoader.load(wav, ChannelChoice.MEAN, 16_000));
                        SpectrogramRaster.render(s, Viewport.all(s), WIDTH, HEIGHT, map, -80, 0,
                                new int[WIDTH * HEIGHT]);
                        return 1;
                    }

                    @Override
                    public void close() throws Exception {
                        Files.deleteIfExists(wav);
                        Files.deleteIfExists(dir);
                    }
                };
            }
        };
    }
}
