package io.rhoai.cli;

import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A run builds only the branch of the command tree it invokes, and nobody can tell from what it prints. */
class CommandTreeTest {

    @Test
    void onlyTheInvokedTopLevelCommandIsBuilt() {
        assertThat(Rhoai.commandLine(Map.of(), "gpu", "catalog", "-o", "json").getSubcommands()).containsOnlyKeys("gpu");
        assertThat(Rhoai.commandLine(Map.of(), "-v", "-o", "yaml", "--no-color", "version").getSubcommands()).containsOnlyKeys("version");
        assertThat(Rhoai.commandLine(Map.of(), "--output=json", "-q", "exit-codes").getSubcommands()).containsOnlyKeys("exit-codes");
        assertThat(Rhoai.commandLine(Map.of(), "-ojson", "install-config", "render").getSubcommands()).containsOnlyKeys("install-config");
    }

    @Test
    void theWholeTreeWhenTheArgumentsDoNotPlainlyNameOneCommand() {
        List<String> all = RhoaiCommand.SUBCOMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).toList();
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"-h", "version"},
                new String[] {"-V"}, new String[] {"versoin"}, new String[] {"-vq", "version"}, new String[] {"@args.txt"},
                new String[] {"completion", "bash"}, new String[] {"--", "version"}, new String[] {"-o"})) {
            assertThat(Rhoai.commandLine(Map.of(), args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(all);
        }
    }

    @Test
    void everyCommandPrintsTheSameHelpAndErrorsFromItsBranchAsFromTheWholeTree() {
        List<List<String>> runs = new ArrayList<>();
        collect(Rhoai.commandLine(Map.of()), new ArrayList<>(), runs);
        runs.add(List.of("--help"));
        runs.add(List.of("versoin"));
        runs.add(List.of("gpu", "nope"));
        runs.add(List.of("version", "--bogus"));
        runs.add(List.of("-o", "json", "exit-codes"));
        for (List<String> run : runs) {
            String[] args = run.toArray(String[]::new);
            assertThat(execute(Rhoai.commandLine(Map.of(), args), args)).as(String.join(" ", run))
                    .isEqualTo(execute(Rhoai.commandLine(Map.of()), args));
        }
        assertThat(runs.size()).isGreaterThan(30);
    }

    @Test
    void rootHelpStillListsEveryCommand() {
        Cli.Result r = Cli.cli().run("--help");
        for (Class<?> c : RhoaiCommand.SUBCOMMANDS) {
            assertThat(r.stdout()).containsPattern("(?m)^  " + c.getAnnotation(Command.class).name() + " ");
        }
    }

    /** {@code [path..., --help]} for every command under {@code cmd}. */
    private static void collect(CommandLine cmd, List<String> path, List<List<String>> runs) {
        List<String> help = new ArrayList<>(path);
        help.add("--help");
        if (!path.isEmpty()) runs.add(help);
        cmd.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            collect(sub, p, runs);
        });
    }

    private static String execute(CommandLine cmd, String[] args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return "exit " + code + "\n" + out + "\n---\n" + err;
    }
}
