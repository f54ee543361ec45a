package io.auscult.cli;

import io.auscult.engine.CancelledException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an unexpected failure into one clear line on stderr and exit code 1, instead of a
 * stack trace (set AUSCULT_DEBUG=1 to see the trace).
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        if (ex instanceof CancelledException) {
            cl.getErr().println("auscult: cancelled");
            return 1;
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("auscult " + cl.getCommandName() + ": " + message);
        if (System.getenv("AUSCULT_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        return ex instanceof IllegalArgumentException ? 2 : 1;
    }
}
