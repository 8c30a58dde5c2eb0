package io.rhoai.cli.certs;

import io.rhoai.cli.Candidates;
import io.rhoai.certs.acme.AcmeServers;
import io.rhoai.certs.acme.IssueRequest;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.secret.SecretSource;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.ProfileRepository;
import io.rhoai.cli.OptionalProfileOptions;
import io.rhoai.cli.ProfileOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The issuing options {@code certs issue} and {@code certs renew} share, and the one place that turns them into an IssueRequest. */
public final class IssueOptions {
    /** The cluster profile: names, DNS provider, ACME server, e-mail and key type come from spec.certificates. */
    @Mixin OptionalProfileOptions cluster;

    /** The command these options are part of: profile warnings go to its stderr. */
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = {"-d", "--domain"}, paramLabel = "NAME", description = "A name for the certificate (repeatable); replaces the profile's names.")
    List<String> domains = new ArrayList<>();

    @Option(names = "--dns-provider", paramLabel = "NAME", completionCandidates = Candidates.DnsProviderNames.class, description = "route53, rfc2136 or manual (default: profile spec.certificates.dns.provider).")
    String dnsProvider;

    @Option(names = "--acme-server", paramLabel = "SERVER", completionCandidates = Candidates.AcmeServers.class,
            description = "letsencrypt (default), letsencrypt-staging or an ACME directory URL (default: profile spec.certificates.server).")
    String acmeServer;

    @Option(names = "--staging", description = "Use Let's Encrypt staging (untrusted certificates, generous rate limits).")
    boolean staging;

    @Option(names = "--acme-ca-file", paramLabel = "PEM", description = "Also trust this CA for TLS to the ACME server (a private ACME server such as Pebble).")
    Path acmeCaFile;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "Contact for the ACME account (expiry notices); default: profile spec.certificates.email.")
    String email;

    @Option(names = "--key-type", paramLabel = "TYPE", completionCandidates = Candidates.KeyTypes.class, description = "Certificate key: ec-p256 (default), rsa-2048, rsa-4096.")
    String keyType;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where account keys and certificates live (default: RHOAI_STATE_DIR, $XDG_STATE_HOME/rhoai, ~/.local/state/rhoai).")
    Path stateDir;

    @Option(names = "--eab-kid", paramLabel = "KID", description = "External Account Binding key id from the CA (ZeroSSL, Google, Sectigo...).")
    String eabKid;

    @Option(names = "--eab-hmac-key-file", paramLabel = "FILE", description = "File holding the EAB HMAC key (base64url); or RHOAI_EAB_HMAC_KEY / RHOAI_EAB_HMAC_KEY_FILE.")
    Path eabHmacKeyFile;

    /** -c/--cluster and --profiles-dir, or null when no --cluster was given. */
    public ProfileOptions profileOptions() {
        return cluster.given();
    }

    /** The profile named by --cluster, or null when only --domain names were given. */
    public ClusterProfile profile(Map<String, String> env) {
        ProfileOptions given = cluster.given(command);
        return given == null ? null : given.load(env).profile();
    }

    public IssueRequest request(ClusterProfile profile, Map<String, String> env, Duration timeout, boolean dryRun) {
        List<String> names = new ArrayList<>(domains);
        ClusterProfile.Certificates certs = null;
        if (profile != null) {
            certs = profile.spec().certificates();
            if (names.isEmpty()) names.addAll(defaultNames(profile));
        } else if (names.isEmpty()) {
            throw RhoaiException.invalid("no names given", "pass --cluster <profile> or --domain <name> (repeatable)");
        }
        Optional<ClusterProfile.Certificates> c = Optional.ofNullable(certs);
        String server = acmeServer != null ? acmeServer : c.map(ClusterProfile.Certificates::server).orElse(null);
        if (staging) {
            if (acmeServer != null && !AcmeServers.LETSENCRYPT_STAGING.equals(acmeServer)) {
                throw RhoaiException.invalid("--staging and --acme-server " + acmeServer + " contradict each other", "pass only one of them");
            }
            server = AcmeServers.LETSENCRYPT_STAGING;
        }
        Secret eabKey = new SecretSource(env).find("EAB HMAC key", eabHmacKeyFile, "--eab-hmac-key-file", "RHOAI_EAB_HMAC_KEY");
        return new IssueRequest(
                profile != null ? profile.name() : names.get(0).replace("*.", "wildcard."),
                names,
                server == null ? AcmeServers.LETSENCRYPT : server,
                acmeCaFile,
                email != null ? email : c.map(ClusterProfile.Certificates::email).orElse(null),
                keyType != null ? keyType : c.map(ClusterProfile.Certificates::keyType).orElse(null),
                dnsProvider != null ? dnsProvider : c.map(ClusterProfile.Certificates::dns).map(ClusterProfile.Dns::provider).orElse(null),
                env,
                stateDir != null ? stateDir : CertificateStore.defaultStateDir(env),
                timeout, dryRun, eabKid, eabKey);
    }

    static List<String> defaultNames(ClusterProfile profile) {
        ProfileViews.Hosts hosts = ProfileViews.hosts(profile, "for the certificate names", "pass --domain");
        return List.of("*." + hosts.apps(), hosts.api());
    }
}
