package io.auscult.engine;

/**
 * Where long work reports how far it is. Implementations: the CLI's progress bar on stderr,
 * the GUI's task view, and {@link #NONE} for tests and nested work.
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = (fraction, message) -> { };

    /**
     * @param fraction done so far, 0..1 (values outside are clamped by the receiver)
     * @param message  what is being done now, in words for a user
     */
    void report(double fraction, String message);

    /** A sub-range [from, to] of this progress, for work made of steps. */
    default Progress slice(double from, double to) {
        return (f, m) -> report(from + (to - from) * Math.max(0, Math.min(1, f)), m);
    }
}
