package io.auscult.cli;

import io.auscult.engine.BackgroundTask;
import io.auscult.engine.ComputeExecutor;
import io.auscult.engine.TaskHandle;
import io.auscult.engine.TaskListener;
import io.auscult.engine.TaskResult;

import java.io.PrintWriter;

/**
 * Runs one command's long work on the compute executor with a progress bar on stderr;
 * Ctrl-C cancels it (the work stops within one batch and writes nothing half-done).
 */
final class ComputeRun {

    private ComputeRun() {
    }

    static <V> V run(PrintWriter err, BackgroundTask<V> task) {
        try (ComputeExecutor executor = new ComputeExecutor();
             ProgressBar bar = ProgressBar.forCommand(err, task.title())) {
            TaskHandle<V> handle = executor.submit(task, TaskListener.reportingTo(bar));
            Thread cancelOnInterrupt = new Thread(() -> {
                handle.cancel();
                handle.result().join();
            }, "auscult-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
            try {
                TaskResult<V> result = handle.await();
                if (result instanceof TaskResult.Failed<V> f && f.error() instanceof RuntimeException re) {
                    throw re; // usage-type errors keep their type (and exit code)
                }
                return result.orElseThrow();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting; the hook does its job
                }
            }
        }
    }
}
