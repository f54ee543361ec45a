package io.auscult.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A flag long work checks between steps. Cancelling is cooperative: the work calls
 * {@link #throwIfCancelled()} at points where stopping loses nothing.
 */
public final class Cancellation {

    /** A token that is never cancelled. */
    public static final Cancellation NEVER = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        if (this != NEVER) {
            cancelled.set(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}
