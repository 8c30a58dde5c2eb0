package io.rhoai.testing;

import io.rhoai.cli.Rhoai;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real command line in-process, as the binary would, with its own environment, and captures the exit code,
 * stdout and stderr separately.
 */
public final class Cli {
    private final Map<String, String> env = new HashMap<>();

    public static Cli cli() {
        return new Cli();
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result run(String... args) {
        CommandLine cmd = Rhoai.commandLine(Map.copyOf(env), args);   // as the binary builds it: the invoked branch
        StringWriter out = new StringWriter(), err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int exitCode, String stdout, String stderr) {
        /** Everything the user saw, for "never shows the secret" assertions. */
        public String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
