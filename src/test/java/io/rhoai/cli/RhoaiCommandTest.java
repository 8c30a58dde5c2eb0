package io.rhoai.cli;

import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RhoaiCommandTest {

    @Test
    void versionJsonParsesBackIntoTheResultRecord() throws Exception {
        Cli.Result r = Cli.cli().run("version", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.stderr()).isEmpty();
        VersionCommand.VersionInfo info = Mappers.json().readValue(r.stdout(), VersionCommand.VersionInfo.class);
        assertThat(info.runtime()).isEqualTo("jvm");
        assertThat(info.java()).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void globalOutputOptionWorksBeforeTheSubcommandAndFromTheEnvironment() {
        assertThat(Cli.cli().run("-o", "yaml", "version").stdout()).startsWith("version:");
        assertThat(Cli.cli().env("RHOAI_OUTPUT", "json").run("version").stdout()).startsWith("{");
    }

    @Test
    void unknownOptionIsAUsageErrorOnStderrOnly() {
        Cli.Result r = Cli.cli().run("version", "--bogus");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("error: Unknown option: '--bogus'").contains("hint: see 'rhoai version --help'");
    }

    @Test
    void everySubcommandTakesHelpAndExitsZero() {
        Cli.Result r = Cli.cli().run("version", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("Usage: rhoai version").contains("Examples:");
    }

    @Test
    void completionScriptsNameEveryTopLevelCommand() {
        Cli.Result bash = Cli.cli().run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.stdout()).contains("version").contains("exit-codes").contains("complete -F");
        assertThat(Cli.cli().run("completion", "zsh").stdout()).startsWith("#compdef rhoai").contains("bashcompinit");
    }

    @Test
    void everyCommandHelpEndsWithExamples() {
        picocli.CommandLine root = Rhoai.commandLine(java.util.Map.of());
        assertEveryCommandHasExamples(root);
    }

    private static void assertEveryCommandHasExamples(picocli.CommandLine cmd) {
        String help = cmd.getUsageMessage();
        assertThat(help).as("help of '%s'", cmd.getCommandSpec().qualifiedName()).contains("Examples:");
        cmd.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandSpec().usageMessage().hidden())
                .filter(sub -> !sub.getCommandName().equals("help"))
                .forEach(RhoaiCommandTest::assertEveryCommandHasExamples);
    }

    @Test
    void exitCodeTableIsTheOneTheReadmeDocuments() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("rhoai.project.dir", "."), "README.md"));
        for (String[] row : ExitCodes.TABLE) {
            assertThat(readme).as("README documents exit code %s", row[0]).containsPattern("\\|\\s*" + row[0] + "\\s*\\|\\s*`?" + row[1]);
        }
    }
}
