package io.auscult.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that runs model work. ND4J's native arrays and SameDiff graphs are used from
 * this thread only, tasks run one after another in submission order, and the user interface
 * thread never blocks on them. A daemon thread, so a forgotten executor does not keep the
 * application alive.
 */
public final class ComputeExecutor implements TaskExecutor {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "auscult-compute");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <V> TaskHandle<V> submit(BackgroundTask<V> task, TaskListener<V> listener) {
        TaskHandle<V> handle = new TaskHandle<>(task.title());
        try {
            thread.execute(() -> TaskExecutor.execute(task, handle, listener));
        } catch (RejectedExecutionException e) {
            handle.complete(new TaskResult.Failed<>(new IllegalStateException("the compute executor is closed")));
        }
        return handle;
    }

    /** Stops accepting work and waits up to 10 s for the running task (which should be cancelled first). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
