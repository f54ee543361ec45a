package io.auscult.audio;

/** How the samples of a WAV data chunk are stored. */
public enum SampleEncoding {
    PCM_U8("pcm_u8", 8),
    PCM_S16("pcm_s16", 16),
    PCM_S24("pcm_s24", 24),
    PCM_S32("pcm_s32", 32),
    FLOAT32("float32", 32),
    FLOAT64("float64", 64),
    /** G.711 mu-law, 8 bits. */
    MULAW("mulaw", 8),
    /** G.711 A-law, 8 bits. */
    ALAW("alaw", 8);

    private final String label;
    private final int bits;

    SampleEncoding(String label, int bits) {
        this.label = label;
        this.bits = bits;
    }

    /** The short lower-case name used in reports and JSON ("pcm_s16", "float32", ...). */
    public String label() {
        return label;
    }

    /** Container size in bits (wBitsPerSample). */
    public int bits() {
        return bits;
    }

    public int bytesPerSample() {
        return bits / 8;
    }
}
