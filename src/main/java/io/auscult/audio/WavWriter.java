package io.auscult.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import io.auscult.engine.AtomicFile;

/**
 * Writes WAV files, 16-bit PCM or IEEE float32, mono or multichannel, atomically: the bytes go to a temporary
 * file beside the target, which is then renamed over it, so a crash never leaves half a file.
 */
public final class WavWriter {

    private WavWriter() {
    }

    /**
     * 16-bit PCM. Samples are scaled by 32768 and rounded to nearest, and clipped to
     * [-32768, 32767], so reading back gives each sample within 1/65536 (exact for values
     * that came from 16-bit PCM). NaN is written as 0.
     */
    public static void writePcm16(Path target, float[] samples, int sampleRate) throws IOException {
        checkArguments(samples, sampleRate, 2);
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            long v = Math.round(s * 32768.0);
            data.putShort((short) Math.max(-32768, Math.min(32767, v)));
        }
        write(target, 1, 16, 1, sampleRate, data.array());
    }

    /**
     * Multichannel 16-bit PCM, {@code channels[c][frame]}, interleaved. More than two channels
     * are written as WAVE_FORMAT_EXTENSIBLE (40-byte fmt, PCM sub-format GUID, channel mask 0),
     * the way MIMII's 8-channel recordings are stored; one or two as plain PCM.
     */
    public static void writePcm16(Path target, float[][] channels, int sampleRate) throws IOException {
        if (channels.length == 0 || channels.length > 0xFFFF) {
            throw new IllegalArgumentException("need 1..65535 channels, got " + channels.length);
        }
        int frames = channels[0].length;
        for (float[] c : channels) {
            if (c.length != frames) {
                throw new IllegalArgumentException("channels differ in length: " + c.length + " vs " + frames);
            }
        }
        checkArguments(new float[0], sampleRate, 2);
        if ((long) frames * channels.length * 2 > Integer.MAX_VALUE - 128) {
            throw new IllegalArgumentException(frames + " frames of " + channels.length
                    + " channels are too many for one WAV file");
        }
        ByteBuffer data = ByteBuffer.allocate(frames * channels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (float[] c : channels) {
                long v = Math.round(c[i] * 32768.0);
                data.putShort((short) Math.max(-32768, Math.min(32767, v)));
            }
        }
        write(target, 1, 16, channels.length, sampleRate, data.array());
    }

    /** IEEE float32: samples exactly as given, no clipping. */
    public static void writeFloat32(Path target, float[] samples, int sampleRate) throws IOException {
        checkArguments(samples, sampleRate, 4);
        ByteBuffer data = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            data.putFloat(s);
        }
        write(target, 3, 32, 1, sampleRate, data.array());
    }

    /** Refuses before anything is written, so a bad call never touches the target. */
    private static void checkArguments(float[] samples, int sampleRate, int bytesPerSample) {
        if (sampleRate <= 0 || sampleRate > WavReader.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate must be in 1.." + WavReader.MAX_SAMPLE_RATE
                    + " Hz, was " + sampleRate);
        }
        // The header holds sizes as 32-bit fields, and the data is built in one array.
        if ((long) samples.length * bytesPerSample > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(samples.length + " samples are too many for one WAV file");
        }
    }

    private static void write(Path target, int tag, int bits, int channels, int sampleRate, byte[] data)
            throws IOException {
        int blockAlign = channels * bits / 8;
        boolean extensible = channels > 2;
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer h = ByteBuffer.allocate(28 + fmtSize).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(20 + fmtSize + data.length + (data.length & 1))
                .put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(fmtSize)
                .putShort((short) (extensible ? 0xFFFE : tag)).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        if (extensible) {
            // cbSize, valid bits, channel mask, then the sub-format GUID xxxxxxxx-0000-0010-8000-00aa00389b71.
            h.putShort((short) 22).putShort((short) bits).putInt(0).putInt(tag)
                    .putShort((short) 0x0000).putShort((short) 0x0010)
                    .put(new byte[] {(byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        }
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt(data.length);
        AtomicFile.write(target, out -> {
            out.write(h.array());
            out.write(data);
            if ((data.length & 1) == 1) {
                out.write(0); // RIFF pad byte
            }
        });
    }
}
