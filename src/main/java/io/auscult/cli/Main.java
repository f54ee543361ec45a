package io.auscult.cli;

import picocli.CommandLine;

/** Entry point of the {@code auscult} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 1 some inputs failed, 2 usage. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AuscultCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // The command descriptions are written as lines of up to ~100 characters; picocli's default
        // width of 80 would break them mid-sentence.
        cl.setUsageHelpWidth(110);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }
}
