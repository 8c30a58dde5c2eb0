package io.rhoai.cli.certs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.install.SocketTlsProber;
import io.rhoai.certs.status.CertificateStatusReader;
import io.rhoai.certs.status.StatusRequest;
import io.rhoai.certs.status.StatusResult;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.kube.KubeClients;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.LoadedProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show served, in-cluster and stored certificates per endpoint.",
                "Shows, per endpoint (router, API server), the certificate served on the wire and the one the cluster points at (Secret), next to the local store's current version: issuer, names, not-after, days left, match. An endpoint that does not answer is named and the rest still shown; a cluster API that cannot be read (unreachable, 401, 403) is an error (exit 6). --local-only needs no cluster."},
        footer = {"%nExamples:",
                "  rhoai certs status --cluster rhoaibu-cluster-dev",
                "  rhoai certs status --cluster rhoaibu-cluster-prod -o json",
                "  rhoai certs status --cluster rhoaibu-cluster-dev --local-only",
                "%nExit codes: 0 shown (even partly), 3 invalid profile,",
                "  6 the cluster API could not be read."})
public class CertsStatusCommand extends BaseCommand {
    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;
    @Mixin EndpointOptions endpoints;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Local certificate store (default: RHOAI_STATE_DIR, $XDG_STATE_HOME/rhoai, ~/.local/state/rhoai).")
    Path stateDir;

    @Option(names = "--local-only", description = "Only the local store: no Kubernetes API call, no TLS handshake.")
    boolean localOnly;

    @Option(names = "--probe-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Timeout of each TLS handshake (default: ${DEFAULT-VALUE}).")
    Duration probeTimeout;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "1m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        LoadedProfile loaded = profile.load(env());
        ClusterProfile.Cluster cluster = CertsProfiles.clusterOrNull(loaded);
        Path dir = stateDir != null ? stateDir : CertificateStore.defaultStateDir(env());
        StatusRequest request = new StatusRequest(loaded.profile().name(), cluster == null ? null : cluster.name(),
                cluster == null ? null : cluster.baseDomain(), dir, !localOnly, !localOnly, probeTimeout, timeout);
        KubernetesClient[] opened = new KubernetesClient[1];
        Supplier<KubernetesClient> connect = () -> opened[0] != null ? opened[0] : (opened[0] = KubeClients.connect(kube.target(env())));
        StatusResult result;
        try {
            result = new CertificateStatusReader(connect, new SocketTlsProber(), endpoints.overrides(), progress(), Clock.systemUTC())
                    .status(request);
        } finally {
            if (opened[0] != null) opened[0].close();
        }
        output().result(result, CertsText::status);
        return ExitCodes.OK;
    }
}
