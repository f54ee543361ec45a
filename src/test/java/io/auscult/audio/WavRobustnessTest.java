package io.auscult.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged input never escapes as anything but an {@link AudioFormatException}: no
 * IndexOutOfBounds, no OutOfMemoryError from a believed size field, no partial clip.
 */
class WavRobustnessTest {

    /** Small valid files of different layouts to damage. */
    private static final List<String> VICTIMS = List.of(
            "ok_pcm_s16_mono.wav", "ok_pcm_u8_mono.wav", "ok_ext_pcm16_8ch_mimii.wav",
            "ok_ext_float32_stereo.wav", "ok_float64_mono.wav", "ok_chunk_odd_unknown.wav",
            "ok_chunk_list_info.wav", "any_mulaw_8bit.wav", "any_streaming_ffffffff.wav");

    @TempDir
    Path dir;

    @Test
    void everyTruncationOfAPcm16FileIsRefused() throws IOException {
        byte[] full = fixture("ok_pcm_s16_mono.wav");
        Path cut = dir.resolve("cut.wav");
        for (int length = 0; length < full.length; length++) {
            Files.write(cut, Arrays.copyOf(full, length));

            AudioFormatException e = refusal(cut, "prefix of " + length + " bytes");

            if (length >= 44) {
                // The data chunk header is complete: it promises 3200 bytes that are not there.
                assertThat(e.reason()).as("prefix of %d bytes", length).contains("truncated");
            }
        }
    }

    @Test
    void everyTruncationOfAnExtensibleMultichannelFileIsRefused() throws IOException {
        byte[] full = fixture("ok_ext_pcm16_8ch_mimii.wav");
        Path cut = dir.resolve("cut.wav");
        for (int length = 0; length < full.length; length += length < 200 ? 1 : 61) {
            Files.write(cut, Arrays.copyOf(full, length));
            refusal(cut, "prefix of " + length + " bytes");
        }
    }

    @Test
    void truncationInsideAChunkHeaderIsCalledTruncated() throws IOException {
        Path cut = dir.resolve("cut.wav");
        Files.write(cut, Arrays.copyOf(fixture("ok_pcm_s16_mono.wav"), 40));

        assertThat(refusal(cut, "cut in the data chunk header").reason())
                .contains("truncated").contains("chunk header at byte 36");
    }

    @Test
    void randomHeaderBytesNeverCauseAnythingButARefusalOrAConsistentClip() throws IOException {
        SplittableRandom random = new SplittableRandom(20_240_611L);
        Path damaged = dir.resolve("damaged.wav");
        for (int k = 0; k < 400; k++) {
            String source = VICTIMS.get(k % VICTIMS.size());
            byte[] bytes = fixture(source);
            int changes = 1 + random.nextInt(4);
            StringBuilder what = new StringBuilder(source);
            for (int c = 0; c < changes; c++) {
                int at = random.nextInt(Math.min(bytes.length, 100));
                bytes[at] = (byte) random.nextInt(256);
                what.append(" byte ").append(at).append('=').append(bytes[at] & 0xFF);
            }
            Files.write(damaged, bytes);
            decodeOrRefuse(damaged, what.toString());
        }
    }

    @Test
    void randomBytesAnywhereNeverCauseAnythingButARefusalOrAConsistentClip() throws IOException {
        SplittableRandom random = new SplittableRandom(7L);
        Path damaged = dir.resolve("damaged.wav");
        for (int k = 0; k < 150; k++) {
            String source = VICTIMS.get(k % VICTIMS.size());
            byte[] bytes = fixture(source);
            StringBuilder what = new StringBuilder(source);
            for (int c = 0; c < 8; c++) {
                int at = random.nextInt(bytes.length);
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                what.append(" flip@").append(at);
            }
            Files.write(damaged, bytes);
            decodeOrRefuse(damaged, what.toString());
        }
    }

    @Test
    void extremeValuesInEveryHeaderFieldNeverCauseAnythingButARefusalOrAConsistentClip() throws IOException {
        int[] nasty32 = {0, 1, 2, 3, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFE, 0x0001_0000};
        int[] nasty16 = {0, 1, 3, 7, 0x7FFF, 0x8000, 0xFFFF, 0xFFFE};
        Path damaged = dir.resolve("damaged.wav");
        for (String source : List.of("ok_pcm_s16_mono.wav", "ok_ext_pcm16_8ch_mimii.wav", "ok_chunk_odd_unknown.wav")) {
            byte[] original = fixture(source);
            for (int at = 4; at + 4 <= 84; at += 2) {
                for (int v : (at % 4 == 0 ? nasty32 : nasty16)) {
                    byte[] bytes = original.clone();
                    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                    if (at % 4 == 0) {
                        b.putInt(at, v);
                    } else {
                        b.putShort(at, (short) v);
                    }
                    Files.write(damaged, bytes);
                    decodeOrRefuse(damaged, source + " at byte " + at + " = 0x" + Integer.toHexString(v));
                }
            }
        }
    }

    @Test
    void randomChunkSoupAfterAWaveHeaderIsRefusedOrDecodedNeverCrashes() throws IOException {
        SplittableRandom random = new SplittableRandom(99L);
        String[] ids = {"fmt ", "data", "LIST", "fact", "junk", "\0\0\0\0"};
        Path soup = dir.resolve("soup.wav");
        for (int k = 0; k < 200; k++) {
            ByteBuffer b = ByteBuffer.allocate(12 + 4 * 48).order(ByteOrder.LITTLE_ENDIAN);
            b.put("RIFF".getBytes()).putInt(random.nextInt()).put("WAVE".getBytes());
            while (b.remaining() >= 8) {
                b.put(ids[random.nextInt(ids.length)].getBytes());
                b.putInt(random.nextBoolean() ? random.nextInt(40) : random.nextInt());
                while (b.remaining() > 0 && random.nextInt(6) != 0) {
                    b.put((byte) random.nextInt(256));
                }
            }
            Files.write(soup, Arrays.copyOf(b.array(), b.position()));
            decodeOrRefuse(soup, "chunk soup #" + k);
        }
    }

    @Test
    void aDataSizeOfTwoGibibytesInASmallFileIsRefusedAsTruncatedNotAllocated() throws IOException {
        byte[] bytes = fixture("ok_pcm_s16_mono.wav");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7FFF_FFFE);
        Path liar = dir.resolve("liar.wav");
        Files.write(liar, bytes);

        assertThat(refusal(liar, "2 GiB data size").reason()).contains("truncated").contains("2147483646");
    }

    @Test
    void folderIsRefusedAsAFolder() {
        assertThat(refusal(dir, "a folder").reason()).contains("folder");
    }

    @Test
    void missingFileIsRefusedAsMissing() {
        Path missing = dir.resolve("nothing-here.wav");

        AudioFormatException e = refusal(missing, "a missing file");

        assertThat(e.reason()).isEqualTo("does not exist");
        assertThat(e.getMessage()).contains("nothing-here.wav");
    }

    @Test
    void zeroByteFileIsRefusedAsEmpty() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.wav"));

        assertThat(refusal(empty, "0 bytes").reason()).contains("empty");
    }

    @Test
    void unreadableFileIsRefusedAsUnreadable() throws IOException {
        Path locked = dir.resolve("locked.wav");
        Files.write(locked, fixture("ok_pcm_s16_mono.wav"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "permissions are not enforced for this user (root)");

        assertThat(refusal(locked, "no read permission").reason()).contains("permission denied");
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(WavFixtures.path(name));
    }

    /** Both the header scan and the decoder refuse the file; nothing else is thrown. */
    private static AudioFormatException refusal(Path file, String what) {
        AudioFormatException e = catchThrowableOfType(() -> WavReader.read(file), AudioFormatException.class);
        assertThat(e).as(what + ": read must refuse").isNotNull();
        assertThat(e.getMessage()).as(what).startsWith(file + ": ");
        assertThat(e.reason()).as(what).isNotBlank();
        assertThat(catchThrowableOfType(() -> WavReader.readInfo(file), AudioFormatException.class))
                .as(what + ": readInfo must refuse").isNotNull();
        return e;
    }

    /**
     * Decoding either succeeds with a clip as long as the header says, which fits in the file
     * (so no size field was believed beyond the bytes present), or fails with an
     * AudioFormatException naming the file. Anything else fails the test.
     */
    private static void decodeOrRefuse(Path file, String what) throws IOException {
        try {
            WavInfo info = WavReader.readInfo(file);
            for (ChannelChoice choice : Stream.of(ChannelChoice.MEAN, ChannelChoice.single(info.channels() - 1)).toList()) {
                AudioClip clip = WavReader.read(file, choice);
                assertThat((long) clip.length()).as(what).isEqualTo(info.frames());
                assertThat(info.dataOffset() + info.frames() * info.blockAlign()).as(what)
                        .isLessThanOrEqualTo(Files.size(file));
                assertThat(clip.sampleRate()).as(what).isEqualTo(info.sampleRate());
            }
        } catch (AudioFormatException e) {
            assertThat(e.getMessage()).as(what).startsWith(file + ": ");
            assertThat(e.reason()).as(what).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail(what + ": threw " + e, e);
        }
    }
}
