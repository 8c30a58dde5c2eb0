package io.rhoai.cli;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Interrupts;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.Terminal;
import io.rhoai.core.secret.Redactor;
import io.rhoai.kube.Retry;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The one error path: a single {@code error:} line naming what failed, a {@code hint:} line with the fix,
 * and the stack trace only with -v. The exit code comes from {@link ExitCodes}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        return report(normalise(ex), ex, cmd);
    }

    /**
     * Prints one error the one way, thrown or not: {@code error:} and {@code hint:} lines (redacted, one line each), the
     * trace of {@code thrown} only with -v. Also used by {@link BaseCommand#finish} for results that block.
     *
     * @param thrown what was thrown, for -v; null for a blocked result (there is no failure to trace)
     * @return the exit code of the error's kind
     */
    static int report(RhoaiException r, Throwable thrown, CommandLine cmd) {
        // after Ctrl-C the clean-up removes what the run is still using: its errors are consequences, and the
        // interrupt has been reported (Interrupts)
        if (Interrupts.interrupted()) return ExitCodes.INTERRUPTED;
        PrintWriter err = cmd.getErr();
        err.println("error: " + oneLine(r.getMessage()));
        if (r.hint() != null) err.println("hint: " + oneLine(r.hint()));
        RhoaiCommand root = (RhoaiCommand) cmd.getCommandSpec().root().userObject();
        if (root.global.verbose && thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            err.print(Terminal.sanitize(Redactor.redact(trace.toString())));
        } else if (r.kind() == ErrorKind.INTERNAL) {
            err.println("hint: re-run with -v for the stack trace, and report it");
        }
        err.flush();
        return ExitCodes.of(r.kind());
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + oneLine(Redactor.redact(ArgumentSafety.message(ex, args))));
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            var suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) err.println("hint: did you mean " + String.join(" or ", suggestions) + "?");
        }
        err.println("hint: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ArgumentSafety.exitCode(ex);
    }

    static RhoaiException normalise(Throwable ex) {
        return Retry.asRhoai(ex);
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        String line = Terminal.sanitize(s.replaceAll("\\s*\\R\\s*", " ").strip());
        return line.length() > 600 ? line.substring(0, 600) + "…" : line;
    }
}
