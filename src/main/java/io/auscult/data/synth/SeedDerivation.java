package io.auscult.data.synth;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent seeds from a parent seed and labels, so every clip and every part of
 * a clip draws from its own random stream. Adding a clip, or drawing one more number in one
 * part, then changes nothing elsewhere.
 *
 * <p>Mixing uses the SplitMix64 finaliser (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014), the same function that seeds
 * {@link SplittableRandom}; text labels enter through their UTF-8 bytes (FNV-1a), never
 * through enum ordinals, so reordering constants never moves a seed.
 */
final class SeedDerivation {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedDerivation() {
    }

    /** A seed derived from {@code parent} and numeric labels, in order. */
    static long derive(long parent, long... labels) {
        long h = mix(parent ^ 0x5DEECE66DL);
        for (long label : labels) {
            h = mix(h + GOLDEN_GAMMA + mix(label));
        }
        return h;
    }

    /** A stable numeric label for a word (FNV-1a 64 over its UTF-8 bytes). */
    static long label(String word) {
        long h = 0xcbf29ce484222325L;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A random stream for the part {@code part} of whatever {@code seed} stands for. */
    static SplittableRandom stream(long seed, String part) {
        return new SplittableRandom(derive(seed, label(part)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
