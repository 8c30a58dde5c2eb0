package io.rhoai.cli.gitops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.Candidates;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.git.TokenUser;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.gitops.BootstrapRequest;
import io.rhoai.gitops.BootstrapResult;
import io.rhoai.gitops.GitOpsBootstrap;
import io.rhoai.kube.Applier.DryRun;
import io.rhoai.kube.KubeClients;
import io.rhoai.kube.Waits;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

@Command(name = "bootstrap",
        description = {"Install OpenShift GitOps and point it at the cluster's configuration repository, stage by stage:",
                "Subscription → InstallPlan → CSV Succeeded → Argo CD CRDs → Argo CD instance → repository secret → AppProjects"
                        + " → root Application → (--wait-apps) every Application Synced and Healthy.",
                "Safe to re-run: unchanged objects are not written; an existing install is adopted, not duplicated."},
        footer = {"%nCredentials: the repository token is read from --git-token-file,",
                "GIT_TOKEN_FILE or GIT_TOKEN (never an argument); a public repository needs none.",
                "%nExamples:",
                "  rhoai gitops bootstrap --cluster rhoaibu-cluster-dev --dry-run=client -o yaml",
                "  rhoai gitops bootstrap --cluster rhoaibu-cluster-dev --repo-username me \\",
                "      --git-token-file ~/.config/rhoai/token --auto-sync --wait-apps",
                "  rhoai gitops bootstrap --cluster rhoaibu-cluster-prod --channel gitops-1.15 \\",
                "      --manual-approval --approve --timeout 30m",
                "  rhoai gitops bootstrap --cluster rhoaibu-cluster-dev --dry-run=server"})
public class GitOpsBootstrapCommand extends BaseCommand {
    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @Option(names = "--channel", paramLabel = "CHANNEL",
            description = "Operator channel (default: the PackageManifest's default channel, discovered on the cluster).")
    String channel;

    @Option(names = "--manual-approval", description = "Subscribe with installPlanApproval Manual (default Automatic).")
    boolean manualApproval;

    @Option(names = "--approve", description = "Approve the pending InstallPlan that installs the subscribed CSV (Manual approval).")
    boolean approve;

    @Option(names = "--controller-role", paramLabel = "CLUSTERROLE", defaultValue = BootstrapRequest.DEFAULT_CONTROLLER_ROLE,
            description = "ClusterRole for the Argo CD application controller (default ${DEFAULT-VALUE}, as in the seed; "
                    + BootstrapRequest.NARROW_CONTROLLER_ROLE + " installs and binds a narrower bundled role).")
    String controllerRole;

    @Option(names = "--repo-username", paramLabel = "USER", description = "User sent with the repository token (default: profile spec.gitops.repoUsername, else "
                    + TokenUser.GITHUB + ", or " + TokenUser.GITLAB + " for a GitLab host; both accept any token).")
    String repoUsername;

    @Option(names = "--git-token-file", paramLabel = "FILE",
            description = "File holding the repository token (else GIT_TOKEN_FILE, else GIT_TOKEN; none for a public repository).")
    Path gitTokenFile;

    @Option(names = "--auto-sync", description = "Enable automated sync (prune off, self-heal on) on the root Application.")
    boolean autoSync;

    @Option(names = "--wait-apps", description = "Wait until every Application in openshift-gitops is Synced and Healthy.")
    boolean waitApps;

    @Option(names = "--degraded-grace", paramLabel = "DURATION", defaultValue = "2m",
            description = "With --wait-apps: how long an Application may stay Degraded before the run fails (default ${DEFAULT-VALUE}).")
    Duration degradedGrace;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "20m", description = RunTimeout.HELP)
    Duration timeout;

    @Option(names = "--manifests-dir", paramLabel = "DIR", description = "Templates to use instead of the bundled bootstrap-manifests/.")
    Path manifestsDir;

    @Option(names = "--wait-mode", paramLabel = "MODE", completionCandidates = Candidates.WaitModes.class, defaultValue = "watch",
            description = "How to wait: watch (default; falls back to polling if a watch cannot be opened) or poll.")
    String waitMode;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s",
            description = "Interval between reads when polling (default ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Override
    public Integer call() {
        DryRun mode = dryRun.mode();
        ClusterProfile p = profile.load(env()).profile();
        ClusterProfile.GitOps g = p.spec() == null ? null : p.spec().gitops();
        Secret token = secrets().find("git token", gitTokenFile, "--git-token-file", "GIT_TOKEN");
        java.util.function.Function<Duration, BootstrapRequest> request = left -> new BootstrapRequest(p.name(), g == null ? null : g.repoURL(), g == null ? null : g.revision(),
                ProfileViews.overlayPath(p),
                channel, manualApproval, approve, controllerRole,
                token == null ? repoUsername : TokenUser.resolve(repoUsername, g == null ? null : g.repoUsername(), g == null ? null : g.repoURL()),
                token, autoSync, waitApps, degradedGrace,
                left, mode, manifestsDir);
        Waits.Mode wait = parseWaitMode(waitMode);
        BootstrapResult result;
        if (mode == DryRun.CLIENT) {
            result = new GitOpsBootstrap(null, wait, pollInterval, Clock.systemUTC(), progress()).run(request.apply(timeout));
            // kubectl's shape: a List of the objects, ready for `kubectl apply -f -`
            output().result(new ObjectList("v1", "List", result.manifests()), l -> l.items().stream()
                    .map(Mappers::toYaml).collect(Collectors.joining("---\n")));
            return ExitCodes.OK;
        }
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            Duration left = clusterCheck.verifyWithin(client, p, timeout, progress());
            result = new GitOpsBootstrap(client, wait, pollInterval, Clock.systemUTC(), progress()).run(request.apply(left));
        }
        output().result(result, GitOpsBootstrapCommand::text);
        return ExitCodes.OK;
    }

    /** A Kubernetes List, as kubectl prints several objects. */
    @RegisterForReflection
    public record ObjectList(String apiVersion, String kind, List<GenericKubernetesResource> items) { }

    static Waits.Mode parseWaitMode(String text) {
        try {
            return Waits.Mode.valueOf(text.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw io.rhoai.core.RhoaiException.invalid("--wait-mode: '" + text + "' is not watch or poll", "use --wait-mode watch or --wait-mode poll");
        }
    }

    static String text(BootstrapResult r) {
        StringBuilder b = new StringBuilder();
        Table objects = new Table("OBJECT", "OUTCOME");
        r.objects().forEach(a -> objects.row(a.ref(), a.outcome() + (a.dryRun() ? " (dry run)" : "")));
        b.append(objects);
        b.append('\n');
        b.append("operator:         ").append(r.subscription()).append(r.adopted() ? " (adopted)" : "")
                .append(", channel ").append(r.channel()).append(r.operatorVersion() == null ? "" : ", version " + r.operatorVersion()).append('\n');
        if (r.argocdURL() != null) b.append("argo cd:          ").append(r.argocdURL()).append('\n');
        b.append("controller role:  ").append(r.controllerRole()).append('\n');
        if (!r.applications().isEmpty()) {
            b.append('\n');
            Table apps = new Table("APPLICATION", "PROJECT", "SYNC", "HEALTH", "REVISION");
            r.applications().forEach(a -> apps.row(a.name(), a.project(), a.sync(), a.health(), a.revision()));
            b.append(apps);
        }
        if (!r.changed() && "none".equals(r.dryRun())) b.append("\nnothing changed\n");
        return b.toString();
    }
}
