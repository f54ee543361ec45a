package io.auscult.data.synth;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SynthesisBuildingBlocksTest {

    @Test
    void sineTableMatchesSinWithin3e7() {
        double worst = 0;
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            int phase = rnd.nextInt();
            double exact = Math.sin(2 * Math.PI * Integer.toUnsignedLong(phase) / SineTable.TURN);
            worst = Math.max(worst, Math.abs(SineTable.sin(phase) - exact));
        }
        assertThat(worst).isLessThan(3e-7);
    }

    @Test
    void integerPhaseKeepsPitchExactOverTenSeconds() {
        // 1 kHz at 16 kHz: after 160,000 samples the phase is back at zero to within rounding
        int inc = SineTable.increment(1000, 16_000);
        int phase = 0;
        for (int i = 0; i < 160_000; i++) {
            phase += inc;
        }
        assertThat(Math.abs(phase)).isLessThan(160_000);
        assertThat(SineTable.sin(phase)).isCloseTo(0.0, within(1e-3));
    }

    @Test
    void rampRisesSmoothlyFromZeroToOne() {
        assertThat(SineTable.ramp(-1)).isZero();
        assertThat(SineTable.ramp(0.5)).isCloseTo(0.5, within(1e-9));
        assertThat(SineTable.ramp(2)).isEqualTo(1.0);
    }

    @Test
    void resonatorTurnsUnitWhiteNoiseIntoUnitVariance() {
        for (double[] fb : new double[][] {{300, 100}, {2000, 600}, {6000, 300}}) {
            Resonator r = new Resonator(fb[0], fb[1], 16_000);
            SplittableRandom rnd = new SplittableRandom(2);
            double sum = 0;
            int n = 400_000;
            for (int i = 0; i < n; i++) {
                double y = r.next((rnd.nextDouble() - 0.5) * Math.sqrt(12));
                sum += y * y;
            }
            assertThat(sum / n).as("%s Hz", fb[0]).isCloseTo(1.0, within(0.05));
        }
    }

    @Test
    void resonatorWeightsFrequenciesByItsResponse() {
        Resonator r = new Resonator(1000, 200, 16_000);
        assertThat(r.relativePowerAt(1000)).isCloseTo(1.0, within(1e-9));
        assertThat(r.relativePowerAt(1100)).isCloseTo(0.5, within(0.05));
        assertThat(r.relativePowerAt(3000)).isLessThan(0.02);
    }

    @Test
    void derivedSeedsDependOnEveryLabelAndOnItsOrder() {
        long a = SeedDerivation.derive(42, SeedDerivation.label("fan"), 0, 1);
        assertThat(SeedDerivation.derive(42, SeedDerivation.label("fan"), 0, 1)).isEqualTo(a);
        assertThat(SeedDerivation.derive(43, SeedDerivation.label("fan"), 0, 1)).isNotEqualTo(a);
        assertThat(SeedDerivation.derive(42, SeedDerivation.label("pump"), 0, 1)).isNotEqualTo(a);
        assertThat(SeedDerivation.derive(42, SeedDerivation.label("fan"), 1, 0)).isNotEqualTo(a);
    }
}
