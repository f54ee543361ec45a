package io.auscult.ui.task;

import io.auscult.engine.BackgroundTask;
import io.auscult.engine.CurrentThreadExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRunnerTest {

    /** The deferred part of an outcome counts as running until it has run, and runs after the outcome. */
    @Test
    void laterKeepsTheRunnerBusyUntilTheDeferredPartHasRun() throws Exception {
        Queue<Runnable> nextFrame = new ArrayDeque<>();
        List<String> order = new ArrayList<>();
        try (CurrentThreadExecutor compute = new CurrentThreadExecutor()) {
            TaskRunner runner = new TaskRunner(compute, Runnable::run, nextFrame::add);
            runner.run(BackgroundTask.of("work", (progress, cancel) -> 42), TaskRunner.outcome(v -> {
                order.add("outcome " + v);
                runner.later(() -> order.add("later"));
            }, m -> order.add("failed " + m)));

            assertThat(order).containsExactly("outcome 42");
            assertThat(runner.runningProperty().get()).isTrue();
            nextFrame.remove().run();
            assertThat(order).containsExactly("outcome 42", "later");
            assertThat(runner.runningProperty().get()).isFalse();
        }
    }

    /** A deferred part that throws still ends the busy state. */
    @Test
    void aFailingDeferredPartStillEndsTheBusyState() {
        Queue<Runnable> nextFrame = new ArrayDeque<>();
        TaskRunner runner = new TaskRunner(new CurrentThreadExecutor(), Runnable::run, nextFrame::add);
        runner.later(() -> {
            throw new IllegalStateException("boom");
        });
        assertThat(runner.runningProperty().get()).isTrue();
        assertThatThrownBy(() -> nextFrame.remove().run()).hasMessage("boom");
        assertThat(runner.runningProperty().get()).isFalse();
    }
}
