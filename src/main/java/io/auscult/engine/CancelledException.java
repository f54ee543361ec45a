package io.auscult.engine;

/** Thrown by work that stopped because its {@link Cancellation} was cancelled. */
public class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled");
    }
}
