package io.auscult.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.auscult.data.Domain;
import io.auscult.features.Spectrogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MachineSoundSynthesizerTest {

    private static final int HOP = 512;
    private static final int RATE = MachineSoundSynthesizer.SAMPLE_RATE;
    /** Half the Hann main lobe of a 1024-point frame at 16 kHz: 2 FFT bins. */
    private static final double MAIN_LOBE_HZ = 2 * 16000.0 / 1024;

    private final MachineSoundSynthesizer synth = new MachineSoundSynthesizer();

    private SyntheticClip normal(MachineType m, int id, Domain d, double snr, long seed) {
        return synth.render(ClipSpec.normal(m, id, d, snr, 10, seed));
    }

    private SyntheticClip anomalous(MachineType m, AnomalyKind k, long seed) {
        return synth.render(ClipSpec.anomalous(m, 0, Domain.SOURCE, k, 6, 10, seed));
    }

    @Test
    void sameSpecRendersIdenticalSamplesAndMask() {
        ClipSpec spec = ClipSpec.anomalous(MachineType.PUMP, 1, Domain.TARGET, AnomalyKind.HARMONIC_SHIFT, 4, 10, 99);
        SyntheticClip a = synth.render(spec);
        SyntheticClip b = new MachineSoundSynthesizer().render(spec);
        assertThat(b.samples()).isEqualTo(a.samples());
        assertThat(b.mask().cells()).isEqualTo(a.mask().cells());
        assertThat(b.anomaly()).isEqualTo(a.anomaly());
    }

    @Test
    void differentSeedRendersDifferentSamples() {
        SyntheticClip a = normal(MachineType.FAN, 0, Domain.SOURCE, 6, 1);
        SyntheticClip b = normal(MachineType.FAN, 0, Domain.SOURCE, 6, 2);
        int same = 0;
        for (int i = 0; i < a.samples().length; i++) {
            if (a.samples()[i] == b.samples()[i]) {
                same++;
            }
        }
        assertThat(same).isLessThan(a.samples().length / 100);
    }

    @Test
    void tenSecondClipHas160000SamplesAndA313By128Mask() {
        SyntheticClip c = anomalous(MachineType.VALVE, AnomalyKind.BROADBAND_BURST, 5);
        assertThat(c.samples()).hasSize(160_000);
        assertThat(c.sampleRate()).isEqualTo(16_000);
        assertThat(c.mask().frames()).isEqualTo(313);
        assertThat(c.mask().mels()).isEqualTo(128);
        assertThat(c.logMel().frames()).isEqualTo(313);
        assertThat(c.logMel().mels()).isEqualTo(128);
    }

    @Test
    void normalClipHasNeitherEventNorMask() {
        SyntheticClip c = normal(MachineType.SLIDER, 0, Domain.SOURCE, 6, 3);
        assertThat(c.anomalyEvent()).isEmpty();
        assertThat(c.anomalyMask()).isEmpty();
    }

    @Test
    void samplesLieOnThe16BitGridAtTheTargetLevel() {
        SyntheticClip c = normal(MachineType.FAN, 2, Domain.SOURCE, 6, 4);
        double power = 0;
        double peak = 0;
        int offGrid = 0;
        for (float s : c.samples()) {
            if (s * 32768.0 != Math.rint(s * 32768.0)) {
                offGrid++;
            }
            peak = Math.max(peak, Math.abs(s));
            power += s * s;
        }
        assertThat(offGrid).isZero();
        assertThat(peak).isLessThanOrEqualTo(MachineSoundSynthesizer.PEAK_LIMIT + 1e-4);
        double rms = Math.sqrt(power / c.samples().length);
        assertThat(rms).isBetween(0.5 * MachineSoundSynthesizer.TARGET_RMS, MachineSoundSynthesizer.TARGET_RMS + 1e-4);
    }

    static Stream<Arguments> everySupportedKind() {
        List<Arguments> out = new ArrayList<>();
        for (MachineType m : MachineType.values()) {
            for (AnomalyKind k : AnomalyKind.values()) {
                if (m.supports(k)) {
                    out.add(Arguments.of(m, k));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySupportedKind")
    void everyAnomalyKindLeavesANonEmptyMaskInsideItsTimeRange(MachineType machine, AnomalyKind kind) {
        SyntheticClip c = anomalous(machine, kind, 20 + kind.ordinal());
        AnomalyEvent e = c.anomaly();
        AnomalyMask mask = c.mask();
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(mask.count()).isGreaterThanOrEqualTo(MachineSoundSynthesizer.MIN_MASK_BINS);
        // a frame t covers samples [512 t - 512, 512 t + 512)
        int firstAllowed = (int) Math.floor(e.startSeconds() * RATE / HOP) - 1;
        int lastAllowed = (int) Math.ceil(e.endSeconds() * RATE / HOP) + 1;
        assertThat(mask.firstFrame()).isGreaterThanOrEqualTo(firstAllowed);
        assertThat(mask.lastFrame()).isLessThanOrEqualTo(lastAllowed);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySupportedKind")
    void normalTwinWithTheSameSeedDiffersOnlyInsideTheAnomaly(MachineType machine, AnomalyKind kind) {
        long seed = 40 + kind.ordinal();
        SyntheticClip a = anomalous(machine, kind, seed);
        SyntheticClip n = synth.render(ClipSpec.normal(machine, 0, Domain.SOURCE, 6, 10, seed));
        AnomalyEvent e = a.anomaly();
        int from = (int) ((e.startSeconds() - 0.01) * RATE);
        int to = (int) ((e.endSeconds() + 0.01) * RATE);
        double worst = 0;
        for (int i = 0; i < a.samples().length; i++) {
            if (i < from || i > to) {
                worst = Math.max(worst, Math.abs(a.samples()[i] - n.samples()[i]));
            }
        }
        // a harmonic shift may leave a rounding difference of one step in the int phases
        assertThat(worst * 32768).isLessThanOrEqualTo(1.0);
        assertThat(AnomalyMask.between(n.logMel(), a.logMel()).cells()).isEqualTo(a.mask().cells());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tonalKindsOnEveryMachine")
    void tonalAnomalyMaskLiesInItsFrequencyRange(MachineType machine, AnomalyKind kind) {
        for (long seed = 60; seed < 63; seed++) {
            SyntheticClip c = anomalous(machine, kind, seed);
            AnomalyEvent e = c.anomaly();
            double[] centres = c.logMel().bandCentresHz();
            int inside = 0;
            int total = 0;
            for (int t = 0; t < c.mask().frames(); t++) {
                for (int m = 0; m < c.mask().mels(); m++) {
                    if (c.mask().get(t, m)) {
                        total++;
                        // band m's triangle runs from the centre below it to the centre above it
                        double lower = m == 0 ? 0 : centres[m - 1];
                        double upper = m == centres.length - 1 ? 8000 : centres[m + 1];
                        if (upper >= e.lowHz() - MAIN_LOBE_HZ && lower <= e.highHz() + MAIN_LOBE_HZ) {
                            inside++;
                        }
                    }
                }
            }
            // a harmonic shift also changes the on/off transients of a gated buzz a little
            double required = kind == AnomalyKind.BEARING_WHINE ? 1.0 : 0.98;
            assertThat(inside).as("%s seed %d", kind, seed).isGreaterThanOrEqualTo((int) Math.ceil(required * total));
        }
    }

    static Stream<Arguments> tonalKindsOnEveryMachine() {
        return everySupportedKind().filter(a -> ((AnomalyKind) a.get()[1]).tonal());
    }

    @Test
    void whineMaskCoversTheToneBandInTheMiddleOfTheEvent() {
        SyntheticClip c = anomalous(MachineType.FAN, AnomalyKind.BEARING_WHINE, 7);
        AnomalyEvent e = c.anomaly();
        int frame = (int) Math.round((e.startSeconds() + e.endSeconds()) / 2 * RATE / HOP);
        double tone = Math.sqrt(e.lowHz() * e.highHz());
        int nearest = nearestBand(c.logMel().bandCentresHz(), tone);
        boolean covered = false;
        for (int m = Math.max(0, nearest - 1); m <= Math.min(127, nearest + 1); m++) {
            covered |= c.mask().get(frame, m);
        }
        assertThat(covered).isTrue();
    }

    @Test
    void missingImpactRemovesEnergyAndExtraImpactAddsIt() {
        for (MachineType m : List.of(MachineType.PUMP, MachineType.SLIDER, MachineType.VALVE)) {
            assertThat(maskedChangeDb(m, AnomalyKind.MISSING_IMPACT)).as("%s missing", m).isLessThan(0);
            assertThat(maskedChangeDb(m, AnomalyKind.EXTRA_IMPACT)).as("%s extra", m).isGreaterThan(0);
        }
    }

    private double maskedChangeDb(MachineType machine, AnomalyKind kind) {
        long seed = 80;
        SyntheticClip a = anomalous(machine, kind, seed);
        SyntheticClip n = synth.render(ClipSpec.normal(machine, 0, Domain.SOURCE, 6, 10, seed));
        double sum = 0;
        for (int i = 0; i < a.mask().cells().length; i++) {
            if (a.mask().cells()[i]) {
                sum += a.logMel().values()[i] - n.logMel().values()[i];
            }
        }
        return sum / a.mask().count();
    }

    @Test
    void strongerWhineStandsFurtherAboveTheMachine() {
        // the strength draws differ between seeds; the measured contrast must follow them
        List<double[]> strengthAndContrast = new ArrayList<>();
        for (long seed = 100; seed < 106; seed++) {
            SyntheticClip a = anomalous(MachineType.PUMP, AnomalyKind.BEARING_WHINE, seed);
            SyntheticClip n = synth.render(ClipSpec.normal(MachineType.PUMP, 0, Domain.SOURCE, 6, 10, seed));
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.mask().cells().length; i++) {
                max = Math.max(max, a.logMel().values()[i] - n.logMel().values()[i]);
            }
            strengthAndContrast.add(new double[] {a.anomaly().strength(), max});
            assertThat(max).isGreaterThan(a.anomaly().strength() - 1);
        }
        strengthAndContrast.sort((x, y) -> Double.compare(x[0], y[0]));
        double weakest = strengthAndContrast.get(0)[1];
        double strongest = strengthAndContrast.get(strengthAndContrast.size() - 1)[1];
        assertThat(strongest).isGreaterThan(weakest);
    }

    @Test
    void machineTypesDifferMoreThanTwoClipsOfOneMachine() {
        List<double[]> profiles = new ArrayList<>();
        double sameMachine = 0;
        for (MachineType m : MachineType.values()) {
            double[] a = spectroTemporalProfileDb(normal(m, 0, Domain.SOURCE, 6, 11).logMel());
            double[] b = spectroTemporalProfileDb(normal(m, 0, Domain.SOURCE, 6, 12).logMel());
            sameMachine = Math.max(sameMachine, rmsDistance(a, b));
            profiles.add(a);
        }
        for (int i = 0; i < profiles.size(); i++) {
            for (int j = i + 1; j < profiles.size(); j++) {
                assertThat(rmsDistance(profiles.get(i), profiles.get(j)))
                        .as("%s vs %s", MachineType.values()[i], MachineType.values()[j])
                        .isGreaterThan(2 * sameMachine);
            }
        }
        // valves fall silent between cycles, fans never do: their frame levels spread differently
        assertThat(frameLevelSpreadDb(normal(MachineType.VALVE, 0, Domain.SOURCE, 6, 11).logMel()))
                .isGreaterThan(3 * frameLevelSpreadDb(normal(MachineType.FAN, 0, Domain.SOURCE, 6, 11).logMel()));
    }

    @Test
    void machineIdsDifferMoreThanTwoClipsOfOneId() {
        for (MachineType m : MachineType.values()) {
            double[] id0a = spectroTemporalProfileDb(normal(m, 0, Domain.SOURCE, 8, 21).logMel());
            double[] id0b = spectroTemporalProfileDb(normal(m, 0, Domain.SOURCE, 8, 22).logMel());
            double[] id1 = spectroTemporalProfileDb(normal(m, 1, Domain.SOURCE, 8, 21).logMel());
            assertThat(rmsDistance(id0a, id1)).as("%s", m).isGreaterThan(2 * rmsDistance(id0a, id0b));
        }
    }

    @Test
    void fanIdsHaveDifferentBladePassFrequencies() {
        double f0 = strongestLowBandHz(normal(MachineType.FAN, 0, Domain.SOURCE, 12, 31).logMel());
        double f1 = strongestLowBandHz(normal(MachineType.FAN, 1, Domain.SOURCE, 12, 31).logMel());
        double f0again = strongestLowBandHz(normal(MachineType.FAN, 0, Domain.SOURCE, 12, 32).logMel());
        assertThat(f0again).isEqualTo(f0);
        assertThat(f1).isNotEqualTo(f0);
    }

    @Test
    void targetDomainShiftsTheSound() {
        for (MachineType m : MachineType.values()) {
            double[] source = spectroTemporalProfileDb(normal(m, 0, Domain.SOURCE, 8, 41).logMel());
            double[] source2 = spectroTemporalProfileDb(normal(m, 0, Domain.SOURCE, 8, 42).logMel());
            double[] target = spectroTemporalProfileDb(normal(m, 0, Domain.TARGET, 8, 41).logMel());
            assertThat(rmsDistance(source, target)).as("%s", m).isGreaterThan(1.5 * rmsDistance(source, source2));
        }
    }

    @Test
    void higherSnrLowersTheBackground() {
        // in a valve's closed phases only the plant is heard, in its open phases mostly the valve
        double rangeAt0 = loudToQuietFramesDb(normal(MachineType.VALVE, 0, Domain.SOURCE, 0, 51).logMel());
        double rangeAt10 = loudToQuietFramesDb(normal(MachineType.VALVE, 0, Domain.SOURCE, 10, 51).logMel());
        double rangeAt20 = loudToQuietFramesDb(normal(MachineType.VALVE, 0, Domain.SOURCE, 20, 51).logMel());
        assertThat(rangeAt10 - rangeAt0).isGreaterThan(5);
        assertThat(rangeAt20 - rangeAt10).isGreaterThan(5);
    }

    @Test
    void specRefusesAnAnomalyTheMachineCannotShow() {
        assertThatThrownBy(() -> ClipSpec.anomalous(MachineType.FAN, 0, Domain.SOURCE, AnomalyKind.MISSING_IMPACT,
                6, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fan")
                .hasMessageContaining("missing_impact");
    }

    @Test
    void specRefusesBadValuesNamingThem() {
        assertThatThrownBy(() -> ClipSpec.normal(MachineType.FAN, 0, Domain.SOURCE, 6, 1.0, 1))
                .hasMessageContaining("clip length").hasMessageContaining("1.0");
        assertThatThrownBy(() -> ClipSpec.normal(MachineType.FAN, 100, Domain.SOURCE, 6, 10, 1))
                .hasMessageContaining("machine id").hasMessageContaining("100");
        assertThatThrownBy(() -> ClipSpec.normal(MachineType.FAN, 0, Domain.SOURCE, 55, 10, 1))
                .hasMessageContaining("SNR").hasMessageContaining("55");
        assertThatThrownBy(() -> ClipSpec.normal(MachineType.FAN, 0, Domain.UNKNOWN, 6, 10, 1))
                .hasMessageContaining("unknown");
    }

    @Test
    void shortClipsWork() {
        SyntheticClip c = synth.render(ClipSpec.anomalous(MachineType.SLIDER, 0, Domain.SOURCE,
                AnomalyKind.EXTRA_IMPACT, 6, 2.0, 3));
        assertThat(c.samples()).hasSize(32_000);
        assertThat(c.mask().frames()).isEqualTo(1 + 32_000 / HOP);
        assertThat(c.mask().isEmpty()).isFalse();
    }

    // ---- measures

    private static double[] meanProfileDb(Spectrogram s) {
        double[] p = new double[s.mels()];
        for (int t = 0; t < s.frames(); t++) {
            for (int m = 0; m < s.mels(); m++) {
                p[m] += Math.pow(10, s.get(t, m) / 10) / s.frames();
            }
        }
        for (int m = 0; m < p.length; m++) {
            p[m] = 10 * Math.log10(p[m]);
        }
        return p;
    }

    /**
     * Per band, the mean level (dB of the mean power) and the spread over time (standard
     * deviation of the dB values): what a machine sounds like and how it moves.
     */
    private static double[] spectroTemporalProfileDb(Spectrogram s) {
        double[] mean = meanProfileDb(s);
        double[] out = new double[2 * s.mels()];
        for (int m = 0; m < s.mels(); m++) {
            double avg = 0;
            for (int t = 0; t < s.frames(); t++) {
                avg += s.get(t, m) / (double) s.frames();
            }
            double var = 0;
            for (int t = 0; t < s.frames(); t++) {
                var += (s.get(t, m) - avg) * (s.get(t, m) - avg) / s.frames();
            }
            out[m] = mean[m];
            out[s.mels() + m] = Math.sqrt(var);
        }
        return out;
    }

    private static double rmsDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum / a.length);
    }

    private static double[] frameLevelsDb(Spectrogram s) {
        double[] level = new double[s.frames()];
        for (int t = 0; t < s.frames(); t++) {
            double p = 0;
            for (int m = 0; m < s.mels(); m++) {
                p += Math.pow(10, s.get(t, m) / 10);
            }
            level[t] = 10 * Math.log10(p);
        }
        return level;
    }

    private static double frameLevelSpreadDb(Spectrogram s) {
        double[] level = frameLevelsDb(s);
        double mean = 0;
        for (double v : level) {
            mean += v / level.length;
        }
        double var = 0;
        for (double v : level) {
            var += (v - mean) * (v - mean) / level.length;
        }
        return Math.sqrt(var);
    }

    /** The 90th minus the 10th percentile of the frame levels, in dB. */
    private static double loudToQuietFramesDb(Spectrogram s) {
        double[] sorted = frameLevelsDb(s);
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length * 9 / 10] - sorted[sorted.length / 10];
    }

    /** Centre of the loudest band between 60 Hz and 1 kHz in the mean profile (the mains hum lies below). */
    private static double strongestLowBandHz(Spectrogram s) {
        double[] p = meanProfileDb(s);
        double[] centres = s.bandCentresHz();
        int best = -1;
        for (int m = 0; m < p.length; m++) {
            if (centres[m] >= 60 && centres[m] <= 1000 && (best < 0 || p[m] > p[best])) {
                best = m;
            }
        }
        return centres[best];
    }

    private static int nearestBand(double[] centres, double hz) {
        int best = 0;
        for (int m = 1; m < centres.length; m++) {
            if (Math.abs(centres[m] - hz) < Math.abs(centres[best] - hz)) {
                best = m;
            }
        }
        return best;
    }
}
