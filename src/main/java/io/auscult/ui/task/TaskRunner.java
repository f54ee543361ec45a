package io.auscult.ui.task;

import io.auscult.engine.BackgroundTask;
import io.auscult.engine.TaskExecutor;
import io.auscult.engine.TaskHandle;
import io.auscult.engine.TaskListener;
import io.auscult.engine.TaskResult;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs background work for the views: submits {@link BackgroundTask}s to the compute executor
 * and brings their progress and results back to the user interface thread, where it exposes
 * them as properties (running, fraction, message) for the status bar. One task at a time is
 * shown; the executor queues the rest in order.
 *
 * <p>The two executors are injected: the application passes the compute executor and
 * {@code Platform::runLater}; view-model tests pass a current-thread executor and
 * {@code Runnable::run}, so they run without threads or sleeps.
 */
public final class TaskRunner {

    private final TaskExecutor compute;
    private final Executor ui;
    private final Executor nextFrame;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final List<TaskHandle<?>> active = new ArrayList<>();
    private int pending;

    public TaskRunner(TaskExecutor compute, Executor ui) {
        this(compute, ui, ui);
    }

    /**
     * @param nextFrame runs work after the window has laid out and painted what came before
     *                  (the application passes {@code AfterNextPulse}); see {@link #later}
     */
    public TaskRunner(TaskExecutor compute, Executor ui, Executor nextFrame) {
        this.compute = compute;
        this.ui = ui;
        this.nextFrame = nextFrame;
    }

    /** What to do with a task's end, on the user interface thread. */
    public interface Outcome<V> {
        void succeeded(V value);

        default void cancelled() {
        }

        void failed(String message, Throwable error);
    }

    /** Outcome from two lambdas; cancellation does nothing beyond the status message. */
    public static <V> Outcome<V> outcome(Consumer<V> onSuccess, Consumer<String> onFailure) {
        return new Outcome<>() {
            @Override
            public void succeeded(V value) {
                onSuccess.accept(value);
            }

            @Override
            public void failed(String message, Throwable error) {
                onFailure.accept(message);
            }
        };
    }

    /** Starts the task; call on the user interface thread. */
    public <V> TaskHandle<V> run(BackgroundTask<V> task, Outcome<V> outcome) {
        pending++;
        running.set(true);
        title.set(task.title());
        message.set(task.title() + ": waiting");
        fraction.set(-1);
        TaskHandle<V> handle = compute.submit(task, new TaskListener<>() {
            @Override
            public void progress(double f, String m) {
                ui.execute(() -> {
                    fraction.set(f);
                    message.set(task.title() + ": " + m);
                });
            }

            @Override
            public void finished(TaskResult<V> result) {
                ui.execute(() -> finish(task, result, outcome));
            }
        });
        // A current-thread executor has finished already; the compute executor reports the end
        // later on this thread, after the handle is in the list.
        if (!handle.result().isDone()) {
            active.add(handle);
        }
        return handle;
    }

    private <V> void finish(BackgroundTask<V> task, TaskResult<V> result, Outcome<V> outcome) {
        active.removeIf(h -> h.result().isDone());
        pending = Math.max(0, pending - 1);
        if (pending == 0) {
            active.clear();
            running.set(false);
            fraction.set(0);
        }
        if (result instanceof TaskResult.Succeeded<V> s) {
            message.set(task.title() + ": done");
            outcome.succeeded(s.value());
        } else if (result instanceof TaskResult.Cancelled<V>) {
            message.set(task.title() + ": cancelled");
            outcome.cancelled();
        } else if (result instanceof TaskResult.Failed<V> f) {
            message.set(task.title() + " failed: " + f.message());
            outcome.failed(f.message(), f.error());
        }
    }

    /** Asks the running task, and the ones queued behind it, to stop. */
    public void cancelCurrent() {
        if (!active.isEmpty()) {
            active.forEach(TaskHandle::cancel);
            message.set(title.get() + ": cancelling...");
        }
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Progress 0..1, or -1 while the task has not reported yet (indeterminate). */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * Runs {@code action} on the user interface thread once the window has laid out and
     * painted the changes made so far (at once with the current-thread executor of view-model
     * tests), so that a big update can be split and no single pulse carries all of it.
     * The runner counts as running until the action has run.
     */
    public void later(Runnable action) {
        // Counted as work in progress, so that "running" (the status bar, the screenshot's
        // wait for idle, the tests' wait) stays true until the deferred part has run too.
        pending++;
        running.set(true);
        nextFrame.execute(() -> {
            try {
                action.run();
            } finally {
                pending = Math.max(0, pending - 1);
                if (pending == 0) {
                    running.set(false);
                    fraction.set(0);
                }
            }
        });
    }

    /** Sets the status message directly (for quick actions that need no task). */
    public void say(String text) {
        message.set(text);
    }
}
