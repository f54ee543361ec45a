package io.auscult.proxy;

import io.auscult.features.Spectrogram;
import io.auscult.features.Standardiser;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Moves log-mels into the graph's NHWC layout {@code (batch, mels, frames, 1)} and makes the
 * tasks' training material: crops, mixtures of a target with an interferer at a given SNR (in
 * the mel power domain, where independent sources add), gain and noise augmentations.
 */
final class Crops {

    /** Floor of the power domain, as the front end's {@code amin}. */
    private static final double AMIN = 1e-10;

    private Crops() {
    }

    /** Copies {@code frames} frames of a dB log-mel from {@code start} into {@code out[m * frames + t]}, in dB. */
    static void cropDb(Spectrogram db, int start, int frames, double[] out) {
        int mels = db.mels();
        float[] v = db.values();
        for (int t = 0; t < frames; t++) {
            int f = start + t;
            for (int m = 0; m < mels; m++) {
                out[m * frames + t] = f < db.frames() ? v[f * mels + m] : 10 * Math.log10(AMIN);
            }
        }
    }

    /** Writes a dB crop, standardised, into slot {@code b} of a flat NHWC buffer. */
    static void putStandardised(double[] cropDb, Standardiser st, int frames, float[] out, int b) {
        int mels = st.bands();
        int base = b * mels * frames;
        double[] mean = st.mean();
        double[] std = st.std();
        for (int m = 0; m < mels; m++) {
            for (int t = 0; t < frames; t++) {
                out[base + m * frames + t] = (float) ((cropDb[m * frames + t] - mean[m]) / std[m]);
            }
        }
    }

    static INDArray nhwc(float[] values, int batch, int mels, int frames) {
        return Nd4j.create(values, new long[] {batch, mels, frames, 1}, 'c');
    }

    /** Whole standardised clips of equal length (first {@code frames} frames) as one NHWC batch. */
    static INDArray clips(List<Spectrogram> standardised, int frames) {
        int mels = standardised.get(0).mels();
        float[] out = new float[standardised.size() * mels * frames];
        for (int b = 0; b < standardised.size(); b++) {
            float[] v = standardised.get(b).values();
            int base = b * mels * frames;
            for (int m = 0; m < mels; m++) {
                for (int t = 0; t < frames; t++) {
                    out[base + m * frames + t] = v[t * mels + m];
                }
            }
        }
        return nhwc(out, standardised.size(), mels, frames);
    }

    /**
     * A mixture of target and interferer (dB crops, same layout) at {@code snrDb} (target to
     * interferer power over the crop). Writes the mixture in dB to {@code mixDb} and returns the
     * mixture and target magnitudes {@code sqrt(power)} through the arrays given.
     */
    static void mix(double[] targetDb, double[] interfererDb, double snrDb, double[] mixDb, double[] targetMag,
                    double[] mixMag) {
        double pt = 0;
        double pi = 0;
        for (int i = 0; i < targetDb.length; i++) {
            pt += Math.pow(10, targetDb[i] / 10);
            pi += Math.pow(10, interfererDb[i] / 10);
        }
        double gain = pi > 0 ? pt / pi * Math.pow(10, -snrDb / 10) : 0;
        for (int i = 0; i < targetDb.length; i++) {
            double t = Math.pow(10, targetDb[i] / 10);
            double m = t + gain * Math.pow(10, interfererDb[i] / 10);
            mixDb[i] = 10 * Math.log10(Math.max(m, AMIN));
            targetMag[i] = Math.sqrt(t);
            mixMag[i] = Math.sqrt(m);
        }
    }

    /** Stationary noise: independent exponential(1) powers per bin (white in the mel power domain), in dB. */
    static void noiseDb(SplittableRandom random, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = 10 * Math.log10(Math.max(-Math.log(1 - random.nextDouble()), AMIN));
        }
    }

    /**
     * The contrastive augmentation of a dB crop, in place: a gain of ±6 dB, then with probability
     * 1/2 a mix with stationary noise at 5–20 dB SNR.
     */
    static void augment(SplittableRandom random, double[] cropDb, double[] scratch, double[] mixDb) {
        double gain = random.nextDouble(-6, 6);
        for (int i = 0; i < cropDb.length; i++) {
            cropDb[i] += gain;
        }
        if (random.nextBoolean()) {
            noiseDb(random, scratch);
            double[] a = new double[cropDb.length];
            double[] b = new double[cropDb.length];
            mix(cropDb, scratch, random.nextDouble(5, 20), mixDb, a, b);
            System.arraycopy(mixDb, 0, cropDb, 0, cropDb.length);
        }
    }
}
