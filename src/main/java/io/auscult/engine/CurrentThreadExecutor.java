package io.auscult.engine;

/** Runs each task at once on the calling thread: for tests and for the command line. */
public final class CurrentThreadExecutor implements TaskExecutor {

    @Override
    public <V> TaskHandle<V> submit(BackgroundTask<V> task, TaskListener<V> listener) {
        TaskHandle<V> handle = new TaskHandle<>(task.title());
        TaskExecutor.execute(task, handle, listener);
        return handle;
    }

    @Override
    public void close() {
    }
}
