package io.auscult.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {

    private static final String WAV = "../shared/fixtures/wav/";

    @Test
    void printsTheFormatFactsOfAGoodFile() {
        CliRun run = CliRun.of("info", WAV + "ok_ext_pcm16_8ch_mimii.wav");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("16000 Hz", "8 channels", "1600 frames", "pcm_s16", "16-bit");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonLinesCarryTheFactsOrTheErrorAndExitOneWhenAFileFails() throws Exception {
        CliRun run = CliRun.of("info", "--json", WAV + "ok_float64_mono.wav", WAV + "err_data_truncated.wav",
                WAV + "ok_pcm_u8_mono.wav");
        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode good = mapper.readTree(lines.get(0));
        assertThat(good.get("path").asText()).endsWith("ok_float64_mono.wav");
        assertThat(good.get("sampleRate").asInt()).isEqualTo(16000);
        assertThat(good.get("channels").asInt()).isEqualTo(1);
        assertThat(good.get("frames").asLong()).isEqualTo(1600);
        assertThat(good.get("bitsPerSample").asInt()).isEqualTo(64);
        assertThat(good.get("encoding").asText()).isEqualTo("float64");
        assertThat(good.get("durationSeconds").asDouble()).isEqualTo(0.1);
        JsonNode bad = mapper.readTree(lines.get(1));
        assertThat(bad.get("path").asText()).endsWith("err_data_truncated.wav");
        assertThat(bad.get("error").asText()).contains("truncated");
        assertThat(bad.has("sampleRate")).isFalse();
        assertThat(mapper.readTree(lines.get(2)).get("encoding").asText()).isEqualTo("pcm_u8");
    }

    @Test
    void aBadFileIsNamedOnStderrWithTheReasonAndTheBatchGoesOn() {
        CliRun run = CliRun.of("info", WAV + "err_not_riff_mp3.wav", WAV + "ok_pcm_s16_mono.wav");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("err_not_riff_mp3.wav", "not a WAV").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).contains("ok_pcm_s16_mono.wav");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CliRun.of("info").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("no-such-command").exitCode()).isEqualTo(2);
    }
}
