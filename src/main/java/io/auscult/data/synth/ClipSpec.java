package io.auscult.data.synth;

import java.util.Objects;
import java.util.Optional;

import io.auscult.data.Domain;

/**
 * Everything that decides one synthetic clip: the same spec always renders the same samples.
 *
 * @param machine   the machine type
 * @param machineId which machine of that type (0..99); each id has its own fundamental and
 *                  resonances, fixed for all seeds
 * @param domain    source (the machine's usual speed in the usual plant) or target (another
 *                  speed per machine id, another plant: other mains hum and noise colour);
 *                  never unknown
 * @param anomaly   the anomaly to place, or {@code null} for a normal clip; must be one the
 *                  machine {@link MachineType#supports supports}
 * @param snrDb     machine-to-background power ratio of the normal sound, in dB
 *                  ({@value #MIN_SNR_DB}..{@value #MAX_SNR_DB})
 * @param seconds   duration ({@value #MIN_SECONDS}..{@value #MAX_SECONDS} s)
 * @param seed      the clip's own seed: every random choice in the clip comes from it
 * @param extent    how much of the clip the anomaly occupies (ignored for a normal clip)
 */
public record ClipSpec(MachineType machine, int machineId, Domain domain, AnomalyKind anomaly,
                       double snrDb, double seconds, long seed, AnomalyExtent extent) {

    public static final double MIN_SECONDS = 2.0;
    public static final double MAX_SECONDS = 600.0;
    public static final double MIN_SNR_DB = -20.0;
    public static final double MAX_SNR_DB = 40.0;
    public static final int MAX_MACHINE_ID = 99;

    public ClipSpec {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(extent, "extent");
        if (domain == Domain.UNKNOWN) {
            throw new IllegalArgumentException("a synthetic clip is played in the source or the target domain, not "
                    + domain.word());
        }
        if (machineId < 0 || machineId > MAX_MACHINE_ID) {
            throw new IllegalArgumentException("machine id must be in 0.." + MAX_MACHINE_ID + ", was " + machineId);
        }
        if (anomaly != null && !machine.supports(anomaly)) {
            throw new IllegalArgumentException("a " + machine.folderName() + " cannot show the anomaly "
                    + anomaly.word() + "; it supports " + SynthDatasetSpec.words(machine.supportedAnomalies()));
        }
        if (!(snrDb >= MIN_SNR_DB && snrDb <= MAX_SNR_DB)) {
            throw new IllegalArgumentException("SNR must be in " + MIN_SNR_DB + ".." + MAX_SNR_DB
                    + " dB, was " + snrDb);
        }
        if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException("clip length must be in " + MIN_SECONDS + ".." + MAX_SECONDS
                    + " s, was " + seconds);
        }
    }

    /** A clip whose anomaly, if any, is one {@link AnomalyExtent#EVENT event}. */
    public ClipSpec(MachineType machine, int machineId, Domain domain, AnomalyKind anomaly,
                    double snrDb, double seconds, long seed) {
        this(machine, machineId, domain, anomaly, snrDb, seconds, seed, AnomalyExtent.EVENT);
    }

    /** A normal clip. */
    public static ClipSpec normal(MachineType machine, int machineId, Domain domain, double snrDb,
                                  double seconds, long seed) {
        return new ClipSpec(machine, machineId, domain, null, snrDb, seconds, seed);
    }

    /** A clip with one anomaly of the given kind, placed at random (from the seed). */
    public static ClipSpec anomalous(MachineType machine, int machineId, Domain domain, AnomalyKind anomaly,
                                     double snrDb, double seconds, long seed) {
        return new ClipSpec(machine, machineId, domain, Objects.requireNonNull(anomaly, "anomaly"),
                snrDb, seconds, seed);
    }

    public boolean isAnomalous() {
        return anomaly != null;
    }

    /** The anomaly kind, empty for a normal clip. */
    public Optional<AnomalyKind> anomalyKind() {
        return Optional.ofNullable(anomaly);
    }

    /** This spec with another seed. */
    public ClipSpec withSeed(long newSeed) {
        return new ClipSpec(machine, machineId, domain, anomaly, snrDb, seconds, newSeed, extent);
    }

    /** This spec with its anomaly of another extent. */
    public ClipSpec withExtent(AnomalyExtent newExtent) {
        return new ClipSpec(machine, machineId, domain, anomaly, snrDb, seconds, seed, newExtent);
    }
}
