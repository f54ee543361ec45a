package io.auscult.audio;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.auscult.audio.WavFixtures.Row;

/** Table-driven over ../shared/fixtures/wav/expect.csv: every ok, error and any file. */
class WavFixtureTest {

    private static final double TOLERANCE = 1e-7;
    private static final String TEN_SECONDS = "ok_ext_pcm16_8ch_10s.wav";

    /** What each refusal must say (all phrases), in the user's words (README notes). */
    private static final Map<String, List<String>> REASONS = Map.ofEntries(
            entry("err_not_riff_ogg.wav", List.of("not a WAV", "Ogg")),
            entry("err_not_riff_mp3.wav", List.of("not a WAV", "MP3")),
            entry("err_rifx_big_endian.wav", List.of("big-endian", "RIFX")),
            entry("err_riff_not_wave.wav", List.of("not a WAVE", "AVI")),
            entry("err_fmt_too_short.wav", List.of("format (fmt) chunk of 14 bytes", "at least 16")),
            entry("err_no_fmt.wav", List.of("no format (fmt) chunk")),
            entry("err_no_data.wav", List.of("no audio data", "data chunk")),
            entry("err_data_empty.wav", List.of("no samples", "empty")),
            entry("err_data_truncated.wav", List.of("truncated", "6400 bytes", "4003")),
            entry("err_block_align.wav", List.of("block align is 3", "need 4")),
            entry("err_ms_adpcm.wav", List.of("unsupported encoding", "Microsoft ADPCM", "0x0002")));

    static Stream<Row> okRows() {
        return WavFixtures.rows("ok").stream();
    }

    static Stream<Row> okRowsWithMonoCsv() {
        return okRows().filter(r -> !r.file().equals(TEN_SECONDS));
    }

    static Stream<Row> errorRows() {
        return WavFixtures.rows("error").stream();
    }

    static Stream<Row> anyRows() {
        return WavFixtures.rows("any").stream();
    }

    /** (row, channel) for every NAME.chK.csv beside an ok file. */
    static Stream<Arguments> singleChannelCsvs() {
        List<Arguments> out = new ArrayList<>();
        for (Row r : WavFixtures.rows("ok")) {
            for (int c = 0; c < r.channels(); c++) {
                if (WavFixtures.exists(r.stem() + ".ch" + c + ".csv")) {
                    out.add(Arguments.of(r, c));
                }
            }
        }
        return out.stream();
    }

    @Test
    void tableCoversEveryWavInTheFolderAndEveryKindOfRow() throws IOException {
        List<String> wavs;
        try (Stream<Path> files = Files.list(WavFixtures.DIR)) {
            wavs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wav")).sorted().toList();
        }
        assertThat(WavFixtures.rows()).extracting(Row::file).containsExactlyInAnyOrderElementsOf(wavs);
        assertThat(okRows()).hasSize(19);
        assertThat(errorRows()).hasSize(11);
        assertThat(anyRows()).hasSize(4);
        assertThat(singleChannelCsvs()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("okRows")
    void okFileHeaderGivesExactlyTheExpectedFacts(Row row) throws Exception {
        assertFacts(row, WavReader.readInfo(row.path()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("okRowsWithMonoCsv")
    void okFileDecodesToTheReferenceChannelMean(Row row) throws Exception {
        AudioClip clip = WavReader.read(row.path());

        assertThat(clip.sampleRate()).isEqualTo(row.sampleRate());
        assertThat(clip.channel()).isEqualTo(ChannelChoice.MEAN);
        assertThat(clip.source()).isEqualTo(row.path().toString());
        assertSamples(clip.samples(), WavFixtures.column(row.stem() + ".mono.csv"),
                exactInFloat(row.encoding(), row.channels()), row.file() + " mono");
    }

    @ParameterizedTest(name = "{0} channel {1}")
    @MethodSource("singleChannelCsvs")
    void singleChannelDecodesToTheReferenceChannel(Row row, int channel) throws Exception {
        AudioClip clip = WavReader.read(row.path(), ChannelChoice.single(channel));

        assertThat(clip.channel()).isEqualTo(ChannelChoice.single(channel));
        assertSamples(clip.samples(), WavFixtures.column(row.stem() + ".ch" + channel + ".csv"),
                exactInFloat(row.encoding(), 1), row.file() + " channel " + channel);
    }

    @Test
    void tenSecondMimiiFileMeanMatchesItsExactIntegerSummary() throws Exception {
        JsonNode summary = summary();
        float[] mono = WavReader.read(WavFixtures.path(TEN_SECONDS)).samples();

        assertThat(mono).hasSize(summary.get("frames").asInt());
        long intSum = 0;
        long intSumSq = 0;
        double sum = 0;
        double sumSq = 0;
        for (float x : mono) {
            // mono = (sum of 8 int16) / 8 / 32768: times 262144 it is that integer sum exactly.
            double scaled = x * 262144.0;
            long s = (long) scaled;
            assertThat((double) s).as("mono sample times 8 x 32768 is an integer").isEqualTo(scaled);
            intSum += s;
            intSumSq += s * s;
            sum += x;
            sumSq += (double) x * x;
        }
        assertThat(intSum).isEqualTo(summary.get("exact_int_sum").asLong());
        assertThat(intSumSq).isEqualTo(summary.get("exact_int_sum_sq").asLong());
        assertRelative(sum, summary.get("sum_mono").asDouble(), 1e-12, "sum_mono");
        assertRelative(sumSq, summary.get("sum_sq_mono").asDouble(), 1e-12, "sum_sq_mono");
        assertEnds(mono, summary.get("first16_mono"), summary.get("last16_mono"));
    }

    @Test
    void tenSecondMimiiFileChannel2MatchesItsExactIntegerSummary() throws Exception {
        JsonNode summary = summary();
        float[] ch2 = WavReader.read(WavFixtures.path(TEN_SECONDS), ChannelChoice.single(2)).samples();

        long intSum = 0;
        for (float x : ch2) {
            intSum += (long) (x * 32768.0);
        }
        assertThat(intSum).isEqualTo(summary.get("ch2_exact_int_sum").asLong());
        assertEnds(ch2, summary.get("ch2_first16"), summary.get("ch2_last16"));
    }

    @Test
    void tenSecondMimiiFileSamplesSpanTheSummarysInt16Range() throws Exception {
        JsonNode summary = summary();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (float[] channel : WavReader.readChannels(WavFixtures.path(TEN_SECONDS))) {
            for (float x : channel) {
                int v = (int) (x * 32768.0f);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertThat(min).isEqualTo(summary.get("min_int16").asInt());
        assertThat(max).isEqualTo(summary.get("max_int16").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorRows")
    void errorFileIsRefusedNamingTheFileAndTheReason(Row row) {
        assertThat(REASONS).as("key phrases for " + row.file()).containsKey(row.file());

        AudioFormatException e = catchThrowableOfType(() -> WavReader.read(row.path()), AudioFormatException.class);

        assertThat(e).as(row.file() + " must be refused with an AudioFormatException").isNotNull();
        assertThat(e.file()).isEqualTo(row.path());
        assertThat(e.getMessage()).isEqualTo(row.path() + ": " + e.reason()).contains(row.file());
        for (String phrase : REASONS.get(row.file())) {
            assertThat(e.reason()).as("reason for " + row.file()).contains(phrase);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorRows")
    void errorFileIsAlreadyRefusedByTheHeaderScanForTheSameReason(Row row) throws Exception {
        String reason = catchThrowableOfType(() -> WavReader.read(row.path()), AudioFormatException.class).reason();

        assertThatThrownBy(() -> WavReader.readInfo(row.path()))
                .isInstanceOf(AudioFormatException.class)
                .extracting(t -> ((AudioFormatException) t).reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anyRows")
    void anyFileDecodesCorrectlyOrIsRefusedClearly(Row row) throws Exception {
        AudioClip clip;
        try {
            clip = WavReader.read(row.path());
        } catch (AudioFormatException e) {
            // A refusal is allowed; it must be a clear one. Any other exception fails the test.
            assertThat(e.getMessage()).contains(row.file());
            assertThat(e.reason()).isNotBlank();
            return;
        }
        assertFacts(row, WavReader.readInfo(row.path()));
        assertThat(clip.sampleRate()).isEqualTo(row.sampleRate());
        assertSamples(clip.samples(), WavFixtures.column(row.stem() + ".mono.csv"),
                exactInFloat(row.encoding(), row.channels()), row.file() + " mono");
    }

    @Test
    void streamingFileWithUnfixedSizesIsReadToTheEndOfTheFile() throws Exception {
        WavInfo info = WavReader.readInfo(WavFixtures.path("any_streaming_ffffffff.wav"));

        // 0xFFFFFFFF is not believed: the frames are those present, not 2 Gi of them.
        assertThat(info.frames()).isEqualTo(1600);
        assertThat(info.dataOffset() + info.frames() * info.blockAlign()).isEqualTo(info.fileSize());
    }

    @Test
    void mulawAndAlawPeaksAreTheG711ExpansionOverFullScale() {
        // Sun's g711.c / libsndfile: mu-law peaks at 32124, A-law at 32256 (README).
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo(32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo(-32124);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo(32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo(-32256);
        assertThat(G711.ulawToLinear((byte) 0xFF)).isZero();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Integer sources up to 16 bits (any channel count up to the fixtures' 8) and single
     * 24-bit or float32 channels are exact in float32 (README, "Tolerance"); channel means of
     * float32 or 24-bit sources and 32/64-bit sources are only within 1e-7.
     */
    private static boolean exactInFloat(String encoding, int channelsAveraged) {
        return switch (encoding) {
            case "pcm_u8", "pcm_s16", "mulaw", "alaw" -> true;
            case "pcm_s24", "float32" -> channelsAveraged == 1;
            default -> false;
        };
    }

    private static void assertFacts(Row row, WavInfo info) {
        assertThat(info.file()).isEqualTo(row.path());
        assertThat(info.sampleRate()).as("sample rate").isEqualTo(row.sampleRate());
        assertThat(info.channels()).as("channels").isEqualTo(row.channels());
        assertThat(info.frames()).as("frames").isEqualTo(row.frames());
        assertThat(info.bitsPerSample()).as("bits per sample").isEqualTo(row.bits());
        assertThat(info.encoding().label()).as("encoding").isEqualTo(row.encoding());
    }

    private static void assertSamples(float[] actual, double[] expected, boolean exact, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        double worst = 0;
        int worstAt = -1;
        int mismatches = 0;
        for (int i = 0; i < expected.length; i++) {
            // Parse as double, then cast: the %.9g values are exactly float32 (README).
            double reference = exact ? (float) expected[i] : expected[i];
            double err = Math.abs(actual[i] - reference);
            if (exact ? err != 0 : err > TOLERANCE) {
                mismatches++;
            }
            if (err > worst || worstAt < 0) {
                worst = Math.max(err, worst);
                worstAt = i;
            }
        }
        assertThat(mismatches)
                .as("%s: samples %s (worst |error| %.3g at frame %d: %s vs %s)", what,
                        exact ? "not exactly equal" : "off by more than 1e-7", worst, worstAt,
                        actual[worstAt], expected[worstAt])
                .isZero();
    }

    private static void assertRelative(double actual, double expected, double rel, String what) {
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(rel * Math.abs(expected));
    }

    private static void assertEnds(float[] samples, JsonNode first, JsonNode last) {
        assertThat(first).hasSize(16);
        assertThat(last).hasSize(16);
        for (int i = 0; i < 16; i++) {
            assertThat((double) samples[i]).as("sample " + i).isEqualTo(first.get(i).asDouble());
            int at = samples.length - 16 + i;
            assertThat((double) samples[at]).as("sample " + at).isEqualTo(last.get(i).asDouble());
        }
    }

    private static JsonNode summary() throws IOException {
        return new ObjectMapper().readTree(WavFixtures.path("ok_ext_pcm16_8ch_10s.summary.json").toFile());
    }
}
