package io.rhoai.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of {@code scripts/rhoai}'s class-data cache (AppCDS on JDK 17-24, the AOT cache on 25+): runs, in
 * one JVM, the commands whose start-up the cache should hold, with their output discarded. Only side-effect-free
 * commands: the root's help (every command's model), {@code version}, {@code exit-codes}, {@code gpu catalog} (JSON and
 * YAML output) and, given the example inputs, {@code install-config render --dry-run} of the bundled dev profile
 * (profile reading and validation, the renderer; a dry run writes nothing).
 *
 * <p>Arguments: {@code [DIR PULL_SECRET_FILE SSH_KEY_FILE]}, the {@code --dir} (never created) and the example inputs
 * for the render.
 */
public final class Training {
    private Training() { }

    public static void main(String[] args) {
        Main.logging();
        List<String[]> runs = new ArrayList<>(List.of(
                new String[] {"--help"},
                new String[] {"version"},
                new String[] {"version", "-o", "json"},
                new String[] {"exit-codes"},
                new String[] {"gpu", "catalog", "-o", "yaml"},
                new String[] {"gpu", "catalog", "-o", "json"}));
        if (args.length == 3) {
            runs.add(new String[] {"install-config", "render", "--cluster", "rhoaibu-cluster-dev", "--dry-run",
                    "--dir", args[0], "--pull-secret-file", args[1], "--ssh-public-key-file", args[2]});
        }
        int failed = 0;
        for (String[] run : runs) {
            var cmd = Rhoai.commandLine(System.getenv(), run);
            cmd.setOut(new PrintWriter(PrintWriter.nullWriter()));
            cmd.setErr(new PrintWriter(PrintWriter.nullWriter()));
            if (cmd.execute(run) != ExitCodes.OK) {
                System.err.println("training: 'rhoai " + String.join(" ", run) + "' failed");
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : ExitCodes.INTERNAL);
    }
}
