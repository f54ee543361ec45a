package io.auscult.audio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClipPlayerTest {

    @Test
    void samplesBecomeLittleEndian16BitClippedAtFullScale() {
        byte[] pcm = ClipPlayer.toPcm16(new float[] {0f, 1f, -1f, 2f, 0.5f}, 1, 5);
        assertThat(pcm).containsExactly(
                (byte) 0xFF, (byte) 0x7F,  // 1.0 -> 32767
                (byte) 0x01, (byte) 0x80,  // -1.0 -> -32767
                (byte) 0xFF, (byte) 0x7F,  // 2.0 clipped -> 32767
                (byte) 0x00, (byte) 0x40); // 0.5 -> 16384 (16383.5 rounded half up)
    }

    @Test
    void withoutAnAudioDevicePlayingSaysWhyInsteadOfFailingLater() {
        // Where a device exists (a desktop) the clip plays; where none does (CI, servers) the
        // player refuses at once with a message for the user. Either way nothing is thrown else.
        try (ClipPlayer player = new ClipPlayer()) {
            try {
                player.play(AudioClip.of(new float[1600], 16000, "silence"), 0, 0.1, false);
                player.stop();
            } catch (ClipPlayer.PlaybackUnavailableException e) {
                assertThat(e.getMessage()).startsWith("No audio output available on this computer (");
            }
            assertThat(player.isPlaying()).isFalse();
        }
    }
}
