package io.rhoai.cli.certs;

import io.rhoai.certs.acme.AcmeServers;
import io.rhoai.certs.acme.CertificateIssuer;
import io.rhoai.certs.acme.IssueRequest;
import io.rhoai.certs.acme.IssueResult;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.time.Durations;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Issue one certificate for the cluster's names (*.apps.<cluster>.<baseDomain> and api.<cluster>.<baseDomain>) "
                + "with ACME DNS-01, and store it as a new version in the state directory.",
                "Challenge records are always removed, also on failure and Ctrl-C. Provider settings come from the environment "
                + "(rhoai certs dns-providers)."},
        footer = {"%nExamples:",
                "  rhoai certs issue --cluster rhoaibu-cluster-dev",
                "  rhoai certs issue --cluster rhoaibu-cluster-dev --staging --dry-run",
                "  RFC2136_NAMESERVER=ns1.example.com RFC2136_TSIG_KEY=acme. RFC2136_TSIG_SECRET_FILE=tsig.key \\",
                "    rhoai certs issue --domain '*.apps.dev.example.com' --domain api.dev.example.com --dns-provider rfc2136 -o json",
                "  rhoai certs issue --domain api.lab.test --acme-server https://127.0.0.1:14000/dir --acme-ca-file pebble-ca.pem --dns-provider rfc2136",
                "%nExit codes: 0 issued (or planned with --dry-run), 3 invalid input, 4 refused (DNS update or CA refused), "
                        + "5 timeout, 6 ACME/DNS failure, 130 interrupted (records removed)."})
public class CertsIssueCommand extends BaseCommand {
    @Option(names = {"-c", "--cluster"}, paramLabel = "PROFILE",
            description = "Cluster profile: names, DNS provider, ACME server, e-mail and key type come from spec.certificates.")
    String cluster;

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Directory of cluster profiles (default: RHOAI_PROFILES_DIR, ./install-configs, else the bundled ones).")
    Path profilesDir;

    @Option(names = {"-d", "--domain"}, paramLabel = "NAME", description = "A name for the certificate (repeatable); replaces the profile's names.")
    List<String> domains = new ArrayList<>();

    @Option(names = "--dns-provider", paramLabel = "NAME", description = "route53, rfc2136 or manual (default: profile spec.certificates.dns.provider).")
    String dnsProvider;

    @Option(names = "--acme-server", paramLabel = "SERVER",
            description = "letsencrypt (default), letsencrypt-staging or an ACME directory URL (default: profile spec.certificates.server).")
    String acmeServer;

    @Option(names = "--staging", description = "Use Let's Encrypt staging (untrusted certificates, generous rate limits).")
    boolean staging;

    @Option(names = "--acme-ca-file", paramLabel = "PEM", description = "Also trust this CA for TLS to the ACME server (a private ACME server such as Pebble).")
    Path acmeCaFile;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "Contact for the ACME account (expiry notices); default: profile spec.certificates.email.")
    String email;

    @Option(names = "--key-type", paramLabel = "TYPE", description = "Certificate key: ec-p256 (default), rsa-2048, rsa-4096.")
    String keyType;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where account keys and certificates live (default: RHOAI_STATE_DIR, $XDG_STATE_HOME/rhoai, ~/.local/state/rhoai).")
    Path stateDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "Give up after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--dry-run", description = "Show the plan; order nothing, write nothing.")
    boolean dryRun;

    @Option(names = "--eab-kid", paramLabel = "KID", description = "External Account Binding key id from the CA (ZeroSSL, Google, Sectigo...).")
    String eabKid;

    @Option(names = "--eab-hmac-key-file", paramLabel = "FILE", description = "File holding the EAB HMAC key (base64url); or RHOAI_EAB_HMAC_KEY / RHOAI_EAB_HMAC_KEY_FILE.")
    Path eabHmacKeyFile;

    @Override
    public Integer call() {
        ClusterProfile.Certificates certs = null;
        List<String> names = new ArrayList<>(domains);
        if (cluster != null) {
            ClusterProfile profile = ProfileRepository.locate(profilesDir, env()).load(cluster).profile();
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
        Secret eabKey = secrets().find("EAB HMAC key", eabHmacKeyFile, "--eab-hmac-key-file", "RHOAI_EAB_HMAC_KEY");
        IssueRequest request = new IssueRequest(
                cluster != null ? cluster : names.get(0).replace("*.", "wildcard."),
                names,
                server == null ? AcmeServers.LETSENCRYPT : server,
                acmeCaFile,
                email != null ? email : c.map(ClusterProfile.Certificates::email).orElse(null),
                keyType != null ? keyType : c.map(ClusterProfile.Certificates::keyType).orElse(null),
                dnsProvider != null ? dnsProvider : c.map(ClusterProfile.Certificates::dns).map(ClusterProfile.Dns::provider).orElse(null),
                env(),
                stateDir != null ? stateDir : CertificateStore.defaultStateDir(env()),
                timeout, dryRun, eabKid, eabKey);
        IssueResult result = new CertificateIssuer(progress(), Clock.systemUTC()).issue(request);
        output().result(result, CertsIssueCommand::text);
        return ExitCodes.OK;
    }

    static List<String> defaultNames(ClusterProfile profile) {
        ClusterProfile.Cluster cl = profile.spec() == null ? null : profile.spec().cluster();
        if (cl == null || cl.name() == null || cl.baseDomain() == null) {
            throw RhoaiException.invalid("profile " + profile.name() + ": spec.cluster.name and spec.cluster.baseDomain are needed for the certificate names",
                    "set them in the profile, or pass --domain");
        }
        String base = cl.name() + "." + cl.baseDomain();
        return List.of("*.apps." + base, "api." + base);
    }

    static String text(IssueResult r) {
        StringBuilder b = new StringBuilder();
        if (r.dryRun()) {
            b.append("Plan (dry run, nothing ordered or written) for ").append(String.join(", ", r.domains())).append(":\n");
            for (int i = 0; i < r.plan().size(); i++) b.append("  ").append(i + 1).append(". ").append(r.plan().get(i)).append('\n');
            return b.toString();
        }
        var c = r.certificate();
        b.append("Issued certificate ").append(c.version()).append(" for ").append(String.join(", ", c.names())).append('\n');
        b.append("  not after:  ").append(c.notAfter()).append('\n');
        b.append("  serial:     ").append(c.serialHex()).append('\n');
        b.append("  issuer:     ").append(c.issuerDn()).append('\n');
        b.append("  stored in:  ").append(c.directory()).append(" (fullchain.pem, privkey.pem)\n");
        b.append("  ACME:       ").append(r.acmeServer()).append(" account ").append(r.account()).append('\n');
        b.append("  took:       ").append(Durations.format(r.elapsed())).append('\n');
        return b.toString();
    }
}
