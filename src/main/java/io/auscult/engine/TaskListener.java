package io.auscult.engine;

/** Hears a task's progress and its end. */
public interface TaskListener<V> {

    default void progress(double fraction, String message) {
    }

    default void finished(TaskResult<V> result) {
    }

    static <V> TaskListener<V> none() {
        return new TaskListener<>() {
        };
    }

    /** A listener that forwards progress to a {@link Progress} (a CLI bar, for instance). */
    static <V> TaskListener<V> reportingTo(Progress progress) {
        return new TaskListener<>() {
            @Override
            public void progress(double fraction, String message) {
                progress.report(fraction, message);
            }
        };
    }
}
