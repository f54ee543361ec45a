package io.auscult.data.synth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * What a synthetic dataset holds. Counts are per machine id; every id of every machine gets
 * {@code trainNormal} normal training clips and {@code testNormal} + {@code testAnomaly} test
 * clips (training sets are normal only, as in DCASE).
 *
 * @param machines      machine types, in the order they are written (no repeats)
 * @param idsPerMachine machine ids 0..n-1 of each type
 * @param trainNormal   normal training clips per id
 * @param testNormal    normal test clips per id
 * @param testAnomaly   anomalous test clips per id
 * @param clipSeconds   length of every clip
 * @param minSnrDb      lowest machine-to-background ratio; each clip draws its own in
 *                      [min, max], rounded to 0.01 dB
 * @param maxSnrDb      highest machine-to-background ratio
 * @param targetShare   share of each group of clips played in the target domain (other
 *                      speed and plant), 0..0.5; 0 turns the domain shift off. Clip {@code i}
 *                      of a group is a target clip when {@code floor((i+1) s) > floor(i s)}, so
 *                      adding clips never changes the domain of earlier ones
 * @param anomalyKinds  kinds to place, in the order they take turns; a machine uses those it
 *                      supports (at least one must fit every machine if there are anomalies)
 * @param layout        file naming scheme
 * @param anomalyExtent one event per anomalous clip, or a fault that lasts the whole clip
 */
public record SynthDatasetSpec(List<MachineType> machines, int idsPerMachine, int trainNormal, int testNormal,
                               int testAnomaly, double clipSeconds, double minSnrDb, double maxSnrDb,
                               double targetShare, List<AnomalyKind> anomalyKinds, Layout layout,
                               AnomalyExtent anomalyExtent) {

    /** How files are named. */
    public enum Layout {
        /** {@code <machine>/{train,test}/{normal,anomaly}_id_XX_NNNNNNNN.wav}; the domain lives only in the manifest. */
        DCASE2020,
        /**
         * {@code <machine>/{train,test}/section_XX_{source,target}_{train,test}_{normal,anomaly}_NNNN_speed_P_mains_H.wav},
         * as DCASE 2022 names files: the domain and its attributes in the name.
         */
        DCASE2021
    }

    /** The seed of the bundled demo in samples/: {@code demo()} with this seed regenerates it byte for byte. */
    public static final long DEMO_SEED = 42;

    /** Most clips one dataset may hold (a guard against a typo asking for terabytes). */
    public static final int MAX_CLIPS = 100_000;

    public SynthDatasetSpec {
        Objects.requireNonNull(machines, "machines");
        Objects.requireNonNull(anomalyKinds, "anomalyKinds");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(anomalyExtent, "anomalyExtent");
        machines = List.copyOf(machines);
        anomalyKinds = List.copyOf(anomalyKinds);
        if (machines.isEmpty()) {
            throw new IllegalArgumentException("machines must name at least one machine type");
        }
        if (EnumSet.copyOf(machines).size() != machines.size()) {
            throw new IllegalArgumentException("machines must not repeat a type, was " + machines);
        }
        if (idsPerMachine < 1 || idsPerMachine > ClipSpec.MAX_MACHINE_ID + 1) {
            throw new IllegalArgumentException("idsPerMachine must be in 1.." + (ClipSpec.MAX_MACHINE_ID + 1)
                    + ", was " + idsPerMachine);
        }
        requireCount(trainNormal, "trainNormal");
        requireCount(testNormal, "testNormal");
        requireCount(testAnomaly, "testAnomaly");
        if (trainNormal + testNormal + testAnomaly == 0) {
            throw new IllegalArgumentException("the dataset would hold no clips: all counts are 0");
        }
        long total = (long) machines.size() * idsPerMachine * (trainNormal + testNormal + testAnomaly);
        if (total > MAX_CLIPS) {
            throw new IllegalArgumentException("the dataset would hold " + total + " clips, more than " + MAX_CLIPS);
        }
        if (!(clipSeconds >= ClipSpec.MIN_SECONDS && clipSeconds <= ClipSpec.MAX_SECONDS)) {
            throw new IllegalArgumentException("clipSeconds must be in " + ClipSpec.MIN_SECONDS + ".."
                    + ClipSpec.MAX_SECONDS + ", was " + clipSeconds);
        }
        if (!(minSnrDb >= ClipSpec.MIN_SNR_DB && maxSnrDb <= ClipSpec.MAX_SNR_DB && minSnrDb <= maxSnrDb)) {
            throw new IllegalArgumentException("SNR range must lie in " + ClipSpec.MIN_SNR_DB + ".."
                    + ClipSpec.MAX_SNR_DB + " dB with min <= max, was " + minSnrDb + ".." + maxSnrDb);
        }
        if (!(targetShare >= 0 && targetShare <= 0.5)) {
            throw new IllegalArgumentException("targetShare must be in 0..0.5, was " + targetShare);
        }
        if (!anomalyKinds.isEmpty() && EnumSet.copyOf(anomalyKinds).size() != anomalyKinds.size()) {
            throw new IllegalArgumentException("anomalyKinds must not repeat a kind, was " + anomalyKinds);
        }
        if (testAnomaly > 0) {
            if (anomalyKinds.isEmpty()) {
                throw new IllegalArgumentException("testAnomaly is " + testAnomaly + " but anomalyKinds is empty");
            }
            for (MachineType m : machines) {
                if (anomalyKinds.stream().noneMatch(m::supports)) {
                    throw new IllegalArgumentException("none of the anomaly kinds " + words(anomalyKinds)
                            + " fits a " + m.folderName() + "; it supports " + words(m.supportedAnomalies()));
                }
            }
        }
    }

    /** A spec whose anomalous clips hold one {@link AnomalyExtent#EVENT event} each. */
    public SynthDatasetSpec(List<MachineType> machines, int idsPerMachine, int trainNormal, int testNormal,
                            int testAnomaly, double clipSeconds, double minSnrDb, double maxSnrDb,
                            double targetShare, List<AnomalyKind> anomalyKinds, Layout layout) {
        this(machines, idsPerMachine, trainNormal, testNormal, testAnomaly, clipSeconds, minSnrDb, maxSnrDb,
                targetShare, anomalyKinds, layout, AnomalyExtent.EVENT);
    }

    /**
     * The defaults: all four machines, 3 ids, 100 training and 20 + 20 test clips per id,
     * 10-s clips, SNR 0..12 dB, a quarter of the clips in the target domain, all anomaly
     * kinds, DCASE 2020 layout.
     */
    public static SynthDatasetSpec defaults() {
        return new SynthDatasetSpec(List.of(MachineType.values()), 3, 100, 20, 20, 10.0, 0.0, 12.0, 0.25,
                List.of(AnomalyKind.values()), Layout.DCASE2020);
    }

    /**
     * The bundled demo (samples/): all four machines, one id each, 12 training and 4 + 4
     * test clips per machine (80 clips, about 26 MB), 10-s clips, SNR 3..12 dB, a quarter in
     * the target domain, all six anomaly kinds covered, DCASE 2020 layout.
     */
    public static SynthDatasetSpec demo() {
        return new SynthDatasetSpec(List.of(MachineType.values()), 1, 12, 4, 4, 10.0, 3.0, 12.0, 0.25,
                List.of(AnomalyKind.values()), Layout.DCASE2020);
    }

    /** Number of clips the dataset holds. */
    public int clipCount() {
        return machines.size() * idsPerMachine * (trainNormal + testNormal + testAnomaly);
    }

    /** Whether clip {@code index} of a group is played in the target domain (see {@link #targetShare}). */
    public boolean isTarget(int index) {
        return Math.floor((index + 1) * targetShare) > Math.floor(index * targetShare);
    }

    /**
     * The anomaly kind of anomalous clip {@code index} of machine {@code id}: the kinds the
     * machine supports take turns, starting at an offset of {@code 4 x type + id} so that a
     * small set (the demo) covers every kind across its machines.
     */
    public AnomalyKind anomalyKindFor(MachineType machine, int id, int index) {
        List<AnomalyKind> usable = new ArrayList<>();
        for (AnomalyKind k : anomalyKinds) {
            if (machine.supports(k)) {
                usable.add(k);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no anomaly kind of " + words(anomalyKinds) + " fits a "
                    + machine.folderName());
        }
        return usable.get((index + 4 * machine.ordinal() + id) % usable.size());
    }

    /** This spec with another layout. */
    public SynthDatasetSpec withLayout(Layout newLayout) {
        return new SynthDatasetSpec(machines, idsPerMachine, trainNormal, testNormal, testAnomaly, clipSeconds,
                minSnrDb, maxSnrDb, targetShare, anomalyKinds, newLayout, anomalyExtent);
    }

    /** This spec with anomalies of another extent. */
    public SynthDatasetSpec withAnomalyExtent(AnomalyExtent extent) {
        return new SynthDatasetSpec(machines, idsPerMachine, trainNormal, testNormal, testAnomaly, clipSeconds,
                minSnrDb, maxSnrDb, targetShare, anomalyKinds, layout, extent);
    }

    static List<String> words(Collection<AnomalyKind> kinds) {
        return kinds.stream().map(AnomalyKind::word).toList();
    }

    private static void requireCount(int n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + n);
        }
    }
}
