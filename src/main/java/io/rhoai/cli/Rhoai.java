package io.rhoai.cli;

import io.rhoai.core.Interrupts;
import io.rhoai.core.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the configured command line: for the native binary through {@link CommandLineProducer}, for the JVM through
 * {@link Main}, and for tests.
 *
 * <p>Building picocli's model of a command (its options, help sections, converters) is most of a short run's work, so
 * a run builds only the branch of the tree that its arguments invoke: {@code rhoai gpu catalog} builds the root and
 * {@code gpu} with its subcommands, nothing else. Whenever the arguments do not name one top-level command plainly
 * (the root's help or version, an unknown or misspelt command, an {@code @file} argument, completion scripts, which
 * describe the whole tree), the whole tree is built, so that help, errors and suggestions are those of the full tree.
 */
public final class Rhoai {
    private Rhoai() { }

    /** Root options that take no value, and those that take one, which may stand before the command's name. */
    private static final Set<String> FLAGS = Set.of("-v", "--verbose", "-q", "--quiet", "--no-color");
    private static final Set<String> WITH_VALUE = Set.of("-o", "--output");

    public static CommandLine configure(CommandLine cmd) {
        ErrorHandler handler = new ErrorHandler();
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        cmd.setExitCodeExceptionMapper(ExitCodes::of);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.registerConverter(Duration.class, s -> Durations.parse(s, "duration"));
        cmd.setUsageHelpAutoWidth(true);
        cmd.setExecutionStrategy(Rhoai::execute);
        return cmd;
    }

    /**
     * Runs the invoked command as picocli would ({@link CommandLine.RunLast}), between {@link Interrupts#begin} and
     * {@link Interrupts#end}: a Ctrl-C meanwhile is reported on the command's stderr, naming it.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        List<CommandLine> invoked = parsed.asCommandLineList();
        CommandLine last = invoked.get(invoked.size() - 1);
        PrintWriter err = last.getErr();
        Interrupts.begin(last.getCommandSpec().qualifiedName(), line -> {
            err.println(line);
            err.flush();
        });
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            Interrupts.end();
        }
    }

    /** The whole command tree outside CDI, seeing {@code env} as its environment. */
    public static CommandLine commandLine(Map<String, String> env) {
        return configure(addSubcommands(new CommandLine(new RhoaiCommand(env), CommandLine.defaultFactory()),
                CommandLine.defaultFactory(), null));
    }

    /** The command line outside CDI for running {@code args}: the root and the branch that {@code args} invoke. */
    public static CommandLine commandLine(Map<String, String> env, String... args) {
        return configure(addSubcommands(new CommandLine(new RhoaiCommand(env), CommandLine.defaultFactory()),
                CommandLine.defaultFactory(), args));
    }

    /**
     * Adds to {@code root} the top-level command that {@code args} invoke, or every top-level command when
     * {@code args} is null or does not name one plainly. Call {@link #configure} afterwards: picocli applies
     * settings such as converters only to the subcommands already added.
     */
    static CommandLine addSubcommands(CommandLine root, CommandLine.IFactory factory, String[] args) {
        Class<?> invoked = args == null ? null : invoked(args);
        for (Class<?> command : RhoaiCommand.SUBCOMMANDS) {
            if (invoked == null || command == invoked) {
                root.addSubcommand(new CommandLine(command, factory));
            }
        }
        return root;
    }

    /** The top-level command class that {@code args} plainly invoke, or null when the whole tree is needed. */
    static Class<?> invoked(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) continue;
            if (WITH_VALUE.contains(arg)) {
                i++;
                continue;
            }
            if (arg.startsWith("--output=") || (arg.startsWith("-o") && !arg.startsWith("--"))) continue;
            if (arg.startsWith("-") || arg.startsWith("@")) return null;
            for (Class<?> command : RhoaiCommand.SUBCOMMANDS) {
                if (command != CompletionCommand.class && command.getAnnotation(Command.class).name().equals(arg)) {
                    return command;
                }
            }
            return null;
        }
        return null;
    }
}
