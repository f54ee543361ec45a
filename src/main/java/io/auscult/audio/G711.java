package io.auscult.audio;

/**
 * G.711 expansion to 16-bit linear values, as the ITU tables (and Sun's reference g711.c,
 * which libsndfile follows) define them: mu-law peaks at 32124, A-law at 32256.
 */
final class G711 {

    private static final int BIAS = 0x84;
    private static final int QUANT_MASK = 0x0F;
    private static final int SEG_MASK = 0x70;
    private static final int SEG_SHIFT = 4;
    private static final int SIGN_BIT = 0x80;

    private static final short[] ULAW = new short[256];
    private static final short[] ALAW = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW[i] = (short) expandUlaw(i);
            ALAW[i] = (short) expandAlaw(i);
        }
    }

    private G711() {
    }

    static int ulawToLinear(byte code) {
        return ULAW[code & 0xFF];
    }

    static int alawToLinear(byte code) {
        return ALAW[code & 0xFF];
    }

    private static int expandUlaw(int code) {
        int u = ~code & 0xFF;
        int t = ((u & QUANT_MASK) << 3) + BIAS;
        t <<= (u & SEG_MASK) >> SEG_SHIFT;
        return (u & SIGN_BIT) != 0 ? BIAS - t : t - BIAS;
    }

    private static int expandAlaw(int code) {
        int a = code ^ 0x55;
        int t = (a & QUANT_MASK) << 4;
        int seg = (a & SEG_MASK) >> SEG_SHIFT;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (a & SIGN_BIT) != 0 ? t : -t;
    }
}
