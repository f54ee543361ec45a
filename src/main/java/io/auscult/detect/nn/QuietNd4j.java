package io.auscult.detect.nn;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Keeps ND4J from writing to the console. SameDiff 1.0.0-M2.1 prints one "Added differentiated
 * op ..." line per op with {@code System.out.println}, unconditionally (no logger, switch or
 * property: read from its byte code), while it builds a graph's gradient function. Library code
 * must not print, so that one call runs with standard output pointed at nothing. This is the only
 * class outside the command line that touches {@code System.out}; it never writes to it.
 */
public final class QuietNd4j {

    private QuietNd4j() {
    }

    /**
     * Runs {@code work} with standard output discarded, then restores it. Synchronised on the
     * class, so concurrent callers cannot restore each other's stream in the wrong order; other
     * threads that print meanwhile lose that output (only the command line prints, on its own
     * thread, and only progress, to standard error).
     */
    public static synchronized void run(Runnable work) {
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            work.run();
        } finally {
            System.setOut(console);
        }
    }
}
