package io.rhoai.cli.certs;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.certs.install.CertificatePem;
import io.rhoai.certs.install.FakeOpenShift;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai certs rollback} through the real CLI: back to the previous Secrets, same waits and wire check. */
class CertsRollbackCommandTest {
    @TempDir Path tmp;
    CertsFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new CertsFixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void rollbackPointsBothTargetsBackAtThePreviousVersionAndKeepsTheNewerSecret() throws Exception {
        StoredCertificate first = f.issueAndStore();
        assertThat(f.run("install").exitCode()).isZero();
        StoredCertificate second = f.issueAndStore();
        assertThat(second.version()).isNotEqualTo(first.version());
        Cli.Result renewed = f.run("install");
        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        assertThat(f.cluster.ingressSecretName()).isEqualTo(name("ingress", second));

        Cli.Result r = f.run("rollback", "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(f.cluster.ingressSecretName()).isEqualTo(name("ingress", first));
        assertThat(f.cluster.apiSecretName()).isEqualTo(name("api", first));
        assertThat(f.cluster.namedCertificates().get(0)).isEqualTo(Mappers.json().valueToTree(FakeOpenShift.FOREIGN_ENTRY));
        assertThat(f.cluster.router.servedLeaf()).isEqualTo(leaf(first));
        assertThat(f.cluster.api.servedLeaf()).isEqualTo(leaf(first));
        assertThat(f.cluster.secret("openshift-ingress", name("ingress", second))).as("never deleted").isNotNull();
        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("operation").asText()).isEqualTo("rollback");
        for (JsonNode t : json.path("targets")) {
            assertThat(t.path("outcome").asText()).isEqualTo("configured");
            assertThat(t.path("wireCheck").path("matches").asBoolean()).isTrue();
            assertThat(t.path("previousSecret").asText()).endsWith(second.version().toLowerCase(Locale.ROOT));
        }

        // undoing the latest install again is a no-op, without a single write
        f.cluster.rhoaiRequests.clear();
        Cli.Result again = f.run("rollback");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("nothing changed");
        assertThat(f.cluster.rhoaiWrites()).isEmpty();

        // and going forward again names the version
        Cli.Result forward = f.run("rollback", "--to-version", second.version());
        assertThat(forward.exitCode()).as(forward.toString()).isZero();
        assertThat(f.cluster.ingressSecretName()).isEqualTo(name("ingress", second));
    }

    @Test
    void rollbackAfterTheFirstInstallReturnsToTheClusterDefaults() throws Exception {
        f.issueAndStore();
        assertThat(f.run("install").exitCode()).isZero();

        Cli.Result r = f.run("rollback");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(f.cluster.ingressSecretName()).isNull();
        assertThat(f.cluster.apiSecretName()).isNull();
        assertThat(f.cluster.namedCertificates()).hasSize(1);
        assertThat(f.cluster.namedCertificates().get(0)).isEqualTo(Mappers.json().valueToTree(FakeOpenShift.FOREIGN_ENTRY));
        assertThat(f.cluster.router.servedLeaf()).isEqualTo(f.cluster.routerDefault.leaf());
        assertThat(f.cluster.api.servedLeaf()).isEqualTo(f.cluster.apiInternal.leaf());
    }

    @Test
    void dryRunNamesTheSecretsAndChangesNothing() {
        StoredCertificate first = f.issueAndStore();
        assertThat(f.run("install").exitCode()).isZero();
        f.issueAndStore();
        assertThat(f.run("install").exitCode()).isZero();
        f.cluster.rhoaiRequests.clear();

        Cli.Result r = f.run("rollback", "--dry-run");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("-> " + name("ingress", first)).contains("-> " + name("api", first)).contains("nothing was changed");
        assertThat(f.cluster.rhoaiWrites()).isEmpty();
    }

    @Test
    void rollingTheApiServerBackToAChainTheKubeconfigDoesNotTrustIsRefused() throws Exception {
        f.issueAndStore();
        assertThat(f.run("install").exitCode()).isZero();
        // the next certificate comes from another CA; the kubeconfig is updated to trust only that one
        io.rhoai.certs.install.TestPki other = new io.rhoai.certs.install.TestPki("Other Root", "Other Issuing CA");
        io.rhoai.certs.install.TestPki.Issued next = other.issue(java.time.Duration.ofDays(90), "*.apps.dev.example.test", "api.dev.example.test");
        StoredCertificate second = new io.rhoai.certs.store.CertificateStore(f.stateDir).save(CertsFixture.PROFILE, next.chain(), next.key());
        f.kubeconfig = f.cluster.kubeconfig(tmp, java.util.List.of(other.root));
        assertThat(f.run("install").exitCode()).isZero();
        f.cluster.rhoaiRequests.clear();

        Cli.Result r = f.run("rollback");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("refusing to roll back the API server certificate").contains("Test Root X1");
        assertThat(f.cluster.rhoaiWrites()).isEmpty();
        assertThat(f.cluster.apiSecretName()).isEqualTo(name("api", second));
    }

    @Test
    void nothingInstalledIsAPrecondition() {
        Cli.Result r = f.run("rollback");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("nothing to roll back");
        assertThat(f.cluster.rhoaiWrites()).isEmpty();
    }

    private static String name(String target, StoredCertificate c) {
        return "rhoai-" + target + "-" + c.version().toLowerCase(Locale.ROOT);
    }

    private static X509Certificate leaf(StoredCertificate c) throws Exception {
        return CertificatePem.parseCertificates(Files.readString(c.fullchainPem())).get(0);
    }
}
