package io.rhoai.cli.certs;

import io.rhoai.cli.RunTimeout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.install.CertificateInstaller;
import io.rhoai.certs.install.CertificateSelection;
import io.rhoai.certs.install.InstallRequest;
import io.rhoai.certs.install.InstallResult;
import io.rhoai.certs.install.SocketTlsProber;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.kube.KubeClients;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.LoadedProfile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the stored certificate on the router and the API server.",
                "A new versioned Secret per target, IngressController default and APIServer namedCertificates pointed at it (other entries kept), rollouts awaited, then a TLS handshake proves the new certificate is served. The previous Secret is kept for 'certs rollback'. Refuses (exit 4) to touch the API server when the kubeconfig's certificate-authority would not trust the new chain."},
        footer = {"%nExamples:",
                "  rhoai certs install --cluster rhoaibu-cluster-dev --dry-run",
                "  rhoai certs install --cluster rhoaibu-cluster-dev --dry-run=server -o json",
                "  rhoai certs install --cluster rhoaibu-cluster-dev --timeout 30m",
                "  rhoai certs install --cluster rhoaibu-cluster-prod --ingress-only -o json",
                "  rhoai certs install -c rhoaibu-cluster-dev --cert-version 20260427T080000Z",
                "%nExit codes: 0 installed or unchanged, 3 invalid certificate,",
                "  4 refused (kubeconfig trust),",
                "  5 rollout timeout, 6 API or wire-check failure. See docs/certs-install.md."})
public class CertsInstallCommand extends BaseCommand {
    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;
    @Mixin EndpointOptions endpoints;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    TargetSelection selection;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Local certificate store (default: RHOAI_STATE_DIR, $XDG_STATE_HOME/rhoai, ~/.local/state/rhoai).")
    Path stateDir;

    @Option(names = "--cert-version", paramLabel = "VERSION", description = "Stored version to install (default: the current one).")
    String certVersion;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "25m", description = RunTimeout.HELP)
    Duration timeout;

    @Option(names = "--no-verify", description = "Skip the TLS handshake that checks the served certificate.")
    boolean noVerify;

    @Override
    public Integer call() {
        LoadedProfile loaded = profile.load(env());
        String profileName = loaded.profile().name();
        ClusterProfile.Cluster cluster = CertsProfiles.cluster(loaded, profileName);
        Path dir = stateDir != null ? stateDir : CertificateStore.defaultStateDir(env());
        StoredCertificate certificate = CertificateSelection.select(dir, profileName, certVersion);
        InstallResult result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            Duration left = clusterCheck.verifyWithin(client, loaded.profile(), timeout, progress());
            InstallRequest request = new InstallRequest(profileName, cluster.name(), cluster.baseDomain(), certificate,
                    TargetSelection.ingress(selection), TargetSelection.apiServer(selection), left, dryRun.mode(), !noVerify);
            result = new CertificateInstaller(client, progress(), Clock.systemUTC(), new SocketTlsProber(), endpoints.overrides())
                    .install(request);
        }
        output().result(result, CertsText::install);
        return ExitCodes.OK;
    }
}
