package io.auscult.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GammaShapeEquationTest {

    /** Reference values: mpmath at 40 digits, log(a) - digamma(a) and 1/a - polygamma(1, a). */
    @ParameterizedTest(name = "a = {0}")
    @CsvSource({
            "0.001, 993.66781665282814262, -999001.64253319582737",
            "0.3, 2.2985514178741970953, -8.9120312127743978445",
            "1.0, 0.57721566490153286061, -0.64493406684822643647",
            "2.4848436348396112, 0.21451239500387333471, -0.091523841730902557556",
            "9.99, 0.050884219829261049877, -0.0051768500481416864212",
            "10.0, 0.050832503927324576371, -0.0051663356816857461222",
            "49.0, 0.010238787948040535706, -0.00020966308925439361105",
            "2125.7, 0.00023523507680837019421, -1.1067108204145967125e-7",
            "1000000.0, 5.0000008333333333332e-7, -5.0000016666666666663e-13"})
    void logMinusDigammaMatchesMpmathWithin1e14Relative(double a, double value, double derivative) {
        assertThat(GammaShapeEquation.value(a)).isCloseTo(value, within(1e-14 * Math.abs(value)));
        assertThat(GammaShapeEquation.derivative(a)).isCloseTo(derivative, within(1e-12 * Math.abs(derivative)));
    }

    @ParameterizedTest(name = "a = {0}")
    @CsvSource({"0.01", "0.4159", "1", "2.4848436044768554", "11.8", "2125.7", "1e7"})
    void solveInvertsValue(double a) {
        double s = GammaShapeEquation.value(a);
        assertThat(GammaShapeEquation.solve(s)).isCloseTo(a, within(1e-12 * a));
    }
}
