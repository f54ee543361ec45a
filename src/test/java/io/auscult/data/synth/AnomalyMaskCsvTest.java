package io.auscult.data.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.auscult.features.Spectrogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalyMaskCsvTest {

    @TempDir
    Path tmp;

    private static AnomalyMask sample() {
        boolean[] cells = new boolean[3 * 4];
        cells[0 * 4 + 1] = true;
        cells[2 * 4 + 3] = true;
        return new AnomalyMask(cells, 3, 4);
    }

    @Test
    void fileHasAHeaderOfBandsAndOneRowOfZerosAndOnesPerFrame() {
        String text = new String(AnomalyMaskCsv.toBytes(sample()), StandardCharsets.US_ASCII);
        assertThat(text).isEqualTo("m0,m1,m2,m3\n0,1,0,0\n0,0,0,0\n0,0,0,1\n");
    }

    @Test
    void writtenMaskReadsBackEqual() throws IOException {
        Path f = tmp.resolve("x.mask.csv");
        AnomalyMaskCsv.write(f, sample());
        AnomalyMask back = AnomalyMaskCsv.read(f);
        assertThat(back.frames()).isEqualTo(3);
        assertThat(back.mels()).isEqualTo(4);
        assertThat(back.cells()).isEqualTo(sample().cells());
    }

    @Test
    void badFilesAreRefusedNamingFileAndPlace() throws IOException {
        Path wrongValue = tmp.resolve("v.mask.csv");
        Files.writeString(wrongValue, "m0,m1\n0,1\n0,2\n");
        assertThatThrownBy(() -> AnomalyMaskCsv.read(wrongValue))
                .isInstanceOf(MaskFormatException.class)
                .hasMessageStartingWith(wrongValue.toString())
                .hasMessageContaining("row 3").hasMessageContaining("'2'");
        Path shortRow = tmp.resolve("s.mask.csv");
        Files.writeString(shortRow, "m0,m1\n0\n");
        assertThatThrownBy(() -> AnomalyMaskCsv.read(shortRow)).hasMessageContaining("row 2 has 1 values, not 2");
        Path header = tmp.resolve("h.mask.csv");
        Files.writeString(header, "a,b\n0,1\n");
        assertThatThrownBy(() -> AnomalyMaskCsv.read(header)).hasMessageContaining("expected 'm0'");
        assertThatThrownBy(() -> AnomalyMaskCsv.read(tmp.resolve("missing.mask.csv")))
                .hasMessageContaining("no such file");
    }

    @Test
    void maskFileLiesBesideItsWav() {
        assertThat(AnomalyMaskCsv.besideWav(Path.of("fan", "test", "anomaly_id_00_00000001.wav")))
                .isEqualTo(Path.of("fan", "test", "anomaly_id_00_00000001.mask.csv"));
    }

    @Test
    void maskMarksBinsThatChangeByTheThresholdEitherWay() {
        double[] centres = {100, 200};
        Spectrogram normal = new Spectrogram(new float[] {-40, -40, -40, -40}, 2, 2, 512, 16000, centres);
        Spectrogram anomalous = normal.withValues(new float[] {-37, -37.1f, -43, -40});
        AnomalyMask mask = AnomalyMask.between(normal, anomalous);
        assertThat(mask.cells()).containsExactly(true, false, true, false);
        assertThat(mask.count()).isEqualTo(2);
        assertThat(mask.fraction()).isEqualTo(0.5);
        assertThat(mask.firstFrame()).isZero();
        assertThat(mask.lastFrame()).isEqualTo(1);
        assertThat(mask.toFloats()).containsExactly(1f, 0f, 1f, 0f);
    }
}
