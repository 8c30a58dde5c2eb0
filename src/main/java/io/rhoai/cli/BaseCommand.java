package io.rhoai.cli;

import io.rhoai.cli.output.ConsoleProgress;
import io.rhoai.cli.output.Output;
import io.rhoai.core.Blocking;
import io.rhoai.core.Progress;
import io.rhoai.core.secret.SecretSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What every command shares: the global options, stdout for the result, stderr for progress, the environment.
 * A command parses, builds one input record, calls one engine, renders the result and returns an exit code.
 */
public abstract class BaseCommand implements Callable<Integer> {
    @Spec protected CommandSpec spec;

    protected RhoaiCommand root() {
        return (RhoaiCommand) spec.root().userObject();
    }

    protected GlobalOptions global() {
        return root().global;
    }

    protected Map<String, String> env() {
        return root().env;
    }

    protected SecretSource secrets() {
        return new SecretSource(env());
    }

    protected Output output() {
        return new Output(spec.commandLine().getOut(), global().output);
    }

    protected Progress progress() {
        GlobalOptions g = global();
        boolean color = !g.noColor && !env().containsKey("NO_COLOR") && System.console() != null;
        return new ConsoleProgress(spec.commandLine().getErr(), g.quiet, g.verbose, color);
    }

    /**
     * Prints the result on stdout; when it is {@link Blocking} and blocked, prints the blocking error on stderr as
     * {@link ErrorHandler} prints a thrown one, and returns that error's exit code. Otherwise returns OK: a command
     * with more outcomes (a diff-style "changes pending") maps them itself.
     */
    protected <T> int finish(T result, Function<T, String> text) {
        output().result(result, text);
        if (result instanceof Blocking b) {
            var blocked = b.blockedBy();
            if (blocked.isPresent()) return ErrorHandler.report(blocked.get(), null, spec.commandLine());
        }
        return ExitCodes.OK;
    }
}
