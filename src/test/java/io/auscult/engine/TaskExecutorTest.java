package io.auscult.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskExecutorTest {

    @Test
    void currentThreadExecutorRunsAtOnceAndReportsProgressThenTheValue() {
        List<String> heard = new ArrayList<>();
        TaskListener<Integer> listener = new TaskListener<>() {
            @Override
            public void progress(double fraction, String message) {
                heard.add(fraction + " " + message);
            }

            @Override
            public void finished(TaskResult<Integer> result) {
                heard.add("finished " + result);
            }
        };
        try (TaskExecutor executor = new CurrentThreadExecutor()) {
            TaskHandle<Integer> handle = executor.submit(BackgroundTask.of("sum", (progress, cancel) -> {
                progress.report(0.5, "half");
                progress.report(7, "clamped");
                return 42;
            }), listener);
            assertThat(handle.result()).isDone();
            assertThat(handle.await()).isEqualTo(new TaskResult.Succeeded<>(42));
            assertThat(handle.fraction()).isEqualTo(1.0);
            assertThat(handle.message()).isEqualTo("clamped");
        }
        assertThat(heard).containsExactly("0.5 half", "1.0 clamped", "finished Succeeded[value=42]");
    }

    @Test
    void anErrorIsAResultWithItsMessageNotALostException() {
        try (TaskExecutor executor = new CurrentThreadExecutor()) {
            TaskResult<Object> result = executor.submit(BackgroundTask.of("read", (p, c) -> {
                throw new IOException("fan.auscult: damaged");
            })).await();
            assertThat(result).isInstanceOf(TaskResult.Failed.class);
            assertThat(((TaskResult.Failed<Object>) result).message()).isEqualTo("fan.auscult: damaged");
            assertThatThrownBy(result::orElseThrow).isInstanceOf(TaskFailedException.class)
                    .hasMessage("fan.auscult: damaged").hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void computeExecutorRunsTasksInOrderOnOneThreadOffTheCaller() {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Integer> order = new CopyOnWriteArrayList<>();
        try (ComputeExecutor executor = new ComputeExecutor()) {
            List<TaskHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                handles.add(executor.submit(BackgroundTask.of("t" + i, (p, c) -> {
                    threads.add(Thread.currentThread().getName());
                    order.add(n);
                    return n * n;
                })));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(handles.get(i).await().orElseThrow()).isEqualTo(i * i);
            }
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThat(threads).containsOnly("auscult-compute");
    }

    @Test
    void cancellingStopsTheTaskAtItsNextCheckAndEndsAsCancelled() throws Exception {
        // The task signals only after it has passed a cancellation check and done real work,
        // so the cancel below always lands mid-loop (no race with the first check).
        CountDownLatch working = new CountDownLatch(1);
        AtomicInteger steps = new AtomicInteger();
        try (ComputeExecutor executor = new ComputeExecutor()) {
            TaskHandle<String> handle = executor.submit(BackgroundTask.of("long", (p, cancel) -> {
                while (true) {
                    cancel.throwIfCancelled();
                    steps.incrementAndGet();
                    working.countDown();
                    Thread.onSpinWait();
                }
            }));
            assertThat(working.await(30, TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            assertThat(handle.await()).isInstanceOf(TaskResult.Cancelled.class);
            assertThat(handle.isCancelRequested()).isTrue();
            assertThatThrownBy(() -> handle.await().orElseThrow()).isInstanceOf(CancelledException.class);
        }
        int afterCancel = steps.get();
        assertThat(afterCancel).isPositive();
        assertThat(steps.get()).as("no steps after the task ended").isEqualTo(afterCancel);
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRuns() {
        try (ComputeExecutor executor = new ComputeExecutor()) {
            CountDownLatch gate = new CountDownLatch(1);
            executor.submit(BackgroundTask.of("blocker", (p, c) -> gate.await(10, TimeUnit.SECONDS)));
            boolean[] ran = {false};
            TaskHandle<Boolean> second = executor.submit(BackgroundTask.of("second", (p, c) -> ran[0] = true));
            second.cancel();
            gate.countDown();
            assertThat(second.await()).isInstanceOf(TaskResult.Cancelled.class);
            assertThat(ran[0]).isFalse();
        }
    }

    @Test
    void aClosedExecutorRefusesWorkWithAFailedResult() {
        ComputeExecutor executor = new ComputeExecutor();
        executor.close();
        TaskResult<Integer> r = executor.submit(BackgroundTask.of("late", (p, c) -> 1)).await();
        assertThat(r).isInstanceOf(TaskResult.Failed.class);
        assertThat(((TaskResult.Failed<Integer>) r).message()).contains("closed");
    }
}
