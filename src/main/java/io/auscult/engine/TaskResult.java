package io.auscult.engine;

/**
 * How a task ended: with a value, cancelled, or failed with the error — an error is a result
 * to show the user, never an exception lost on a worker thread.
 */
public sealed interface TaskResult<V> {

    record Succeeded<V>(V value) implements TaskResult<V> {
    }

    record Cancelled<V>() implements TaskResult<V> {
    }

    record Failed<V>(Throwable error) implements TaskResult<V> {
        /** The error's message for a user, never empty. */
        public String message() {
            String m = error.getMessage();
            return m == null || m.isBlank() ? error.getClass().getSimpleName() : m;
        }
    }

    /** The value of a successful task; otherwise throws, with the cause for a failure. */
    default V orElseThrow() {
        if (this instanceof Succeeded<V> s) {
            return s.value();
        }
        if (this instanceof Failed<V> f) {
            throw new TaskFailedException(f.message(), f.error());
        }
        throw new CancelledException();
    }
}
