package io.rhoai.cli.promote;

import io.rhoai.cli.ProfileNames;
import io.rhoai.cli.RunTimeout;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What every promote command shares: the two environments, where profiles and the clone live, git access. */
public final class PromoteOptions {
    @Option(names = "--from", paramLabel = "CLUSTER",
            description = "Source cluster profile (or a unique suffix such as dev), or ring:NAME for a fleet ring (docs/fleet.md). Required.",
            completionCandidates = ProfileNames.class)
    String from;

    @Option(names = "--to", paramLabel = "CLUSTER",
            description = "Target cluster profile (or a unique suffix such as prod), or ring:NAME. Required.",
            completionCandidates = ProfileNames.class)
    String to;

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Directory of cluster profiles (default: RHOAI_PROFILES_DIR, ./install-configs, else the bundled ones).")
    Path profilesDir;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a single value of both profiles without "
            + "editing them, e.g. spec.gitops.repoURL=https://github.com/me/fork (repeatable; as for every command).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--repo-dir", paramLabel = "DIR",
            description = "An existing clone to use, or a directory to keep the local copy in and reuse (default: the "
                    + "current directory when it is a clone of the repository, else a temp dir, deleted afterwards).")
    Path repoDir;

    @Option(names = "--no-fetch", description = "Do not fetch: use the clone's branches as last fetched (offline, or a CI "
            + "checkout). Needs an existing clone; the plan notes it was not fetched.")
    boolean noFetch;

    @Option(names = "--allow-drift", description = "Promote even if the target has commits the source lacks (hotfixes).")
    boolean allowDrift;

    @Option(names = "--no-render", description = "Do not build the overlay with kustomize/kubectl; list files only.")
    boolean noRender;

    @Option(names = "--git-token-file", paramLabel = "FILE",
            description = "Token for HTTPS git and the GitHub API (default: GIT_TOKEN_FILE, then GIT_TOKEN).")
    Path gitTokenFile;

    @Option(names = "--ssh-key-file", paramLabel = "FILE",
            description = "Private key for SSH git URLs (default: the ssh-agent at SSH_AUTH_SOCK).")
    Path sshKeyFile;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts used to verify SSH host keys; unknown keys are refused (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "10m", description = RunTimeout.HELP)
    Duration timeout;

    @Option(names = "--operation-timeout", paramLabel = "DURATION", defaultValue = "2m",
            description = "Timeout of each git, GitHub and kustomize operation, within --timeout (default: ${DEFAULT-VALUE}).")
    Duration operationTimeout;

    /**
     * --from/--to are required, checked here because the parent command "promote" and its subcommands share them.
     *
     * @return null when both are given, else the usage exit code after the usual usage error was printed
     */
    Integer requireEnvironments(picocli.CommandLine cmd) {
        List<String> missing = new java.util.ArrayList<>();
        if (from == null) missing.add("'--from=CLUSTER'");
        if (to == null) missing.add("'--to=CLUSTER'");
        if (missing.isEmpty()) return null;
        var e = new picocli.CommandLine.ParameterException(cmd, "Missing required option" + (missing.size() > 1 ? "s" : "") + ": "
                + String.join(", ", missing));
        try {
            return cmd.getParameterExceptionHandler().handleParseException(e, new String[0]);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
