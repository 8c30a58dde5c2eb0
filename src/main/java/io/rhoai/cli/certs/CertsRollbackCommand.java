package io.rhoai.cli.certs;

import io.rhoai.cli.RunTimeout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.install.CertificateInstaller;
import io.rhoai.certs.install.InstallResult;
import io.rhoai.certs.install.RollbackRequest;
import io.rhoai.certs.install.SocketTlsProber;
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

import java.time.Clock;
import java.time.Duration;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Undo the latest 'certs install' on the router and the API server.",
                "Points the router and the API server back at the Secrets they used before (recorded on rhoai's Secrets), or at the Secrets of --to-version; same waits and wire check as install. Re-running changes nothing."},
        footer = {"%nExamples:",
                "  rhoai certs rollback --cluster rhoaibu-cluster-dev --dry-run",
                "  rhoai certs rollback --cluster rhoaibu-cluster-dev",
                "  rhoai certs rollback -c rhoaibu-cluster-prod --to-version 20260427T080000Z",
                "%nExit codes: 0 rolled back or unchanged, 4 nothing to roll back or refused,",
                "  5 rollout timeout, 6 API or wire-check failure."})
public class CertsRollbackCommand extends BaseCommand {
    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;
    @Mixin EndpointOptions endpoints;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    TargetSelection selection;

    @Option(names = "--to-version", paramLabel = "VERSION", description = "Roll back to the Secrets rhoai created for this certificate version.")
    String toVersion;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "25m", description = RunTimeout.HELP)
    Duration timeout;

    @Option(names = "--no-verify", description = "Skip the TLS handshake that checks the served certificate.")
    boolean noVerify;

    @Override
    public Integer call() {
        LoadedProfile loaded = profile.load(env());
        String profileName = loaded.profile().name();
        ClusterProfile.Cluster cluster = CertsProfiles.cluster(loaded, profileName);
        InstallResult result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            Duration left = clusterCheck.verifyWithin(client, loaded.profile(), timeout, progress());
            RollbackRequest request = new RollbackRequest(profileName, cluster.name(), cluster.baseDomain(), toVersion,
                    TargetSelection.ingress(selection), TargetSelection.apiServer(selection), left, dryRun.mode(), !noVerify);
            result = new CertificateInstaller(client, progress(), Clock.systemUTC(), new SocketTlsProber(), endpoints.overrides())
                    .rollback(request);
        }
        output().result(result, CertsText::install);
        return ExitCodes.OK;
    }
}
