package io.auscult.cli;

import io.auscult.engine.Progress;

import java.io.PrintWriter;

/**
 * A progress bar on stderr. On a terminal it redraws one line in place; when stderr is a
 * file or a pipe (CI, logs) it prints a plain line at every tenth, so logs stay readable, and
 * nothing at all for work that is over within a second.
 */
final class ProgressBar implements Progress, AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final String title;
    private final boolean terminal;
    private final long quietUntil;
    private long lastDraw;
    private int lastTenth = -1;
    private boolean drawn;

    ProgressBar(PrintWriter err, String title, boolean terminal) {
        this(err, title, terminal, 0);
    }

    /** {@code quietNanos}: in a log, say nothing until the work has taken this long. */
    ProgressBar(PrintWriter err, String title, boolean terminal, long quietNanos) {
        this.err = err;
        this.title = title;
        this.terminal = terminal;
        this.quietUntil = System.nanoTime() + quietNanos;
    }

    /** The bar for a command: drawn on a terminal; in a log only once the work takes over a second. */
    static ProgressBar forCommand(PrintWriter err, String title) {
        return new ProgressBar(err, title, System.console() != null, QUIET_NANOS);
    }

    @Override
    public synchronized void report(double fraction, String message) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        if (terminal) {
            long now = System.nanoTime();
            if (f < 1 && drawn && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            int full = (int) Math.round(f * WIDTH);
            String line = String.format("%s [%s%s] %3d%% %s", title, "#".repeat(full), "-".repeat(WIDTH - full),
                    Math.round(f * 100), message == null ? "" : message);
            err.print("\r" + fit(line) + "\u001B[K");
            err.flush();
            drawn = true;
        } else if (System.nanoTime() >= quietUntil) {
            int tenth = (int) Math.floor(f * 10);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                err.printf("%s: %3d%% %s%n", title, tenth * 10, message == null ? "" : message);
                err.flush();
            }
        }
    }

    private static String fit(String line) {
        return line.length() > 100 ? line.substring(0, 99) + "…" : line;
    }

    @Override
    public synchronized void close() {
        if (terminal && drawn) {
            err.print("\r\u001B[K");
            err.flush();
        }
    }
}
