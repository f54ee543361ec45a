package io.auscult.ui.spectrogram;

import io.auscult.features.FeatureSpec;
import io.auscult.features.PowerSpectrogram;
import io.auscult.features.Stft;

/**
 * The linear-frequency picture of a recording for the spectrogram view: the power of the
 * front end's own STFT (same n_fft, hop and framing as the log-mel, so the frames line up) in
 * dB, {@code 10 log10(max(power, 1e-10))} like the log-mel, one band per FFT bin with its
 * centre at {@code k * sampleRate / nFft} Hz (513 bins from 0 to 8 kHz for the demo's
 * 1024-point FFT at 16 kHz). Computed on the compute thread.
 */
public final class LinearSpectrogram {

    private LinearSpectrogram() {
    }

    /** The dB power spectrogram of {@code samples} at {@code spec}'s rate, FFT size and hop. */
    public static io.auscult.features.Spectrogram of(float[] samples, FeatureSpec spec) {
        Stft stft = new Stft(spec);
        PowerSpectrogram p = stft.power(samples);
        float[] db = new float[p.frames() * p.bins()];
        double[] power = p.values();
        for (int i = 0; i < db.length; i++) {
            db[i] = (float) (10.0 * Math.log10(Math.max(power[i], FeatureSpec.AMIN)));
        }
        double[] centres = new double[p.bins()];
        for (int k = 0; k < centres.length; k++) {
            centres[k] = k * (double) spec.sampleRate() / spec.nFft();
        }
        return new io.auscult.features.Spectrogram(db, p.frames(), p.bins(), spec.hop(), spec.sampleRate(), centres);
    }
}
