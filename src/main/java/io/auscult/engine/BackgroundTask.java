package io.auscult.engine;

import java.util.Objects;

/**
 * Long work as a value: a title for the user and the work itself, which reports progress
 * and honours cancellation. Handed to a {@link TaskExecutor}; the GUI runs it on the compute
 * executor, tests on the current thread.
 *
 * @param <V> what the work produces
 */
public record BackgroundTask<V>(String title, Work<V> work) {

    public BackgroundTask {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(work, "work");
    }

    /** The work: may throw; must call {@code cancellation.throwIfCancelled()} between steps. */
    @FunctionalInterface
    public interface Work<V> {
        V run(Progress progress, Cancellation cancellation) throws Exception;
    }

    public static <V> BackgroundTask<V> of(String title, Work<V> work) {
        return new BackgroundTask<>(title, work);
    }
}
