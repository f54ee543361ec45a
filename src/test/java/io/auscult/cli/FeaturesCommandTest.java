package io.auscult.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeaturesCommandTest {

    private static final String FRONTEND = "../shared/fixtures/frontend/";

    @Test
    void csvHasOneRowPerFrameOneColumnPerBandAndMatchesLibrosa(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("case2.csv");
        CliRun run = CliRun.of("features", FRONTEND + "case2_machine_10s_pcm16.wav", "--out", csv.toString());
        assertThat(run.exitCode()).isZero();
        List<String> ours = Files.readAllLines(csv);
        List<String> ref = Files.readAllLines(Path.of(FRONTEND + "case2_machine_10s_pcm16.logmel.csv"));
        assertThat(ours).hasSize(1 + 313);
        assertThat(ours.get(0)).isEqualTo(ref.get(0)).startsWith("m0,m1,").endsWith(",m127");
        double worst = 0;
        for (int f = 1; f <= 313; f++) {
            String[] a = ours.get(f).split(",");
            String[] b = ref.get(f).split(",");
            assertThat(a).hasSize(128);
            for (int m = 0; m < 128; m++) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(a[m]) - Double.parseDouble(b[m])));
            }
        }
        assertThat(worst).isLessThan(1e-3);
    }

    @Test
    void stereoIsMixedByTheMeanAndCsvCanGoToStdout() throws Exception {
        CliRun run = CliRun.of("features", FRONTEND + "case6_stereo_10s_float32.wav", "--out", "-");
        assertThat(run.exitCode()).isZero();
        List<String> rows = run.out().lines().toList();
        List<String> ref = Files.readAllLines(Path.of(FRONTEND + "case6_stereo_10s_float32.logmel.csv"));
        assertThat(rows).hasSize(314);
        assertThat(Double.parseDouble(rows.get(100).split(",")[40]))
                .isCloseTo(Double.parseDouble(ref.get(100).split(",")[40]), org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void pngOutlinesTheMaskBesideAnAnomalousClip(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("a.png");
        Path plain = dir.resolve("b.png");
        String wav = "samples/pump/test/anomaly_id_00_00000002.wav";
        assertThat(CliRun.of("features", wav, "--out", png.toString()).exitCode()).isZero();
        assertThat(CliRun.of("features", wav, "--out", plain.toString(), "--mask", "none").exitCode()).isZero();
        BufferedImage withMask = ImageIO.read(png.toFile());
        BufferedImage without = ImageIO.read(plain.toFile());
        assertThat(withMask.getWidth()).isEqualTo(without.getWidth()).isGreaterThan(900);
        int differing = 0;
        for (int y = 0; y < withMask.getHeight(); y++) {
            for (int x = 0; x < withMask.getWidth(); x++) {
                if (withMask.getRGB(x, y) != without.getRGB(x, y)) {
                    differing++;
                    assertThat(withMask.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x00E5FF); // the outline colour only
                }
            }
        }
        assertThat(differing).isGreaterThan(50);
    }

    @Test
    void aWrongRateIsResampledAndSaidSo(@TempDir Path dir) {
        CliRun run = CliRun.of("features", FRONTEND + "resample_sine1k_44100_float32.wav", "--out",
                dir.resolve("r.csv").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("resampled from 44100 Hz to 16000 Hz");
    }

    @Test
    void silenceIsProcessedWithAWarning(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("s.csv");
        CliRun run = CliRun.of("features", FRONTEND + "case3_silence_1s_float32.wav", "--out", csv.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning", "silent");
        assertThat(Files.readAllLines(csv).get(5)).startsWith("-100.0,-100.0,");
    }

    @Test
    void aBadFileOrExtensionIsAClearError(@TempDir Path dir) {
        CliRun bad = CliRun.of("features", "../shared/fixtures/wav/err_no_data.wav", "--out", dir.resolve("x.csv").toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("err_no_data.wav", "no audio data");
        assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
        CliRun ext = CliRun.of("features", FRONTEND + "case4_short300_float32.wav", "--out", dir.resolve("x.txt").toString());
        assertThat(ext.exitCode()).isEqualTo(2);
        assertThat(ext.err()).contains(".csv or .png");
    }
}
