package io.auscult.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: lists the subcommands. */
@Command(name = "auscult",
        mixinStandardHelpOptions = true,
        scope = picocli.CommandLine.ScopeType.INHERIT, // -h, --help and -V on every subcommand too
        versionProvider = VersionProvider.class,
        description = {"Acoustic anomaly detection that explains itself.", ""},
        subcommands = {
            InfoCommand.class,
            ScanCommand.class,
            FeaturesCommand.class,
            SynthCommand.class,
            BenchCommand.class,
            TrainCommand.class,
            ScoreCommand.class,
            EvaluateCommand.class,
            ModelInfoCommand.class,
            DemoCommand.class,
            ExplainCommand.class,
            ProxyCommand.class,
            GuiCommand.class,
            FaithfulnessCommand.class,
            CompareCommand.class,
            ReportCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all inputs processed", "1:some inputs failed (each is named on stderr)",
            "2:usage error"})
final class AuscultCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
