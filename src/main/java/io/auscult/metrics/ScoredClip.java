package io.auscult.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * One test clip as the DCASE evaluation sees it: where it belongs, its true condition and the
 * detector's score. Plain values, so that metrics needs no dataset types.
 *
 * @param machineType the machine type ("fan", "ToyCar" ...)
 * @param section     the section (DCASE 2021+) or machine id (DCASE 2020), e.g. "00"
 * @param domain      {@value #SOURCE} or {@value #TARGET} (any case; stored in lower case)
 * @param anomalous   the true label: {@code true} = anomaly
 * @param score       the anomaly score, higher = more anomalous; finite
 */
public record ScoredClip(String machineType, String section, String domain, boolean anomalous, double score) {

    public static final String SOURCE = "source";
    public static final String TARGET = "target";

    public ScoredClip {
        machineType = requireName(machineType, "machine type");
        section = requireName(section, "section");
        Objects.requireNonNull(domain, "domain");
        domain = domain.strip().toLowerCase(Locale.ROOT);
        if (!domain.equals(SOURCE) && !domain.equals(TARGET)) {
            throw new IllegalArgumentException("domain must be \"source\" or \"target\", got \"" + domain
                    + "\" (" + machineType + " section " + section + ")");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score of a " + machineType + " section " + section + " clip is "
                    + score + "; scores must be finite");
        }
    }

    public boolean isSource() {
        return domain.equals(SOURCE);
    }

    static String requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return stripped;
    }
}
