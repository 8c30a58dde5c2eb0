package io.rhoai.cli.oauth;

import io.rhoai.cli.RunTimeout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.KubeClients;
import io.rhoai.oauth.GoogleIdpConfigurer;
import io.rhoai.oauth.GoogleIdpRequest;
import io.rhoai.oauth.GoogleIdpResult;
import io.rhoai.core.time.Poller;
import io.rhoai.profile.ClusterProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

@Command(name = "google", mixinStandardHelpOptions = true,
        description = {"Add or update the Google identity provider in OAuth/cluster, by name, leaving every other provider as it is.",
                "Writes the client secret into Secret openshift-config/<secret-name> (key clientSecret) and prints the redirect URI",
                "to register on the Google OAuth client. The client secret is read from --client-secret-file,",
                "RHOAI_GOOGLE_CLIENT_SECRET_FILE or RHOAI_GOOGLE_CLIENT_SECRET, never from an argument; without one, the value",
                "already in the cluster is kept. --timeout bounds the whole run, the --wait for the rollout included."},
        footer = {"%nExamples:",
                "  rhoai oauth google --cluster rhoaibu-cluster-dev --client-secret-file \\",
                "      ~/google-client-secret --wait",
                "  RHOAI_GOOGLE_CLIENT_SECRET_FILE=/run/secrets/google rhoai oauth google -c \\",
                "      rhoaibu-cluster-prod --dry-run=server",
                "  rhoai oauth google -c rhoaibu-cluster-dev --client-id \\",
                "      1234-abc.apps.googleusercontent.com -o json"})
public class OAuthGoogleCommand extends BaseCommand {
    static final String SECRET_ENV = "RHOAI_GOOGLE_CLIENT_SECRET";

    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @Option(names = "--client-id", paramLabel = "ID", description = "Google OAuth client ID (default: the profile's spec.oauth.google.clientID).")
    String clientId;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "File holding the Google client secret (else " + SECRET_ENV + "_FILE or " + SECRET_ENV + ").")
    Path clientSecretFile;

    @Option(names = "--provider-name", paramLabel = "NAME",
            description = "Identity provider name, part of the redirect URI (default: spec.oauth.google.providerName, else "
                    + GoogleIdpRequest.DEFAULT_PROVIDER_NAME + ").")
    String providerName;

    @Option(names = "--secret-name", paramLabel = "NAME", defaultValue = GoogleIdpRequest.DEFAULT_SECRET_NAME,
            description = "Secret in openshift-config holding the client secret (default: ${DEFAULT-VALUE}).")
    String secretName;

    @Option(names = "--wait", description = "Wait until the authentication operator has rolled out the change.")
    boolean await;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "15m", description = RunTimeout.HELP)
    Duration timeout;

    @Option(names = "--poll-interval", hidden = true, defaultValue = "5s")
    Duration pollInterval;

    @Override
    public Integer call() {
        ClusterProfile loaded = profile.load(env()).profile();
        ClusterProfile.Spec spec = loaded.spec();
        ClusterProfile.Google google = spec.oauth() == null || spec.oauth().google() == null
                ? new ClusterProfile.Google(null, null, null, null) : spec.oauth().google();
        ClusterProfile.Cluster cluster = spec.cluster() == null ? new ClusterProfile.Cluster(null, null) : spec.cluster();
        Secret secret = secrets().find("Google client secret", clientSecretFile, "--client-secret-file", SECRET_ENV);
        java.util.function.Function<Duration, GoogleIdpRequest> request = left -> new GoogleIdpRequest(
                firstNonNull(providerName, google.providerName(), GoogleIdpRequest.DEFAULT_PROVIDER_NAME),
                firstNonNull(clientId, google.clientID(), null), secret, secretName, google.hostedDomain(),
                google.mappingMethod(), cluster.name(), cluster.baseDomain(), dryRun.mode(), await, left);
        GoogleIdpResult result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            Duration left = clusterCheck.verifyWithin(client, loaded, timeout, progress());
            result = new GoogleIdpConfigurer(client, progress(), Poller.system(pollInterval, pollInterval, progress())).configure(request.apply(left));
        }
        output().result(result, OAuthGoogleCommand::text);
        return ExitCodes.OK;
    }

    static String text(GoogleIdpResult r) {
        StringBuilder b = new StringBuilder();
        if (r.dryRun()) b.append(OAuthCommand.DRY_RUN_HEADER);
        b.append("identity provider ").append(r.providerName()).append(": ").append(r.providerAction())
                .append(" (OAuth/cluster ").append(r.oauth()).append(")\n");
        GoogleIdpResult.SecretRef s = r.secret();
        b.append("client secret: Secret ").append(s.namespace()).append('/').append(s.name()).append(" key ").append(s.key())
                .append(" = ").append(io.rhoai.core.secret.Redactor.MASK).append(" (from ").append(s.valueFrom()).append("): ")
                .append(s.outcome()).append(s.note() == null ? "" : " (" + s.note() + ")").append('\n');
        b.append("hosted domain: ").append(r.hostedDomain() == null ? "(none: any Google account can sign in)" : r.hostedDomain())
                .append("; mapping method: ").append(r.mappingMethod()).append('\n');
        if (r.redirectURI() != null) {
            b.append("redirect URI to register on the Google OAuth client (from the ").append(r.redirectURISource()).append("):\n  ")
                    .append(r.redirectURI()).append('\n');
        }
        if (r.dryRun()) {
            b.append("provider entry:\n").append(Mappers.toYaml(r.provider()).indent(2));
        }
        if (r.rollout() != null) b.append("rollout: ").append(r.rollout().note()).append('\n');
        if (!r.changed() && !r.dryRun()) b.append("nothing to do: the cluster already has this configuration\n");
        return b.toString();
    }

    private static String firstNonNull(String a, String b, String c) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : c;
    }
}
