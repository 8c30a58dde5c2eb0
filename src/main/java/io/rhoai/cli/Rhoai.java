package io.rhoai.cli;

import io.rhoai.core.time.Durations;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Map;

/** Builds the configured command line, for the binary (through {@link CommandLineProducer}) and for tests. */
public final class Rhoai {
    private Rhoai() { }

    public static CommandLine configure(CommandLine cmd) {
        ErrorHandler handler = new ErrorHandler();
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        cmd.setExitCodeExceptionMapper(ExitCodes::of);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.registerConverter(Duration.class, s -> Durations.parse(s, "duration"));
        cmd.setUsageHelpAutoWidth(true);
        return cmd;
    }

    /** A command line outside CDI, seeing {@code env} as its environment. */
    public static CommandLine commandLine(Map<String, String> env) {
        return configure(new CommandLine(new RhoaiCommand(env), CommandLine.defaultFactory()));
    }
}
