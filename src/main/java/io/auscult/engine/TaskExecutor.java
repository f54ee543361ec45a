package io.auscult.engine;

/**
 * Runs {@link BackgroundTask}s. The application uses {@link ComputeExecutor} (one dedicated
 * thread for ND4J work); tests use {@link CurrentThreadExecutor}, so code that submits work
 * is tested without threads or sleeps.
 */
public interface TaskExecutor extends AutoCloseable {

    /**
     * Starts the task. {@code listener} hears its progress (on the worker thread; a GUI hops
     * to its own thread) and, last, its result.
     */
    <V> TaskHandle<V> submit(BackgroundTask<V> task, TaskListener<V> listener);

    default <V> TaskHandle<V> submit(BackgroundTask<V> task) {
        return submit(task, TaskListener.none());
    }

    @Override
    void close();

    /** Runs a task to its end on the calling thread's terms: shared by both executors. */
    static <V> TaskResult<V> execute(BackgroundTask<V> task, TaskHandle<V> handle, TaskListener<V> listener) {
        Progress progress = (f, m) -> {
            handle.progress(f, m);
            listener.progress(handle.fraction(), handle.message());
        };
        TaskResult<V> result;
        try {
            handle.cancellation().throwIfCancelled();
            result = new TaskResult.Succeeded<>(task.work().run(progress, handle.cancellation()));
        } catch (CancelledException e) {
            result = new TaskResult.Cancelled<>();
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            result = new TaskResult.Failed<>(e);
        }
        try {
            listener.finished(result);
        } finally {
            handle.complete(result);
        }
        return result;
    }
}
