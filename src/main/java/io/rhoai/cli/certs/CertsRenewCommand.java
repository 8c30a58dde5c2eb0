package io.rhoai.cli.certs;

import io.rhoai.cli.RunTimeout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.acme.CertificateIssuer;
import io.rhoai.certs.acme.IssueRequest;
import io.rhoai.certs.install.CertificateInstaller;
import io.rhoai.certs.install.SocketTlsProber;
import io.rhoai.certs.renew.CertificateRenewer;
import io.rhoai.certs.renew.RenewRequest;
import io.rhoai.certs.renew.RenewResult;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileViews;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;

@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Issue a new certificate when the stored one is missing or close to expiry, then make the cluster serve it.",
                "Not due when the stored certificate is valid for longer than --renew-before AND the cluster already serves it; "
                        + "a fresh certificate the cluster does not serve yet is installed. Run it daily from cron or CI."},
        footer = {"%nExamples:",
                "  rhoai certs renew --cluster rhoaibu-cluster-prod",
                "  rhoai certs renew --cluster rhoaibu-cluster-dev --renew-before 45d --dry-run",
                "  rhoai certs renew --cluster rhoaibu-cluster-dev --no-install -o json",
                "  rhoai certs renew -c rhoaibu-cluster-prod; \\",
                "      case $? in 0) echo renewed;; 7) echo not due;; *) echo failed;; esac",
                "%nExit codes: 0 renewed or installed, 7 not due (nothing changed),",
                "  3/4/5/6 failed (see rhoai exit-codes)."})
public class CertsRenewCommand extends BaseCommand {
    @Mixin IssueOptions issue;
    @Mixin KubeOptions kube;
    @Mixin EndpointOptions endpoints;
    /** Decides and plans, orders nothing; server: the install's writes are also validated by the API server. */
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    TargetSelection selection;

    @Option(names = "--renew-before", paramLabel = "DURATION",
            description = "Renew when the certificate expires within this (default: profile spec.certificates.renewBefore, else 30d).")
    Duration renewBefore;

    @Option(names = "--force", description = "Issue a new certificate even when the stored one is not due.")
    boolean force;

    @Option(names = "--no-install", description = "Only keep the local store fresh; do not touch the cluster.")
    boolean noInstall;

    @Option(names = "--no-verify", description = "Skip the TLS handshake that checks the served certificate after install.")
    boolean noVerify;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "30m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        ClusterProfile profile = issue.profile(env());
        if (profile == null && !noInstall) {
            throw RhoaiException.invalid("--cluster is required to install", "pass --cluster <profile>, or --no-install with --domain names");
        }
        IssueRequest issueRequest = issue.request(profile, env(), timeout, dryRun.isDryRun());
        ClusterProfile.Cluster cluster = profile == null ? null : profile.spec().cluster();
        java.util.function.Function<IssueRequest, RenewRequest> renew = i -> new RenewRequest(i, renewBefore(profile), force, !noInstall,
                cluster == null ? null : cluster.name(), cluster == null ? null : cluster.baseDomain(),
                TargetSelection.ingress(selection), TargetSelection.apiServer(selection), !noVerify, dryRun.mode());
        CertificateIssuer issuer = new CertificateIssuer(progress(), Clock.systemUTC());
        RenewResult result;
        if (noInstall) {
            result = new CertificateRenewer(issuer::issue, null, progress(), Clock.systemUTC()).renew(renew.apply(issueRequest));
        } else {
            ProfileViews.hosts(profile, "to install", "pass --no-install");
            try (KubernetesClient client = io.rhoai.kube.KubeClients.connect(kube.target(env()))) {
                Duration left = clusterCheck.verifyWithin(client, profile, timeout, progress());
                CertificateInstaller installer = new CertificateInstaller(client, progress(), Clock.systemUTC(),
                        new SocketTlsProber(), endpoints.overrides());
                result = new CertificateRenewer(issuer::issue, installer::install, progress(), Clock.systemUTC())
                        .renew(renew.apply(issueRequest.withTimeout(left)));
            }
        }
        output().result(result, CertsRenewCommand::text);
        return result.outcome() == RenewResult.Outcome.NOT_DUE ? ExitCodes.NOT_DUE : ExitCodes.OK;
    }

    private Duration renewBefore(ClusterProfile profile) {
        return renewBefore != null ? renewBefore : ProfileViews.renewBefore(profile);
    }

    static String text(RenewResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.dryRun() ? "dry-run: " : "").append(r.outcome().label()).append(": ").append(r.reason()).append('\n');
        if (r.issued() != null) b.append(CertsIssueCommand.text(r.issued()));
        if (r.installed() != null) b.append(CertsText.install(r.installed()));
        return b.toString();
    }
}
