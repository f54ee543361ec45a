package io.auscult.data.synth;

/**
 * One coloured part of a machine's or a plant's noise, with its RMS level (for unit-variance
 * white input): a resonant band, a low-pass rumble, or plain white hiss.
 *
 * @param shape       resonant band, one-pole low-pass or white
 * @param hz          centre (resonant) or cut-off (low-pass) frequency; ignored for white
 * @param bandwidthHz -3 dB bandwidth of a resonant band; ignored otherwise
 * @param rms         RMS level of this part
 */
record NoiseBand(Shape shape, double hz, double bandwidthHz, double rms) {

    enum Shape { RESONANT, LOWPASS, WHITE }

    static NoiseBand resonant(double hz, double bandwidthHz, double rms) {
        return new NoiseBand(Shape.RESONANT, hz, bandwidthHz, rms);
    }

    static NoiseBand lowpass(double cutoffHz, double rms) {
        return new NoiseBand(Shape.LOWPASS, cutoffHz, 0, rms);
    }

    static NoiseBand white(double rms) {
        return new NoiseBand(Shape.WHITE, 0, 0, rms);
    }
}
