package io.rhoai.certs.acme;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import io.rhoai.testing.acme.AcmeTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai certs issue} end to end against a real Pebble validating DNS-01 through a real BIND9 (rfc2136 + TSIG). */
class PebbleIssueTest {
    @RegisterExtension
    static final AcmeTestBed bed = AcmeTestBed.baseline();

    @TempDir Path state;
    @TempDir Path profiles;

    private Cli cli(boolean narrowKey) {
        Cli cli = Cli.cli();
        bed.rfc2136Env(narrowKey).forEach(cli::env);
        return cli;
    }

    private String[] issue(String... extra) {
        List<String> args = new ArrayList<>(List.of("certs", "issue", "--acme-server", bed.directoryUrl(),
                "--acme-ca-file", bed.caPem().toString(), "--state-dir", state.toString(), "--timeout", "60s"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private void writeProfile() throws Exception {
        Files.writeString(profiles.resolve("lab.yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: lab
                spec:
                  cluster:
                    name: dev
                    baseDomain: example.test
                  certificates:
                    email: admin@example.test
                    dns:
                      provider: rfc2136
                """);
    }

    @Test
    void issuesTheWildcardAndApiPairFromTheProfileAndTheChainVerifiesToPebblesRoot() throws Exception {
        writeProfile();
        Cli.Result r = cli(false).run(issue("--cluster", "lab", "--profiles-dir", profiles.toString(), "-o", "json"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("domains")).extracting(JsonNode::asText).containsExactly(AcmeTestBed.WILDCARD, AcmeTestBed.API);
        assertThat(json.path("certificate").path("names")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(AcmeTestBed.WILDCARD, AcmeTestBed.API);
        assertThat(json.path("account").asText()).startsWith("https://127.0.0.1:");
        assertThat(json.path("certificate").path("serialHex").asText()).isNotBlank();

        StoredCertificate stored = new CertificateStore(state).current("lab").orElseThrow();
        List<X509Certificate> chain = readChain(stored.fullchainPem());
        assertThat(chain).hasSizeGreaterThanOrEqualTo(2); // leaf + intermediate: the full chain, not the leaf only
        assertVerifiesTo(chain, bed.issuingRoot());
        assertThat(chain.get(0).getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) chain.get(0).getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(stored.notAfter()).isEqualTo(chain.get(0).getNotAfter().toInstant());

        Path accountKey = state.resolve("acme").resolve("127.0.0.1_" + java.net.URI.create(bed.directoryUrl()).getPort()).resolve("account.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accountKey))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.privateKeyPem()))).isEqualTo("rw-------");
        assertNoKeyMaterial(r, accountKey, stored.privateKeyPem());
    }

    @Test
    void aSecondIssueReusesTheAccountAndStoresANewCurrentVersion() throws Exception {
        String[] args = issue("--domain", AcmeTestBed.WILDCARD, "--domain", AcmeTestBed.API, "--dns-provider", "rfc2136", "-o", "json");
        Cli.Result first = cli(false).run(args);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Cli.Result second = cli(false).run(args);
        assertThat(second.exitCode()).as(second.toString()).isZero();

        JsonNode a = Mappers.json().readTree(first.stdout()), b = Mappers.json().readTree(second.stdout());
        assertThat(b.path("account").asText()).isEqualTo(a.path("account").asText());
        assertThat(first.stderr()).contains("Registering a new ACME account");
        assertThat(second.stderr()).contains("Using the ACME account");
        assertThat(b.path("certificate").path("version").asText()).isNotEqualTo(a.path("certificate").path("version").asText());
        assertThat(b.path("certificate").path("serialHex").asText()).isNotEqualTo(a.path("certificate").path("serialHex").asText());

        CertificateStore store = new CertificateStore(state);
        String name = "wildcard.apps.dev.example.test";
        assertThat(store.versions(name)).hasSize(2);
        assertThat(store.current(name).orElseThrow().version()).isEqualTo(b.path("certificate").path("version").asText());
        try (Stream<Path> accounts = Files.list(state.resolve("acme"))) {
            assertThat(accounts.count()).isEqualTo(1);
        }
    }

    @Test
    void rsaKeyTypeGivesAnRsaCertificate() throws Exception {
        Cli.Result r = cli(false).run(issue("--domain", AcmeTestBed.API, "--key-type", "rsa-2048", "--dns-provider", "rfc2136"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Issued certificate").contains(AcmeTestBed.API);
        StoredCertificate stored = new CertificateStore(state).current(AcmeTestBed.API).orElseThrow();
        X509Certificate leaf = readChain(stored.fullchainPem()).get(0);
        assertThat(leaf.getPublicKey()).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void aRefusedTsigKeyFailsNamingTheKeyAndZoneAndLeavesNoRecord() {
        Cli.Result r = cli(true).run(issue("--domain", AcmeTestBed.WILDCARD, "--domain", AcmeTestBed.API, "--dns-provider", "rfc2136"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("error: rfc2136:").contains("REFUSED").contains(AcmeTestBed.NARROW_KEY).contains("example.test.");
        assertThat(r.stderr()).contains("hint:");
        assertThat(r.all()).doesNotContain(bed.rfc2136Env(true).get("RFC2136_TSIG_SECRET"));
        assertThat(new CertificateStore(state).current("wildcard.apps.dev.example.test")).isEmpty();
        // the extension checks by AXFR that no _acme-challenge record is left
    }

    /** BIND answers NOTAUTH with TSIG error BADSIG (wrong secret) or BADKEY (unknown name): a rejected key, not "no zone". */
    @Test
    void aTsigKeyTheServerRejectsIsReportedAsARejectedKeyNotAMissingZone() {
        String otherSecret = java.util.Base64.getEncoder().encodeToString("not-the-secret-bind-has-0123456".getBytes());
        for (String[] variant : List.of(new String[] {AcmeTestBed.TSIG_KEY, otherSecret, "BADSIG"},
                new String[] {"nobody-knows-me.", bed.updateSecret(), "BADKEY"})) {
            Cli.Result r = cli(false).env("RFC2136_TSIG_KEY", variant[0]).env("RFC2136_TSIG_SECRET", variant[1])
                    .run(issue("--domain", AcmeTestBed.API, "--dns-provider", "rfc2136"));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
            assertThat(r.stdout()).as(r.toString()).isEmpty();
            assertThat(r.stderr()).as(r.toString())
                    .contains("error: rfc2136: 127.0.0.1:" + bed.dnsPort() + " rejected TSIG key " + variant[0])
                    .contains(variant[2]).doesNotContain("serves no zone")
                    .contains("hint: check RFC2136_TSIG_KEY, RFC2136_TSIG_SECRET and RFC2136_TSIG_ALGORITHM");
            assertThat(r.stderr().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
            assertThat(r.all()).doesNotContain(variant[1]);
        }
    }

    /**
     * A Route 53 endpoint that does not speak Route 53 (the corpus's "non-HTTP answer from the Route 53 endpoint"), reached
     * after a real order: exit 6 with one line naming the endpoint, not exit 8; nothing on stdout; the peer's bytes are
     * never printed raw.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(io.rhoai.testing.GarblingPeer.Answer.class)
    void aRoute53EndpointThatDoesNotSpeakRoute53IsARemoteFailureNamingIt(io.rhoai.testing.GarblingPeer.Answer answer) {
        try (io.rhoai.testing.GarblingPeer peer = new io.rhoai.testing.GarblingPeer(answer)) {
            String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYHOSTILEKEY";
            Cli.Result r = Cli.cli().env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE").env("AWS_SECRET_ACCESS_KEY", secret)
                    .env("AWS_ENDPOINT_URL_ROUTE53", peer.url("http")).env("RHOAI_DNS_RESOLVERS", "127.0.0.1:" + bed.dnsPort())
                    .env("RHOAI_DNS_AUTHORITATIVE_PORT", String.valueOf(bed.dnsPort()))
                    .run(issue("--domain", AcmeTestBed.API, "--dns-provider", "route53"));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
            assertThat(r.stdout()).as(r.toString()).isEmpty();
            List<String> errors = r.stderr().lines().filter(l -> l.startsWith("error:")).toList();
            assertThat(errors).as(r.toString()).hasSize(1);
            assertThat(errors.get(0)).startsWith("error: route53: ").contains(peer.url("http")).doesNotContain("Exception:");
            assertThat(r.stderr()).contains("hint: ").contains("AWS_ENDPOINT_URL_ROUTE53").doesNotContain("\tat ", "\u001b", "\u202e");
            assertThat(r.all()).doesNotContain(secret);
        }
    }

    @Test
    void recordsAreRemovedWhenTheRunTimesOutWaitingForPropagation() throws Exception {
        Cli cli = cli(false).env("RHOAI_DNS_AUTHORITATIVE_PORT", String.valueOf(freeUdpPort())).env("RFC2136_PROPAGATION_TIMEOUT", "2s");
        Cli.Result r = cli.run(issue("--domain", AcmeTestBed.API, "--dns-provider", "rfc2136"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(r.stderr()).contains("_acme-challenge.api.dev.example.test.").contains("Removed 1 challenge record");
        assertThat(bed.txt("_acme-challenge." + AcmeTestBed.API)).isEmpty();
    }

    @Test
    void dryRunPlansWithoutOrderingOrWriting() throws Exception {
        Cli.Result r = cli(false).run(issue("--domain", AcmeTestBed.WILDCARD, "--domain", AcmeTestBed.API, "--dns-provider", "rfc2136", "--dry-run"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("dry run").contains("_acme-challenge.apps.dev.example.test.")
                .contains("_acme-challenge.api.dev.example.test.").contains("create account key");
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void badInputIsRejectedBeforeAnythingHappens() {
        Cli.Result unknownProvider = cli(false).run(issue("--domain", AcmeTestBed.API, "--dns-provider", "godaddy"));
        assertThat(unknownProvider.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknownProvider.stderr()).contains("unknown DNS provider 'godaddy'").contains("route53, rfc2136, manual");

        Cli.Result badKey = cli(false).run(issue("--domain", AcmeTestBed.API, "--dns-provider", "rfc2136", "--key-type", "dsa"));
        assertThat(badKey.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badKey.stderr()).contains("--key-type");

        Cli.Result missingSecret = Cli.cli().env("RFC2136_NAMESERVER", "127.0.0.1:53").env("RFC2136_TSIG_KEY", "k.")
                .run(issue("--domain", AcmeTestBed.API, "--dns-provider", "rfc2136"));
        assertThat(missingSecret.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missingSecret.stderr()).contains("rfc2136:").contains("RFC2136_TSIG_SECRET");
    }

    @Test
    void anUntrustedAcmeServerFailsAtOnceNamingTheCaFileFlag() {
        Cli cli = cli(false);
        Cli.Result r = cli.run("certs", "issue", "--acme-server", bed.directoryUrl(), "--state-dir", state.toString(),
                "--dns-provider", "rfc2136", "--domain", AcmeTestBed.API);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("TLS certificate of the ACME server is not trusted").contains("--acme-ca-file");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static List<X509Certificate> readChain(Path pem) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    static void assertVerifiesTo(List<X509Certificate> chain, X509Certificate root) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain), params);
    }

    /** Neither the account key nor the certificate key may show up in anything the user sees. */
    static void assertNoKeyMaterial(Cli.Result r, Path... keyFiles) throws Exception {
        assertThat(r.all()).doesNotContain("PRIVATE KEY");
        for (Path f : keyFiles) {
            for (String line : Files.readAllLines(f)) {
                if (line.startsWith("-----") || line.isBlank()) continue;
                assertThat(r.all()).doesNotContain(line);
            }
        }
    }

    private static int freeUdpPort() throws Exception {
        try (var s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
