package io.rhoai.cli.status;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.install.SocketTlsProber;
import io.rhoai.certs.status.CertificateStatusReader;
import io.rhoai.certs.status.StatusRequest;
import io.rhoai.certs.status.StatusResult;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.certs.EndpointOptions;
import io.rhoai.cli.fleet.FleetStatusCommand;
import io.rhoai.cli.output.OutputFormat;
import io.rhoai.cli.output.Table;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import io.rhoai.fleet.Fleet;
import io.rhoai.fleet.LabelSelector;
import io.rhoai.fleet.status.FleetStatus;
import io.rhoai.gitops.BootstrapResult.AppState;
import io.rhoai.gitops.GitOpsStatus;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuPoolManager;
import io.rhoai.kube.ClusterIdentity;
import io.rhoai.kube.KubeClients;
import io.rhoai.lifecycle.ClusterStatus;
import io.rhoai.lifecycle.ClusterStatusReader;
import io.rhoai.models.serving.ServedModels;
import io.rhoai.oauth.OAuthStatus;
import io.rhoai.oauth.OAuthStatusReader;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"One read-only view of a cluster against its profile: identity, GPU pools, GitOps, sign-in, certificates, models.",
                "Exit 0 when all is well, 9 when something needs attention (each item names its section and why):",
                "a certificate within its renewal window, an Application Degraded or OutOfSync beyond --grace,",
                "a pool above its cap or missing, kubeadmin still present after an identity provider is configured,",
                "an InferenceService not Ready beyond --grace.",
                "Refuses (exit 4) when the kube context is not the profile's cluster. See docs/bootstrap.md."},
        footer = {"%nExamples:",
                "  rhoai status --cluster rhoaibu-cluster-dev",
                "  rhoai status -c prod -o json | jq '.attention'",
                "  rhoai status -c dev --watch --interval 10s",
                "  rhoai status --fleet -c prod --context prod-admin   # the hub's view",
                "  rhoai status -c prod -q || echo 'needs attention'",
                "%nExit codes: 0 all well, 9 attention, 4 wrong cluster, 5/6 the cluster could not",
                "be read."})
public class StatusCommand extends BaseCommand {
    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;
    @Mixin EndpointOptions endpoints;
    @Mixin ClusterCheckOption clusterCheck;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long an Application may be Degraded or OutOfSync before it needs attention (default ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Local certificate store (default: RHOAI_STATE_DIR, $XDG_STATE_HOME/rhoai, ~/.local/state/rhoai).")
    Path stateDir;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Option(names = "--fleet", description = "The fleet instead of one cluster: --cluster names the hub, whose Argo CD Applications are read"
            + " in one request, one row per member (as 'rhoai fleet status --hub'); --kubeconfig/--context reach the hub. See docs/fleet.md.")
    boolean fleet;

    @Option(names = "--watch", description = "Refresh every --interval until Ctrl-C: in place on a terminal; elsewhere each refresh"
            + " is printed after a '--- <time>' line. Text output only.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", description = "With --watch: time between refreshes (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    public Integer call() {
        if (fleet) return fleet();
        ClusterProfile p = profile.load(env()).profile();
        if (watch && global().output != OutputFormat.text) {
            throw RhoaiException.invalid("--watch prints the text dashboard only", "drop -o for --watch, or run 'rhoai status -o json' in a loop");
        }
        if (watch && interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw RhoaiException.invalid("--interval " + interval + " is shorter than 1s", "use --interval 1s or more");
        }
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            if (!watch) return show(read(client, p));
            PrintWriter out = spec.commandLine().getOut();
            boolean tty = System.console() != null;
            while (true) {
                ClusterStatus s = read(client, p);
                if (tty) out.print("\033[H\033[2J");
                else out.println("--- " + s.checkedAt());
                output().result(s, StatusCommand::text);
                out.flush();
                Poller.pause(interval, "the next refresh");
            }
        }
    }

    /** {@code status --fleet}: the hub's view of every member, from one list of its Applications. */
    private int fleet() {
        if (watch) throw RhoaiException.invalid("--watch is for one cluster", "drop --watch with --fleet, or run 'rhoai status --fleet' from cron");
        Fleet members = new Fleet(profile.repository(env()), GpuCatalog.bundled());
        String hub = members.hub(profile.cluster);
        FleetStatus.Result result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            result = FleetStatusCommand.read(client, members, hub, members.members(hub, LabelSelector.ALL), clusterCheck, timeout, progress());
        }
        int code = finish(result, FleetStatusCommand::text);
        return code != ExitCodes.OK ? code : FleetStatusCommand.attention(result, progress());
    }

    private int show(ClusterStatus s) {
        output().result(s, StatusCommand::text);
        if (!s.healthy()) {
            progress().warn(s.attention().size() + " item(s) need attention: " + s.attention().stream()
                    .map(a -> a.section()).distinct().collect(Collectors.joining(", ")));
            return ExitCodes.ATTENTION;
        }
        return ExitCodes.OK;
    }

    ClusterStatus read(KubernetesClient client, ClusterProfile p) {
        Deadline deadline = Deadline.in(timeout);
        ClusterProfile.Spec spec = p.spec();
        ClusterProfile.Cluster c = spec.cluster();
        GpuPoolManager gpu = new GpuPoolManager(client, GpuCatalog.bundled(), progress());
        boolean pools = spec.gpuPools() != null && !spec.gpuPools().isEmpty();
        boolean certs = ProfileViews.certificatesNotConfigured(spec) == null;
        Path dir = stateDir != null ? stateDir : CertificateStore.defaultStateDir(env());
        var sources = new ClusterStatusReader.Sources(p.name(),
                () -> {
                    ClusterIdentity.Identity id = clusterCheck.skipped() ? ClusterIdentity.read(client, deadline)
                            : clusterCheck.verify(client, p, deadline.remaining(), progress());
                    return new ClusterStatus.Identity(id, c == null ? null : ClusterIdentity.expectedApiURL(c.name(), c.baseDomain()),
                            ClusterIdentity.version(client, deadline));
                },
                pools ? () -> gpu.list(deadline.remaining()) : null,
                pools ? () -> gpu.capacity(deadline.remaining()) : null,
                pools ? spec.gpuPools().stream().map(ClusterProfile.GpuPool::name).toList() : List.of(),
                ProfileViews.gitopsNotConfigured(spec) != null ? null : () -> new GitOpsStatus(client).read(p.name(), deadline.remaining()),
                () -> new OAuthStatusReader(client).read(deadline.remaining()),
                certs ? () -> new CertificateStatusReader(() -> client, new SocketTlsProber(), endpoints.overrides(), progress(), Clock.systemUTC())
                        .status(new StatusRequest(p.name(), c.name(), c.baseDomain(), dir, true, true, Duration.ofSeconds(10), deadline.remaining()))
                        : null,
                ProfileViews.renewBefore(p), grace,
                List.of(() -> ClusterStatusReader.models(new ServedModels(client).read(grace, Clock.systemUTC().instant(), deadline))));
        return new ClusterStatusReader(Clock.systemUTC()).read(sources);
    }

    static String text(ClusterStatus s) {
        StringBuilder b = new StringBuilder();
        b.append("cluster ").append(s.profile()).append(" at ").append(s.checkedAt()).append(": ")
                .append(s.healthy() ? "all well" : "ATTENTION (" + s.attention().size() + ")").append("\n\n");
        ClusterStatus.Identity id = s.identity();
        line(b, "identity", id.cluster().apiServerURL() + " (" + id.cluster().source()
                + (id.cluster().infrastructureName() == null ? "" : ", " + id.cluster().infrastructureName()) + ")"
                + (id.version() == null ? "" : ", OpenShift " + id.version())
                + (id.cluster().platform() == null ? "" : ", " + id.cluster().platform()));
        if (s.gpuPools() != null) {
            ClusterStatus.GpuPools g = s.gpuPools();
            line(b, "gpu pools", g.machineSets().size() + " MachineSets; caps " + (g.caps().isEmpty() ? "none" : g.caps())
                    + ", in use " + g.inUse() + "; pending GPU pods: " + g.pendingGpuPods().size()
                    + (g.missing().isEmpty() ? "" : "; missing: " + String.join(", ", g.missing())));
            if (!g.machineSets().isEmpty()) {
                Table t = new Table("POOL", "MACHINESET", "ZONE", "READY/REPLICAS", "MIN/MAX", "LABEL");
                for (GpuPoolManager.PoolEntry e : g.machineSets()) {
                    t.row(e.pool() == null ? "-" : e.pool(), e.machineSet(), e.zone(), e.readyReplicas() + "/" + e.replicas(),
                            e.minReplicas() == null ? "-" : e.minReplicas() + "/" + e.maxReplicas(), e.label() == null ? "-" : e.label());
                }
                b.append(t.toString().indent(2));
            }
        }
        if (s.gitops() != null) {
            GitOpsStatus.StatusResult g = s.gitops();
            if (!g.installed()) {
                line(b, "gitops", "not installed");
            } else {
                long out = g.applications().stream().filter(a -> !"Synced".equals(a.sync())).count();
                line(b, "gitops", "operator " + (g.operator() == null ? "?" : g.operator().version() + " (" + g.operator().phase() + ")")
                        + "; " + g.applications().size() + " Applications, " + out + " out of sync");
                if (!g.applications().isEmpty()) {
                    Table t = new Table("APPLICATION", "SYNC", "HEALTH");
                    for (AppState a : g.applications()) t.row(a.name(), String.valueOf(a.sync()), String.valueOf(a.health()));
                    b.append(t.toString().indent(2));
                }
            }
        }
        OAuthStatus o = s.signIn();
        line(b, "sign-in", (o.providers().isEmpty() ? "no identity providers" : "providers " + o.providers().stream()
                .map(p -> p.name() + " (" + p.type() + ")").collect(Collectors.joining(", ")))
                + "; kubeadmin " + (o.kubeadminPresent() ? "present" : "removed"));
        if (s.certificates() != null) {
            StatusResult c = s.certificates().status();
            for (StatusResult.EndpointStatus e : c.endpoints()) {
                line(b, "certificates", e.endpoint() + " " + e.host() + ": " + (e.served() == null ? "not read"
                        : e.served().issuer() + ", " + e.served().daysLeft() + " days left"
                        + (Boolean.TRUE.equals(e.servedMatchesStored()) ? ", the stored one" : Boolean.FALSE.equals(e.servedMatchesStored()) ? ", NOT the stored one" : "")));
            }
            line(b, "certificates", "stored: " + (c.localStore() == null ? "none" : c.localStore().version() + ", " + c.localStore().daysLeft()
                    + " days left") + "; renewal " + (s.certificates().renewalDue() ? "DUE" : "not due")
                    + " (window " + s.certificates().renewBeforeDays() + " days)");
        }
        for (ClusterStatus.Extra e : s.more()) e.lines().forEach(l -> line(b, e.section(), l));
        if (!s.notConfigured().isEmpty()) line(b, "not configured", String.join(", ", s.notConfigured()));
        if (!s.attention().isEmpty()) {
            b.append("\nattention:\n");
            s.attention().forEach(a -> b.append("  ").append(a.section()).append(": ").append(a.why()).append('\n'));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String section, String text) {
        b.append(String.format("%-14s %s%n", section, text));
    }
}
