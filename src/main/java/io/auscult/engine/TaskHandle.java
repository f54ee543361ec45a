package io.auscult.engine;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted task: its latest progress, a way to cancel it, and its result. The result
 * future always completes normally (with a {@link TaskResult}), so nothing is lost.
 */
public final class TaskHandle<V> {

    private final String title;
    private final Cancellation cancellation = new Cancellation();
    private final CompletableFuture<TaskResult<V>> result = new CompletableFuture<>();
    private volatile double fraction;
    private volatile String message = "waiting";

    TaskHandle(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Asks the task to stop at its next check (within one batch for the model work). */
    public void cancel() {
        cancellation.cancel();
    }

    public boolean isCancelRequested() {
        return cancellation.isCancelled();
    }

    public double fraction() {
        return fraction;
    }

    public String message() {
        return message;
    }

    public CompletableFuture<TaskResult<V>> result() {
        return result;
    }

    /** Waits for the task and returns how it ended. */
    public TaskResult<V> await() {
        return result.join();
    }

    Cancellation cancellation() {
        return cancellation;
    }

    void progress(double f, String m) {
        fraction = Math.max(0, Math.min(1, f));
        if (m != null) {
            message = m;
        }
    }

    void complete(TaskResult<V> r) {
        result.complete(r);
    }
}
