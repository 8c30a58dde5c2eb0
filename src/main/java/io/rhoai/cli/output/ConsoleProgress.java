package io.rhoai.cli.output;

import io.rhoai.core.Interrupts;
import io.rhoai.core.Progress;
import io.rhoai.core.Terminal;
import io.rhoai.core.secret.Redactor;

import java.io.PrintWriter;

/**
 * Progress on stderr for people. Colour only when stderr is a terminal and neither NO_COLOR nor --no-color is set;
 * no spinners or carriage returns ever, so CI logs stay line-per-event. --quiet keeps warnings only.
 */
public final class ConsoleProgress implements Progress {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;
    private final boolean color;

    public ConsoleProgress(PrintWriter err, boolean quiet, boolean verbose, boolean color) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
        this.color = color;
    }

    @Override public void step(String message) {
        Interrupts.doing(Redactor.redact(message)); // named if Ctrl-C stops the run here
        if (!quiet) line("→", "36", message);
    }
    @Override public void done(String message) { if (!quiet) line("✓", "32", message); }
    @Override public void info(String message) { if (!quiet) line(" ", null, message); }
    @Override public void warn(String message) { line("warning:", "33", message); }
    @Override public void debug(String message) { if (verbose) line("debug:", "90", message); }

    private synchronized void line(String mark, String ansi, String message) {
        String m = Terminal.sanitize(Redactor.redact(message));
        err.println(color && ansi != null ? "\u001b[" + ansi + "m" + mark + "\u001b[0m " + m : mark + " " + m);
        err.flush();
    }
}
