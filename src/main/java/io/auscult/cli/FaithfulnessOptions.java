package io.auscult.cli;

import io.auscult.faithfulness.ComparisonSettings;
import io.auscult.faithfulness.FaithfulnessMeasure;
import io.auscult.faithfulness.ReplacementPerturbation;
import io.auscult.faithfulness.SanityCheck;
import picocli.CommandLine.Option;

/** The options the faithfulness and compare commands share: units, random orders, seed. */
final class FaithfulnessOptions {

    @Option(names = "--units", paramLabel = "bins|MxF", defaultValue = "bins",
            description = "Replacement units: single bins (default) or patches of M mels x F frames, e.g. 16x8.")
    String units;

    @Option(names = "--random", paramLabel = "R", defaultValue = "5",
            description = "Random orders in the reference (default ${DEFAULT-VALUE}).")
    int random;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the random orders, of the methods' noise and of the sanity re-draws.")
    long seed;

    ComparisonSettings settings(int sanityClips) {
        int[] patch = patch();
        return new ComparisonSettings(patch[0], patch[1],
                new FaithfulnessMeasure(ReplacementPerturbation.standard(), random, seed), SanityCheck.standard(seed),
                sanityClips, seed);
    }

    private int[] patch() {
        String u = units.trim().toLowerCase(java.util.Locale.ROOT);
        if (u.equals("bins") || u.equals("bin")) {
            return new int[] {1, 1};
        }
        String[] parts = u.split("x");
        try {
            if (parts.length == 2) {
                int m = Integer.parseInt(parts[0].trim());
                int f = Integer.parseInt(parts[1].trim());
                if (m >= 1 && f >= 1) {
                    return new int[] {m, f};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--units must be 'bins' or MELSxFRAMES such as 16x8, not '" + units + "'");
    }
}
