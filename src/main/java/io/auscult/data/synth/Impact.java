package io.auscult.data.synth;

import java.util.SplittableRandom;

/**
 * One impact (a click, a knock, a pressure pulse): a few exponentially decaying modes (the
 * struck part's resonances) plus a short decaying noise click for the contact itself.
 *
 * @param startSample       where it starts
 * @param amplitude         peak amplitude scale of the whole impact
 * @param modeHz            mode frequencies
 * @param modeDecaySeconds  time constant of each mode's exponential decay
 * @param modeGain          relative amplitude of each mode
 * @param clickGain         amplitude of the contact noise relative to {@code amplitude}
 * @param clickDecaySeconds time constant of the contact noise
 * @param seed              seed of the contact noise, so every rendering is the same
 */
record Impact(int startSample, double amplitude, double[] modeHz, double[] modeDecaySeconds,
              double[] modeGain, double clickGain, double clickDecaySeconds, long seed) {

    /** Decays are rendered until they fall 80 dB (a factor 1e4, e^-9.2). */
    private static final double DECAY_TIME_CONSTANTS = 9.2;

    Impact {
        if (modeHz.length != modeDecaySeconds.length || modeHz.length != modeGain.length) {
            throw new IllegalArgumentException("mode arrays differ in length");
        }
    }

    /** The same impact at another time, with another amplitude and contact noise. */
    Impact movedTo(int sample, double newAmplitude, long newSeed) {
        return new Impact(sample, newAmplitude, modeHz, modeDecaySeconds, modeGain, clickGain,
                clickDecaySeconds, newSeed);
    }

    /** The same impact scaled in amplitude. */
    Impact scaled(double factor) {
        return new Impact(startSample, amplitude * factor, modeHz, modeDecaySeconds, modeGain, clickGain,
                clickDecaySeconds, seed);
    }

    /** Length in samples until every part has decayed by 80 dB. */
    int lengthSamples(int sampleRate) {
        double longest = clickDecaySeconds;
        for (double d : modeDecaySeconds) {
            longest = Math.max(longest, d);
        }
        return (int) Math.ceil(longest * DECAY_TIME_CONSTANTS * sampleRate);
    }

    double lowestModeHz() {
        double low = Double.MAX_VALUE;
        for (double f : modeHz) {
            low = Math.min(low, f);
        }
        return low;
    }

    double highestModeHz() {
        double high = 0;
        for (double f : modeHz) {
            high = Math.max(high, f);
        }
        return high;
    }

    /**
     * Adds the impact to {@code out}. Each mode {@code A r^n sin(w n)} comes from the
     * recurrence {@code y[n] = 2 r cos(w) y[n-1] - r^2 y[n-2]}, one multiply-add per sample
     * and stable because {@code r < 1}.
     */
    void addTo(double[] out, int sampleRate) {
        if (amplitude == 0 || startSample >= out.length) {
            return;
        }
        for (int m = 0; m < modeHz.length; m++) {
            double r = StrictMath.exp(-1.0 / (modeDecaySeconds[m] * sampleRate));
            double w = 2 * Math.PI * modeHz[m] / sampleRate;
            double c = 2 * r * StrictMath.cos(w);
            double rr = r * r;
            int length = Math.min((int) Math.ceil(modeDecaySeconds[m] * DECAY_TIME_CONSTANTS * sampleRate),
                    out.length - startSample);
            double a = amplitude * modeGain[m];
            double y2 = 0;
            double y1 = a * r * StrictMath.sin(w);
            for (int n = 1; n < length; n++) {
                out[startSample + n] += y1;
                double y = c * y1 - rr * y2;
                y2 = y1;
                y1 = y;
            }
        }
        if (clickGain > 0) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double decay = StrictMath.exp(-1.0 / (clickDecaySeconds * sampleRate));
            int length = Math.min((int) Math.ceil(clickDecaySeconds * DECAY_TIME_CONSTANTS * sampleRate),
                    out.length - startSample);
            double g = amplitude * clickGain;
            for (int n = 0; n < length; n++) {
                out[startSample + n] += g * (2 * rnd.nextDouble() - 1);
                g *= decay;
            }
        }
    }
}
