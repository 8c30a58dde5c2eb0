package io.rhoai.cli.certs;

import io.rhoai.certs.install.CertificatePem;
import io.rhoai.certs.install.FakeOpenShift;
import io.rhoai.certs.install.TestPki;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.testing.Cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One simulated cluster, a test PKI standing for Let's Encrypt (root "Test Root X1", intermediate "Test R11"), a local
 * store with issued certificates, and a kubeconfig pointing at the mock server, for driving the real CLI.
 */
final class CertsFixture implements AutoCloseable {
    static final String PROFILE = "test-cluster";

    final Path dir;
    final FakeOpenShift cluster;
    final TestPki pki = new TestPki("Test Root X1", "Test R11");
    final Path stateDir;
    final Path profiles;
    /** Every private key PEM handed to the store, to assert none of it ever shows. */
    final List<String> keyPems = new ArrayList<>();
    Path kubeconfig;

    CertsFixture(Path dir) throws Exception {
        this.dir = dir;
        this.cluster = new FakeOpenShift("dev", "example.test");
        this.stateDir = dir.resolve("state");
        this.profiles = cluster.profiles(dir, PROFILE);
        this.kubeconfig = cluster.kubeconfig(dir, List.of(pki.root));   // the kubeconfig CA trusts the new chain
    }

    /** Issues a certificate for the cluster's two names and stores it as the current version. */
    StoredCertificate issueAndStore() {
        TestPki.Issued issued = pki.issue(Duration.ofDays(90), "*.apps.dev.example.test", "api.dev.example.test");
        keyPems.add(CertificatePem.privateKey(issued.key()));
        return new CertificateStore(stateDir).save(PROFILE, issued.chain(), issued.key());
    }

    static String fingerprint(X509Certificate c) {
        return CertificatePem.sha256Fingerprint(c);
    }

    String[] args(String command, String... extra) {
        List<String> a = new ArrayList<>(List.of("certs", command, "--cluster", PROFILE, "--profiles-dir", profiles.toString(),
                "--kubeconfig", kubeconfig.toString(),
                "--ingress-endpoint", cluster.router.endpoint(), "--api-endpoint", cluster.api.endpoint()));
        if (!command.equals("rollback")) a.addAll(List.of("--state-dir", stateDir.toString()));
        if (!command.equals("status") && !List.of(extra).contains("--timeout")) a.addAll(List.of("--timeout", "20s"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    Cli.Result run(String command, String... extra) {
        return Cli.cli().env("HOME", dir.toString()).run(args(command, extra));
    }

    /** No line of any private key, and no base64 of one (as in Secret data), appears in what the user saw. */
    void assertNoKeyMaterial(Cli.Result r) {
        for (String pem : keyPems) {
            assertThat(r.all()).doesNotContain("PRIVATE KEY");
            assertThat(r.all()).doesNotContain(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
            for (String line : pem.split("\n")) {
                if (!line.startsWith("-----") && line.length() >= 16) assertThat(r.all()).doesNotContain(line);
            }
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
