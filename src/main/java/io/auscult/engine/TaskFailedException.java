package io.auscult.engine;

/** Thrown by {@link TaskResult#orElseThrow()} for a task that failed; the cause is the task's error. */
public class TaskFailedException extends RuntimeException {

    public TaskFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
