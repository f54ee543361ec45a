package io.auscult.ui.explain;

import io.auscult.audio.AudioClip;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.DatasetScanner;
import io.auscult.data.Recording;
import io.auscult.detect.Networks;
import io.auscult.detect.Reconstruction;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CurrentThreadExecutor;
import io.auscult.engine.Progress;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ModelFile;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.spectrogram.SpectrogramViewModel;
import io.auscult.ui.task.TaskRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A demo anomaly (fan, id 00, clip 1) copied into a temporary dataset (so annotations can be
 * written beside it), scored by the shipped fan AE, and explanation view models on a
 * current-thread executor: every task has finished when its call returns.
 */
final class ExplainFixture implements AutoCloseable {

    static final Path MODEL = Path.of("samples/models/fan-ae.auscult");
    static final Path CLIP = Path.of("samples/fan/test/anomaly_id_00_00000001.wav");

    final LoadedModel model;
    final ClipContext context;
    final SpectrogramViewModel spectrogram = new SpectrogramViewModel();
    final TaskRunner tasks = new TaskRunner(new CurrentThreadExecutor(), Runnable::run);
    final ExplainViewModel explain;
    final PerturbationViewModel perturbation;
    final RegionPainter painter;

    ExplainFixture(Path dir) throws Exception {
        Path wav = dir.resolve("fan/test").resolve(CLIP.getFileName());
        Files.createDirectories(wav.getParent());
        Files.copy(CLIP, wav);
        Recording recording = new DatasetScanner().scan(dir, Progress.NONE, Cancellation.NEVER).recordings().get(0);
        TrainedDetector detector = ModelFile.read(MODEL, Networks.LOADER);
        model = new LoadedModel(detector, MODEL);
        AudioClip audio = AudioLoader.load(wav, ChannelChoice.MEAN, detector.features().sampleRate());
        Spectrogram logMel = new LogMelExtractor(detector.features()).extract(audio);
        Spectrogram input = detector.standardiser().apply(logMel);
        Reconstruction r = detector.reconstruction().orElseThrow().reconstruct(List.of(input)).get(0);
        context = new ClipContext(model, recording, audio, logMel, input, r, r.score(), Optional.empty());
        explain = new ExplainViewModel(tasks, spectrogram, m -> List.of());
        perturbation = new PerturbationViewModel(explain);
        painter = new RegionPainter(explain, spectrogram);
        spectrogram.show("clip", logMel, null, null);
        explain.setContext(context);
    }

    @Override
    public void close() {
        model.detector().close();
    }
}
