package io.rhoai.cli;

import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Help examples are copied into terminals: every footer line of every command (examples, notes) fits in 80 columns, a
 * longer command is continued with " \" on the next line, so a terminal never wraps it mid-command.
 */
class HelpWidthTest {
    static final int WIDTH = 80;

    @Test
    void everyFooterLineOfTheWholeTreeFitsIn80Columns() {
        List<String> tooWide = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        walk(Rhoai.commandLine(Map.of()), tooWide, commands);
        assertThat(commands).hasSizeGreaterThan(30);
        assertThat(tooWide).as("footer lines over " + WIDTH + " columns").isEmpty();
    }

    private static void walk(CommandLine cmd, List<String> tooWide, List<String> commands) {
        commands.add(cmd.getCommandSpec().qualifiedName());
        // as written (picocli's own footer() would wrap a long line at the terminal's width: the problem itself)
        for (String line : footerLines(cmd)) {
            if (line.length() > WIDTH) tooWide.add(cmd.getCommandSpec().qualifiedName() + ": " + line.length() + ": " + line);
        }
        for (CommandLine sub : cmd.getSubcommands().values()) walk(sub, tooWide, commands);
    }

    @Test
    void aContinuedExampleLineEndsWithSpaceBackslash() {
        List<String> bad = new ArrayList<>();
        check(Rhoai.commandLine(Map.of()), bad);
        assertThat(bad).isEmpty();
    }

    /** An indented continuation line ("      --flag ...") follows a line ending in " \". */
    private static void check(CommandLine cmd, List<String> bad) {
        List<String> l = footerLines(cmd);
        String[] lines = l.toArray(String[]::new);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("      ") && lines[i - 1].startsWith("  ") && !lines[i - 1].endsWith(" \\")) {
                bad.add(cmd.getCommandSpec().qualifiedName() + ": " + lines[i - 1]);
            }
        }
        for (CommandLine sub : cmd.getSubcommands().values()) check(sub, bad);
    }

    /** The footer as written, %n taken as a line break. */
    static List<String> footerLines(CommandLine cmd) {
        List<String> out = new ArrayList<>();
        CommandLine.Model.UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        for (String entry : usage.footer()) {
            for (String line : entry.replace("%n", "\n").split("\n", -1)) out.add(line);
        }
        return out;
    }

    @Test
    void completionHelpNamesZshsFunctionPathLiterally() {
        Cli.Result r = Cli.cli().run("completion", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("\"${fpath[1]}/_rhoai\"").doesNotContain("null");
        assertThat(r.stderr()).isEmpty();
    }
}
