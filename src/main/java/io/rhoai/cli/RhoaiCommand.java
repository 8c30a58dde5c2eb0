package io.rhoai.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.rhoai.cli.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Map;

/**
 * The root command. Its subcommands are {@link #SUBCOMMANDS}, added by {@link Rhoai} rather than listed in
 * {@code @Command(subcommands = ...)}, so that a run builds only the branch it invokes.
 */
@TopCommand
@Command(name = "rhoai", scope = ScopeType.INHERIT,
        description = "Run the lifecycle of an OpenShift AI platform the GitOps way: render, GPU pools, bootstrap, OAuth, certificates, promotion, models, fleets.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        footer = {"%nExamples:",
                "  rhoai install-config render --cluster rhoaibu-cluster-dev --dir ./dev \\",
                "      --dry-run",
                "  rhoai bootstrap --cluster rhoaibu-cluster-dev --dry-run",
                "  rhoai status --cluster rhoaibu-cluster-dev",
                "  rhoai gpu catalog -o json",
                "%nExit codes: rhoai exit-codes"})
public class RhoaiCommand implements Runnable {
    /** The top-level commands, in the order the root's help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            VersionCommand.class,
            CompletionCommand.class,
            ExitCodesCommand.class,
            io.rhoai.cli.installconfig.InstallConfigCommand.class,
            io.rhoai.cli.gpu.GpuCommand.class,
            io.rhoai.cli.models.ModelsCommand.class,
            io.rhoai.cli.certs.CertsCommand.class,
            io.rhoai.cli.promote.PromoteCommand.class,
            io.rhoai.cli.oauth.OAuthCommand.class,
            io.rhoai.cli.gitops.GitOpsCommand.class,
            io.rhoai.cli.bootstrap.BootstrapCommand.class,
            io.rhoai.cli.status.StatusCommand.class,
            io.rhoai.cli.fleet.FleetCommand.class);

    final GlobalOptions global = new GlobalOptions();
    /** The environment the run sees; tests pass their own, the binary uses the process environment. */
    final Map<String, String> env;

    @Spec CommandSpec spec;

    public RhoaiCommand() {
        this(System.getenv());
    }

    public RhoaiCommand(Map<String, String> env) {
        this.env = env;
        String fromEnv = env.get("RHOAI_OUTPUT");
        if (fromEnv != null) {
            try {
                global.output = OutputFormat.valueOf(fromEnv.strip().toLowerCase());
            } catch (IllegalArgumentException ignored) {
                // an unusable RHOAI_OUTPUT falls back to text; -o still overrides
            }
        }
    }

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "Result format on stdout: ${COMPLETION-CANDIDATES} (default text, or RHOAI_OUTPUT).")
    void output(OutputFormat format) { global.output = format; }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show debug messages and stack traces on stderr.")
    void verbose(boolean v) { global.verbose = v; }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Show only warnings and errors on stderr.")
    void quiet(boolean q) { global.quiet = q; }

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colour on stderr (also NO_COLOR).")
    void noColor(boolean n) { global.noColor = n; }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
