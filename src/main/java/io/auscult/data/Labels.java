package io.auscult.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about a recording from where it lies and how it is named. A field that no
 * recognised pattern states is {@link #UNKNOWN} (strings) or the enum's {@code UNKNOWN}: labels
 * are read, never guessed.
 *
 * @param machineType the machine type ("fan", "ToyCar"), or {@link #UNKNOWN}
 * @param machineId   the machine id or section exactly as named ("id_00", "section_00"), or
 *                    {@link #UNKNOWN}
 * @param domain      source or target domain (DCASE 2021 and later)
 * @param split       training or test set
 * @param condition   normal, anomaly, or unknown
 * @param attributes  further facts in the order they were named (DCASE attributes such as
 *                    {@code car=A1, spd=28V}, MIMII's {@code snr=6_dB}); unmodifiable
 */
public record Labels(String machineType, String machineId, Domain domain, Split split,
                     Condition condition, Map<String, String> attributes) {

    /** The value of a text field that no pattern states. */
    public static final String UNKNOWN = "unknown";

    /**
     * The attribute key under which DCASE attribute text is kept whole when it is not a list of
     * key/value pairs (DCASE 2021 names such as {@code strength_1_ambient} or {@code A1Spd28VMic1}).
     */
    public static final String RAW_ATTRIBUTES = "raw";

    /** The attribute key of an anomalous clip's kind of anomaly, where a dataset says it (a synthetic set's manifest). */
    public static final String ANOMALY_KIND = "anomaly";

    public Labels {
        requireText(machineType, "machine type");
        requireText(machineId, "machine id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(attributes, "attributes");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            requireText(k, "attribute key");
            copy.put(k, Objects.requireNonNull(v, () -> "value of attribute '" + k + "'"));
        });
        attributes = Collections.unmodifiableMap(copy);
    }

    /** Labels of a recording about which nothing is known. */
    public static Labels unknown() {
        return new Labels(UNKNOWN, UNKNOWN, Domain.UNKNOWN, Split.UNKNOWN, Condition.UNKNOWN, Map.of());
    }

    /** The same labels in another domain. */
    public Labels withDomain(Domain newDomain) {
        return new Labels(machineType, machineId, newDomain, split, condition, attributes);
    }

    /** The same labels with one more attribute (or another value for an existing key), kept last. */
    public Labels withAttribute(String key, String value) {
        LinkedHashMap<String, String> more = new LinkedHashMap<>(attributes);
        more.remove(key);
        more.put(key, value);
        return new Labels(machineType, machineId, domain, split, condition, more);
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, was '" + value + "'");
        }
    }
}
