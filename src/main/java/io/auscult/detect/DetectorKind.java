package io.auscult.detect;

import java.util.Locale;

/** The three detectors of DESIGN.md, and the proxy lab's embedding detector. */
public enum DetectorKind {
    /** Convolutional autoencoder, fully convolutional along time. */
    AE("ae"),
    /** The same backbone trained to inpaint hidden patches; scored by K complementary passes. */
    MAE("mae"),
    /** The DCASE 2020 baseline: a dense autoencoder on 5 stacked frames. */
    DENSE("dense"),
    /**
     * Mahalanobis distance of a conv encoder's pooled embedding to normal training embeddings: the
     * proxy lab's MD detector, opened from the lab (not trained by {@code auscult train}); it has no
     * reconstruction.
     */
    MD("md");

    private final String word;

    DetectorKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** Whether {@code auscult train} and the training dialog make this detector (the lab makes the md one). */
    public boolean trainable() {
        return this != MD;
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
