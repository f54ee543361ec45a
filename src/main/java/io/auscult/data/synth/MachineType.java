package io.auscult.data.synth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The machine types the synthesiser can play, named like the DCASE 2020 Task 2 folders.
 * Each has its own character (see the voice classes); fans make no impacts, so the impact
 * anomalies do not apply to them.
 */
public enum MachineType {

    /** Blade-pass harmonics over loud broadband aerodynamic noise. */
    FAN(EnumSet.of(AnomalyKind.BEARING_WHINE, AnomalyKind.HARMONIC_SHIFT,
            AnomalyKind.BROADBAND_BURST, AnomalyKind.MODULATION_CHANGE)),
    /** A low harmonic series with periodic pressure pulses and flow noise. */
    PUMP(EnumSet.allOf(AnomalyKind.class)),
    /** Motor hum, rolling noise while moving, and clicks at the ends of the rail. */
    SLIDER(EnumSet.allOf(AnomalyKind.class)),
    /** Open and close clicks with silence between, and solenoid buzz while open. */
    VALVE(EnumSet.allOf(AnomalyKind.class));

    private final Set<AnomalyKind> anomalies;

    MachineType(EnumSet<AnomalyKind> anomalies) {
        this.anomalies = anomalies;
    }

    /** The folder name used in datasets ("fan", "pump", "slider", "valve"). */
    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this machine can show that kind of anomaly. */
    public boolean supports(AnomalyKind kind) {
        return anomalies.contains(kind);
    }

    /** The anomaly kinds this machine can show, in declaration order. */
    public Set<AnomalyKind> supportedAnomalies() {
        return EnumSet.copyOf(anomalies);
    }

    /** Reads a folder name in any case; anything else is empty. */
    public static Optional<MachineType> parse(String name) {
        for (MachineType t : values()) {
            if (t.folderName().equalsIgnoreCase(name.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
