package io.rhoai.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One CLI contract, checked on the picocli model of the real command line (built as {@code testing/Cli} builds it):
 * <ol>
 *   <li>{@code -c/--cluster} is always {@link ProfileOptions}' (or {@link OptionalProfileOptions}'): one name matching;</li>
 *   <li>every command that reaches a cluster or waits has {@code --timeout}, and {@code --timeout} always means the whole
 *       run's budget ({@link RunTimeout#HELP}); a per-operation limit has its own name;</li>
 *   <li>every command that writes to a cluster takes {@code --dry-run[=client|server]} through {@link DryRunOption};</li>
 *   <li>one name per meaning: a visible option that takes a public key says so in its name, and {@code --ssh-key-file}
 *       is a private key wherever it is visible;</li>
 *   <li>every {@code --flag} the README names is an option of some command (or another tool's, listed).</li>
 * </ol>
 * A failure lists each rule with each command that breaks it.
 */
class CliContractTest {
    /** Commands that reach a cluster and only read it; every other command with --kubeconfig writes. */
    static final Set<String> READ_ONLY = Set.of("rhoai gitops status", "rhoai gpu pools list", "rhoai oauth status", "rhoai certs status",
            "rhoai status",
            "rhoai models test");

    /**
     * Violations known today, in commands other engineers are converting (issue 10). The lead empties this map after
     * merging their branches; a command that starts to comply must be taken off (the test says so).
     */
    /** Commands allowed to break a rule for now (rule → commands); empty: every command keeps the contract. */
    static final Map<String, Set<String>> KNOWN_UNTIL_MERGE = Map.of();

    /** Flags of other tools the README shows in their commands. */
    static final Set<String> OTHER_TOOLS_FLAGS = Set.of("--dir", "--help", "--client");

    static final List<CommandSpec> COMMANDS = new ArrayList<>();

    @BeforeAll
    static void walk() {
        COMMANDS.clear();
        collect(Rhoai.commandLine(Map.of()).getCommandSpec());
    }

    private static void collect(CommandSpec spec) {
        COMMANDS.add(spec);
        for (CommandLine sub : spec.subcommands().values()) {
            if (!COMMANDS.contains(sub.getCommandSpec())) collect(sub.getCommandSpec());
        }
    }

    @Test
    void everyCommandKeepsTheContract() {
        Map<String, Set<String>> violations = new LinkedHashMap<>();
        for (CommandSpec c : COMMANDS) {
            String name = c.qualifiedName();
            OptionSpec cluster = option(c, "--cluster");
            OptionSpec shortCluster = option(c, "-c");
            if ((cluster != null || shortCluster != null) && (cluster != shortCluster
                    || !Set.of(ProfileOptions.class, OptionalProfileOptions.class).contains(declaringClass(cluster)))) {
                add(violations, "cluster", name);
            }
            OptionSpec timeout = option(c, RunTimeout.NAME);
            boolean reachesCluster = option(c, "--kubeconfig") != null || option(c, "--source-kubeconfig") != null;
            boolean waits = option(c, "--wait") != null || option(c, "--wait-apps") != null;
            if (((reachesCluster || waits) && timeout == null) || (timeout != null && !meansTheWholeRun(timeout))) {
                add(violations, "timeout", name);
            }
            boolean writesCluster = option(c, "--kubeconfig") != null && !READ_ONLY.contains(name);
            OptionSpec dryRun = option(c, "--dry-run");
            if (writesCluster && (dryRun == null || declaringClass(dryRun) != DryRunOption.class)) add(violations, "dry-run", name);
            for (OptionSpec o : c.options()) {
                if (o.hidden()) continue;
                String text = String.join(" ", o.description()).toLowerCase();
                boolean publicKey = text.contains("public key");
                if (publicKey != o.longestName().contains("public-key")
                        || (o.longestName().equals("--ssh-key-file") && !text.contains("private key"))) {
                    add(violations, "one name per meaning (" + o.longestName() + ")", name);
                }
            }
        }
        Map<String, Set<String>> unexpected = new LinkedHashMap<>();
        violations.forEach((rule, commands) -> commands.stream()
                .filter(cmd -> !KNOWN_UNTIL_MERGE.getOrDefault(rule, Set.of()).contains(cmd))
                .forEach(cmd -> add(unexpected, rule, cmd)));
        assertThat(unexpected).as("rules broken (rule → commands):\n" + format(unexpected)).isEmpty();

        Map<String, Set<String>> stale = new LinkedHashMap<>();
        KNOWN_UNTIL_MERGE.forEach((rule, commands) -> commands.stream()
                .filter(cmd -> !violations.getOrDefault(rule, Set.of()).contains(cmd))
                .forEach(cmd -> add(stale, rule, cmd)));
        assertThat(stale).as("these now keep the contract: take them off KNOWN_UNTIL_MERGE:\n" + format(stale)).isEmpty();
    }

    @Test
    void theWalkSeesEveryCommand() {
        assertThat(COMMANDS).extracting(CommandSpec::qualifiedName)
                .contains("rhoai gitops bootstrap", "rhoai gpu pools add", "rhoai gpu pools remove", "rhoai oauth google",
                        "rhoai certs install", "rhoai promote back", "rhoai install-config render");
    }

    @Test
    void dryRunIsKubectlsSpellingWhereverItComesFromTheMixin() {
        for (CommandSpec c : COMMANDS) {
            OptionSpec o = option(c, "--dry-run");
            if (o == null || declaringClass(o) != DryRunOption.class) continue;
            assertThat(o.arity().min()).as(c.qualifiedName()).isZero();
            assertThat(o.fallbackValue()).as(c.qualifiedName() + ": a bare --dry-run is client").isEqualTo("client");
        }
    }

    @Test
    void everyFlagTheReadmeNamesExists() throws IOException {
        Set<String> options = new TreeSet<>();
        for (CommandSpec c : COMMANDS) for (OptionSpec o : c.options()) options.addAll(List.of(o.names()));
        Set<String> unknown = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*").matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            if (!options.contains(m.group()) && !OTHER_TOOLS_FLAGS.contains(m.group())) unknown.add(m.group());
        }
        assertThat(unknown).as("flags in README.md that no command has").isEmpty();
    }

    /** The description is {@link RunTimeout#HELP}, with the command's own default filled in. */
    static boolean meansTheWholeRun(OptionSpec timeout) {
        return String.join(" ", timeout.description()).equals(RunTimeout.HELP.replace("${DEFAULT-VALUE}", String.valueOf(timeout.defaultValue())));
    }

    static OptionSpec option(CommandSpec c, String name) {
        return c.findOption(name) != null && List.of(c.findOption(name).names()).contains(name) ? c.findOption(name) : null;
    }

    static Class<?> declaringClass(OptionSpec o) {
        return o != null && o.userObject() instanceof Field f ? f.getDeclaringClass() : null;
    }

    private static void add(Map<String, Set<String>> map, String rule, String command) {
        map.computeIfAbsent(rule, r -> new TreeSet<>()).add(command);
    }

    private static String format(Map<String, Set<String>> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((rule, commands) -> b.append("  ").append(rule).append(": ").append(String.join(", ", commands)).append('\n'));
        return b.toString();
    }
}
