package io.auscult.detect;

import java.util.Locale;

/** The three detectors of DESIGN.md. */
public enum DetectorKind {
    /** Convolutional autoencoder, fully convolutional along time. */
    AE("ae"),
    /** The same backbone trained to inpaint hidden patches; scored by K complementary passes. */
    MAE("mae"),
    /** The DCASE 2020 baseline: a dense autoencoder on 5 stacked frames. */
    DENSE("dense");

    private final String word;

    DetectorKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static DetectorKind parse(String text) {
        for (DetectorKind k : values()) {
            if (k.word.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model '" + text + "'; choose ae, mae or dense");
    }
}
