package io.auscult.proxy;

import io.auscult.detect.DetectorKind;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import io.auscult.store.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Lab models open as detectors: a reconstruction model as the conv AE, the others as the lab's
 * Mahalanobis detector, whose score equals the lab's own MD computed through the lab's graph.
 */
class LabDetectorTest {

    @TempDir
    static Path dir;
    static ProxyLab.Result lab;

    @BeforeAll
    static void runATinyLab() throws Exception {
        LabData data = TinyLab.data(dir.resolve("tiny"));
        LabGrid grid = new LabGrid("test", List.of(List.of(8, 16, 32)), List.of(2), 16, 32, 5e-3);
        lab = ProxyLab.run(data, new ProxyLab.Request(EnumSet.of(ProxyTaskKind.RECONSTRUCTION,
                ProxyTaskKind.CLASSIFICATION), grid, 3), Progress.NONE, Cancellation.NEVER);
    }

    private static String model(ProxyTaskKind task) {
        return lab.models().stream().filter(m -> m.task() == task).findFirst().orElseThrow().model();
    }

    private static List<LabClip> clips(String machine, LabClip.Role role) {
        return lab.data().clips().stream().filter(c -> c.role() == role && c.group().startsWith(machine + "/"))
                .toList();
    }

    @Test
    void aReconstructionModelOpensAsTheConvAutoencoderWithItsMachinesThreshold() {
        assertThat(LabDetector.machines(lab)).containsExactly("fan", "pump", "slider", "valve");
        String name = model(ProxyTaskKind.RECONSTRUCTION);
        try (TrainedDetector d = LabDetector.open(lab, name, "pump", "tiny", Progress.NONE, Cancellation.NEVER)) {
            assertThat(d.kind()).isEqualTo(DetectorKind.AE);
            assertThat(d.reconstruction()).isPresent();
            assertThat(d.provenance().config()).containsEntry("machine", "pump").containsEntry("labModel", name);
            // the threshold is the 90th percentile of a gamma fitted to the machine's normal scores
            List<LabClip> normals = new java.util.ArrayList<>(clips("pump", LabClip.Role.TRAIN));
            normals.addAll(clips("pump", LabClip.Role.VALIDATION));
            double[] s = d.network().scores(normals.stream().map(lab.data()::standardised).toList());
            long below = java.util.Arrays.stream(s).filter(v -> v <= d.threshold().value()).count();
            assertThat(below / (double) s.length).isBetween(0.5, 1.0);
        }
    }

    @Test
    void anEncoderOpensAsTheLabsMahalanobisDetectorAndSavesAsAModelFile() throws Exception {
        String name = model(ProxyTaskKind.CLASSIFICATION);
        List<Spectrogram> training = clips("fan", LabClip.Role.TRAIN).stream().map(lab.data()::standardised).toList();
        List<Spectrogram> test = clips("fan", LabClip.Role.TEST).stream().map(lab.data()::standardised).toList();
        // The lab's MD through the lab's own graph (batch norm with running statistics, not folded)
        double[] expected;
        EncoderWeights encoder = lab.encoders().get(name);
        try (ProxyGraph g = new ProxyGraph(ProxyTaskKind.PRETRAINED, encoder, lab.data().mels(), 0, 1, false)) {
            ProxyModel m = new ProxyModel(g, encoder.levels());
            double[][] train = m.embed(training);
            MahalanobisDetector md = new MahalanobisDetector(train, new int[train.length]);
            expected = java.util.Arrays.stream(m.embed(test)).mapToDouble(e -> md.score(e, 0)).toArray();
        }
        try (TrainedDetector d = LabDetector.open(lab, name, "fan", "tiny", Progress.NONE, Cancellation.NEVER)) {
            assertThat(d.kind()).isEqualTo(DetectorKind.MD);
            assertThat(d.reconstruction()).isEmpty();
            double[] scores = d.network().scores(test);
            for (int i = 0; i < scores.length; i++) {
                // float32 embeddings, folded vs unfolded batch norm; distances are O(10-100)
                assertThat(scores[i]).as("test clip " + i).isCloseTo(expected[i], within(1e-3 * (1 + expected[i])));
            }
            Path file = dir.resolve("fan-md.auscult");
            ModelFile.write(file, d);
            try (TrainedDetector back = ModelFile.read(file, Networks.LOADER)) {
                assertThat(back.kind()).isEqualTo(DetectorKind.MD);
                assertThat(back.threshold().value()).isEqualTo(d.threshold().value());
                assertThat(back.network().scores(test.subList(0, 1))[0]).isEqualTo(scores[0]);
            }
            assertThatThrownBy(() -> d.reconstructionNetwork("The replacement test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("md detector has none");
        }
    }

    @Test
    void anUnknownMachineOrModelIsRefusedWithAReason() {
        assertThatThrownBy(() -> LabDetector.open(lab, model(ProxyTaskKind.RECONSTRUCTION), "turbine", "tiny",
                Progress.NONE, Cancellation.NEVER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("turbine").hasMessageContaining("fan");
        assertThatThrownBy(() -> LabDetector.open(lab, "nonsense-model", "fan", "tiny", Progress.NONE,
                Cancellation.NEVER)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense-model");
    }
}
