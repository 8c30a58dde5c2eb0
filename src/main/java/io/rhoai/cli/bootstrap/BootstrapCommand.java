package io.rhoai.cli.bootstrap;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.acme.CertificateIssuer;
import io.rhoai.certs.install.CertificateInstaller;
import io.rhoai.certs.install.SocketTlsProber;
import io.rhoai.certs.renew.CertificateRenewer;
import io.rhoai.certs.renew.RenewRequest;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.certs.EndpointOptions;
import io.rhoai.cli.certs.IssueOptions;
import io.rhoai.cli.output.Table;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.time.Durations;
import io.rhoai.git.TokenUser;
import io.rhoai.gitops.BootstrapRequest;
import io.rhoai.gitops.BootstrapResult;
import io.rhoai.gitops.GitOpsBootstrap;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuPoolManager;
import io.rhoai.gpu.GpuPoolManager.AddRequest;
import io.rhoai.gpu.GpuPoolManager.AddResult;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.Applier.DryRun;
import io.rhoai.kube.ClusterIdentity;
import io.rhoai.kube.KubeClients;
import io.rhoai.kube.Waits;
import io.rhoai.lifecycle.BootstrapReport;
import io.rhoai.lifecycle.BootstrapStages;
import io.rhoai.lifecycle.Bootstrapper;
import io.rhoai.lifecycle.StageResult;
import io.rhoai.oauth.AdminGranter;
import io.rhoai.oauth.GoogleIdpConfigurer;
import io.rhoai.oauth.GoogleIdpRequest;
import io.rhoai.oauth.GrantAdminRequest;
import io.rhoai.core.time.Poller;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileRepository;
import io.rhoai.profile.ProfileValidator;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.ValidatedProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {"Take an installed cluster to a working platform, as its profile says, stage by stage:",
                "identity → gpu-pools → gitops → oauth → certificates → applications.",
                "Each stage is the engine of its own command, reads the cluster first and changes only what is missing,",
                "so a re-run writes nothing and a run that failed continues where it stopped, on any machine (no state file).",
                "A stage the profile does not configure is skipped and says so. kubeadmin is never removed: the command to",
                "do that, once a person has signed in, is printed at the end. See docs/bootstrap.md."},
        footer = {"%nSecrets come as for the single commands: --git-token-file/GIT_TOKEN(_FILE),",
                "--client-secret-file/RHOAI_GOOGLE_CLIENT_SECRET(_FILE), AWS_* for Route 53,",
                "--eab-hmac-key-file/RHOAI_EAB_HMAC_KEY(_FILE).",
                "%nExamples:",
                "  rhoai bootstrap --cluster rhoaibu-cluster-dev --dry-run",
                "  rhoai bootstrap --cluster rhoaibu-cluster-dev \\",
                "      --git-token-file ~/.config/rhoai/token \\",
                "      --client-secret-file ~/google-secret",
                "  rhoai bootstrap -c dev --only gitops,applications -o json",
                "  rhoai bootstrap -c dev --skip certificates --timeout 45m",
                "%nExit codes: 0 done (or nothing to do); otherwise the code of the first failed",
                "stage (3, 4, 5, 6), its message naming the stage. See rhoai exit-codes."})
public class BootstrapCommand extends BaseCommand {
    /** -c/--cluster (required here), --profiles-dir, and the certificates stage's issuing options. */
    @Mixin IssueOptions issue;
    @Mixin KubeOptions kube;
    @Mixin EndpointOptions endpoints;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @Option(names = "--only", paramLabel = "STAGE", split = ",",
            description = "Run only these stages (comma-separated or repeated): " + "identity, gpu-pools, gitops, oauth, certificates, applications;"
                    + " identity runs anyway.")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "STAGE", split = ",", description = "Do not run these stages (comma-separated or repeated).")
    List<String> skip = new ArrayList<>();

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "60m", description = RunTimeout.HELP)
    Duration timeout;

    @Option(names = "--repo-username", paramLabel = "USER", description = "gitops: user sent with the repository token (default: profile"
            + " spec.gitops.repoUsername, else " + TokenUser.GITHUB + ", or " + TokenUser.GITLAB + " for a GitLab host).")
    String repoUsername;

    @Option(names = "--git-token-file", paramLabel = "FILE",
            description = "gitops: file holding the repository token (else GIT_TOKEN_FILE, else GIT_TOKEN; none for a public repository).")
    Path gitTokenFile;

    @Option(names = "--auto-sync", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "gitops: automated sync on the root Application (default); --no-auto-sync leaves syncing to a person"
                    + " and skips the applications stage.")
    boolean autoSync;

    @Option(names = "--degraded-grace", paramLabel = "DURATION", defaultValue = "2m",
            description = "applications: how long an Application may stay Degraded before the run fails (default ${DEFAULT-VALUE}).")
    Duration degradedGrace;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "oauth: file holding the Google client secret (else RHOAI_GOOGLE_CLIENT_SECRET_FILE or RHOAI_GOOGLE_CLIENT_SECRET;"
                    + " without one, the value in the cluster is kept).")
    Path clientSecretFile;

    @Option(names = "--renew-before", paramLabel = "DURATION",
            description = "certificates: issue when the stored one expires within this (default: spec.certificates.renewBefore, else 30d).")
    Duration renewBefore;

    @Option(names = "--poll-interval", hidden = true, defaultValue = "2s")
    Duration pollInterval;

    @Override
    public Integer call() {
        ProfileOptions profileOptions = issue.profileOptions();
        if (profileOptions == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--cluster=PROFILE'");
        }
        Bootstrapper.validateSelection(only, skip);
        ProfileRepository repo = profileOptions.repository(env());
        LoadedProfile loaded = repo.load(profileOptions.cluster);
        ValidatedProfile validated = new ProfileValidator(GpuCatalog.bundled()).validate(loaded, path -> repo.originOf(loaded, path));
        ClusterProfile profile = loaded.profile();
        ClusterProfile.Spec spec = profile.spec();
        DryRun mode = dryRun.mode();
        // secrets are read before anything runs: a missing file fails now, not after three stages
        Secret gitToken = secrets().find("git token", gitTokenFile, "--git-token-file", "GIT_TOKEN");
        Secret clientSecret = secrets().find("Google client secret", clientSecretFile, "--client-secret-file", "RHOAI_GOOGLE_CLIENT_SECRET");
        Clock clock = Clock.systemUTC();
        BootstrapReport report;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            var stages = List.of(
                    BootstrapStages.identity(clusterCheck.skipped() ? ClusterCheckOption.NAME : null,
                            d -> clusterCheck.verify(client, profile, d.remaining(), progress())),
                    BootstrapStages.gpuPools(validated.pools().isEmpty() ? "the profile has no spec.gpuPools" : null,
                            left -> new GpuPoolManager(client, GpuCatalog.bundled(), progress())
                                    .add(AddRequest.fromProfile(validated, null, mode, left))),
                    BootstrapStages.gitops(ProfileViews.gitopsNotConfigured(spec), left -> gitops(client, profile, gitToken, mode, left)),
                    BootstrapStages.oauth(ProfileViews.oauthNotConfigured(spec),
                            ProfileViews.google(spec) == null ? null : left -> new GoogleIdpConfigurer(client, progress(),
                                    Poller.system(pollInterval, pollInterval, progress())).configure(googleRequest(spec, clientSecret, mode, left)),
                            ProfileViews.adminUsers(spec).isEmpty() && ProfileViews.adminGroups(spec).isEmpty() ? null : left -> new AdminGranter(client, progress())
                                    .grant(new GrantAdminRequest(ProfileViews.adminUsers(spec), ProfileViews.adminGroups(spec), false, List.of(),
                                            GrantAdminRequest.DEFAULT_BINDING, mode, left))),
                    BootstrapStages.certificates(ProfileViews.certificatesNotConfigured(spec),
                            left -> certificates(client, profile, mode, left, clock)),
                    BootstrapStages.applications(mode.isDryRun() ? "dry run" : !autoSync ? "--no-auto-sync" : null, ProfileViews.gitopsNotConfigured(spec),
                            d -> new GitOpsBootstrap(client, Waits.Mode.WATCH, pollInterval, clock, progress())
                                    .awaitApplications(profile.name(), degradedGrace, d)));
            String removeKubeadmin = ProfileViews.google(spec) == null || mode.isDryRun() ? null
                    : "rhoai oauth remove-kubeadmin --cluster " + profile.name() + " --confirm"
                    + "   # once a person has signed in through " + ProfileViews.google(spec).providerName() + "; it checks that first";
            report = new Bootstrapper(progress(), clock).run(new Bootstrapper.Request(profile.name(), Bootstrapper.byName(stages),
                    Set.copyOf(only), Set.copyOf(skip), timeout, mode.name().toLowerCase(),
                    removeKubeadmin == null ? Map.of() : Map.of(Bootstrapper.OAUTH, removeKubeadmin)));
        }
        return finish(report, BootstrapCommand::text);
    }

    private BootstrapResult gitops(KubernetesClient client, ClusterProfile p, Secret token, DryRun mode, Duration left) {
        ClusterProfile.GitOps g = p.spec().gitops();
        BootstrapRequest request = new BootstrapRequest(p.name(), g.repoURL(), g.revision(), ProfileViews.overlayPath(p),
                null, false, false, BootstrapRequest.DEFAULT_CONTROLLER_ROLE,
                token == null ? repoUsername : TokenUser.resolve(repoUsername, g.repoUsername(), g.repoURL()), token, autoSync, false, degradedGrace,
                left, mode, null);
        // a client dry run renders offline, as 'gitops bootstrap --dry-run=client' does
        return new GitOpsBootstrap(mode == DryRun.CLIENT ? null : client, Waits.Mode.WATCH, pollInterval, Clock.systemUTC(), progress())
                .run(request);
    }

    private io.rhoai.certs.renew.RenewResult certificates(KubernetesClient client, ClusterProfile profile, DryRun mode, Duration left, Clock clock) {
        ProfileViews.hosts(profile, "to install", null);
        ClusterProfile.Cluster cluster = profile.spec().cluster();
        RenewRequest request = new RenewRequest(issue.request(profile, env(), left, mode.isDryRun()),
                renewBefore != null ? renewBefore : ProfileViews.renewBefore(profile), false, true,
                cluster.name(), cluster.baseDomain(), true, true, true, mode);
        CertificateIssuer issuer = new CertificateIssuer(progress(), clock);
        CertificateInstaller installer = new CertificateInstaller(client, progress(), clock, new SocketTlsProber(), endpoints.overrides());
        return new CertificateRenewer(issuer::issue, installer::install, progress(), clock).renew(request);
    }

    private static GoogleIdpRequest googleRequest(ClusterProfile.Spec spec, Secret secret, DryRun mode, Duration left) {
        ClusterProfile.Google g = ProfileViews.google(spec);
        ClusterProfile.Cluster c = spec.cluster();
        return new GoogleIdpRequest(g.providerName() == null || g.providerName().isBlank() ? GoogleIdpRequest.DEFAULT_PROVIDER_NAME : g.providerName(),
                g.clientID(), secret, GoogleIdpRequest.DEFAULT_SECRET_NAME, g.hostedDomain(), g.mappingMethod(),
                c == null ? null : c.name(), c == null ? null : c.baseDomain(), mode, false, left);
    }

    static String text(BootstrapReport r) {
        StringBuilder b = new StringBuilder();
        boolean dry = !"none".equals(r.dryRun());
        Table t = new Table("STAGE", "OUTCOME", "DURATION", "DETAIL");
        for (StageResult s : r.stages()) {
            t.row(s.stage(), s.outcomeText(), s.outcome() == StageResult.Outcome.SKIPPED || s.outcome() == StageResult.Outcome.NOT_RUN
                    ? "-" : Durations.format(Duration.ofMillis(s.durationMs())), s.detail() == null ? "" : s.detail());
        }
        b.append(t);
        if (dry) {
            StringBuilder plan = new StringBuilder();
            for (StageResult s : r.stages()) {
                List<Applied> objects = s.result() instanceof AddResult a ? a.objects()
                        : s.result() instanceof BootstrapResult g ? g.objects() : List.of();
                for (Applied a : objects) {
                    if (a.outcome().changes() || a.outcome() == io.rhoai.core.Outcome.RENDERED) {
                        plan.append("  ").append(s.stage()).append(": ").append(a.kind()).append(' ')
                                .append(a.namespace() == null ? "" : a.namespace() + "/").append(a.name()).append(' ').append(a.outcome()).append('\n');
                    }
                }
            }
            if (!plan.isEmpty()) b.append("\nplan:\n").append(plan);
            b.append("\nDRY RUN (").append(r.dryRun()).append("): nothing was written\n");
        } else if (r.failedStage() == null && !r.changed()) {
            b.append("\nnothing changed: every stage was already done\n");
        }
        if (r.failedStage() != null) {
            b.append("\nstopped at stage ").append(r.failedStage()).append("; fix it and re-run: finished stages are read and skipped\n");
        }
        if (!r.next().isEmpty()) {
            b.append("\nnext:\n");
            r.next().forEach(n -> b.append("  ").append(n).append('\n'));
        }
        return b.toString();
    }
}
