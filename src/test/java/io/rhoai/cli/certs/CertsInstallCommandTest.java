package io.rhoai.cli.certs;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.mockwebserver.http.MockResponse;
import io.rhoai.certs.install.FakeOpenShift;
import io.rhoai.certs.install.LoopbackTlsServer;
import io.rhoai.certs.install.TestPki;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai certs install} driven through the real CLI against the mock server and loopback TLS servers. */
class CertsInstallCommandTest {
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

    private static String ingressSecret(StoredCertificate c) {
        return "rhoai-ingress-" + c.version().toLowerCase(Locale.ROOT);
    }

    private static String apiSecret(StoredCertificate c) {
        return "rhoai-api-" + c.version().toLowerCase(Locale.ROOT);
    }

    @Test
    void installsBothTargetsInVersionedSecretsAndProvesItOnTheWire() throws Exception {
        StoredCertificate cert = f.issueAndStore();
        Cli.Result r = f.run("install", "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        // a new versioned Secret per target, with the rhoai labels and the certificate's identity
        Secret ingress = f.cluster.secret("openshift-ingress", ingressSecret(cert));
        assertThat(ingress.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(ingress.getImmutable()).isTrue();
        assertThat(ingress.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "rhoai")
                .containsEntry("rhoai.io/cluster", "dev").containsEntry("rhoai.io/certificate-version", cert.version())
                .containsEntry("rhoai.io/certificate-target", "ingress");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("rhoai.io/sha256-fingerprint", CertsFixture.fingerprint(leaf(cert)))
                .containsEntry("rhoai.io/serial", leaf(cert).getSerialNumber().toString(16))
                .containsEntry("rhoai.io/not-after", leaf(cert).getNotAfter().toInstant().toString())
                .containsEntry("rhoai.io/previous-secret", "");
        assertThat(f.cluster.secret("openshift-config", apiSecret(cert)).getMetadata().getLabels())
                .containsEntry("rhoai.io/certificate-target", "api");

        // the targets point at them; the entry someone else owns is exactly as it was, other spec fields too
        assertThat(f.cluster.ingressSecretName()).isEqualTo(ingressSecret(cert));
        JsonNode entries = f.cluster.namedCertificates();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).toString()).as("byte for byte").isEqualTo(Mappers.json().writeValueAsString(FakeOpenShift.FOREIGN_ENTRY));
        assertThat(entries.get(1).toString()).isEqualTo("{\"names\":[\"api.dev.example.test\"],\"servingCertificate\":{\"name\":\"" + apiSecret(cert) + "\"}}");
        assertThat(f.cluster.apiServer().path("spec").path("audit").path("profile").asText()).isEqualTo("Default");

        // both rollouts happened and the new leaf is served, asked for with the real names (SNI)
        assertThat(f.cluster.rollouts).contains("router:" + ingressSecret(cert), "api:" + apiSecret(cert));
        assertThat(f.cluster.router.servedLeaf()).isEqualTo(leaf(cert));
        assertThat(f.cluster.api.servedLeaf()).isEqualTo(leaf(cert));
        assertThat(f.cluster.router.sniSeen).anyMatch(n -> n.endsWith(".apps.dev.example.test") && !n.startsWith("*"));
        assertThat(f.cluster.api.sniSeen).contains("api.dev.example.test");

        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("dryRun").asBoolean()).isFalse();
        for (JsonNode t : json.path("targets")) {
            assertThat(t.path("outcome").asText()).isEqualTo("created");
            assertThat(t.path("wireCheck").path("matches").asBoolean()).isTrue();
            assertThat(t.path("wireCheck").path("servedFingerprint").asText()).isEqualTo(CertsFixture.fingerprint(leaf(cert)));
        }
        assertThat(json.path("targets").get(0).path("previousSecret").isMissingNode()).as("router used the operator's default before").isTrue();
        // writes carried the field manager
        assertThat(f.cluster.rhoaiWrites()).anyMatch(w -> w.startsWith("PATCH /apis/operator.openshift.io/v1/namespaces/openshift-ingress-operator/ingresscontrollers/default") && w.contains("fieldManager=rhoai"));
        f.assertNoKeyMaterial(r);
    }

    @Test
    void reRunWithTheSameCertificateSendsNoWriteAndSaysSo() {
        f.issueAndStore();
        assertThat(f.run("install").exitCode()).isZero();
        f.cluster.rhoaiRequests.clear();

        Cli.Result again = f.run("install");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(f.cluster.rhoaiWrites()).isEmpty();
        assertThat(again.stdout()).contains("nothing changed").contains("unchanged");
        assertThat(again.stdout()).doesNotContain("created");
    }

    @Test
    void dryRunShowsSecretNamesAndPatchesAndChangesNothing() {
        StoredCertificate cert = f.issueAndStore();
        Cli.Result r = f.run("install", "--dry-run");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("create Secret openshift-ingress/" + ingressSecret(cert))
                .contains("create Secret openshift-config/" + apiSecret(cert))
                .contains("patch IngressController openshift-ingress-operator/default")
                .contains("patch APIServer cluster").contains("1 other entry kept")
                .contains("nothing was changed").contains("tls.key: <not shown>");
        assertThat(f.cluster.rhoaiWrites()).isEmpty();
        assertThat(f.cluster.ingressSecretName()).isNull();
        f.assertNoKeyMaterial(r);
    }

    @Test
    void refusesTheApiServerWhenTheKubeconfigCaWouldNotTrustTheNewChain() throws Exception {
        f.issueAndStore();
        TestPki installerCa = new TestPki("kube-apiserver-lb-signer", "unused");
        f.kubeconfig = f.cluster.kubeconfig(tmp, List.of(installerCa.root));
        String apiServerBefore = f.cluster.apiServer().toString();

        Cli.Result r = f.run("install");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("x509: certificate signed by unknown authority").contains("kube-apiserver-lb-signer")
                .contains("hint: add the issuing root (Test Root X1) to the kubeconfig's certificate-authority-data")
                .contains("--skip-api-server");
        assertThat(f.cluster.rhoaiWrites()).as("nothing written").isEmpty();
        assertThat(f.cluster.apiServer().toString()).isEqualTo(apiServerBefore);
        assertThat(f.cluster.admin.secrets().inNamespace("openshift-config").list().getItems()).isEmpty();

        // the router alone is still possible with that kubeconfig
        Cli.Result ingressOnly = f.run("install", "--skip-api-server");
        assertThat(ingressOnly.exitCode()).as(ingressOnly.toString()).isZero();
        assertThat(f.cluster.ingressSecretName()).startsWith("rhoai-ingress-");
        assertThat(f.cluster.apiSecretName()).isNull();
    }

    @Test
    void aKubeconfigWithoutCaUsesTheSystemTrustAndOnlyWarns() throws Exception {
        StoredCertificate cert = f.issueAndStore();
        f.kubeconfig = f.cluster.kubeconfig(tmp, null);

        Cli.Result r = f.run("install", "--api-only");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("warning:").contains("system trust").contains("Test Root X1");
        assertThat(f.cluster.apiSecretName()).isEqualTo(apiSecret(cert));
        assertThat(f.cluster.ingressSecretName()).as("--api-only leaves the router alone").isNull();
    }

    @Test
    void aConcurrentChangeBetweenReadAndWriteIsRetriedAndKept() throws Exception {
        StoredCertificate cert = f.issueAndStore();
        // rhoai reads a stale APIServer until its first write; meanwhile someone else adds an entry
        String stale = Mappers.json().writeValueAsString(f.cluster.apiServerResource());
        f.cluster.addNamedCertificate("late.example.org", "late-cert");
        f.cluster.interceptor = req -> {
            boolean written = f.cluster.rhoaiRequests.stream().anyMatch(x -> x.startsWith("PATCH /apis/config.openshift.io/v1/apiservers/cluster"));
            return !written && req.getMethod().equals("GET") && req.getPath().startsWith("/apis/config.openshift.io/v1/apiservers/cluster")
                    ? new MockResponse().setResponseCode(200).addHeader("Content-Type: application/json").setBody(stale) : null;
        };

        Cli.Result r = f.run("install", "--api-only", "--no-verify");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(f.cluster.rhoaiRequests.stream().filter(x -> x.startsWith("PATCH /apis/config.openshift.io/v1/apiservers/cluster")))
                .as("first write conflicted (409), second succeeded").hasSize(2);
        JsonNode entries = f.cluster.namedCertificates();
        assertThat(entries.toString()).contains("someone-elses-cert").contains("late-cert").contains(apiSecret(cert));
        assertThat(entries).hasSize(3);
    }

    @Test
    void oneConcurrentWriteOfTheApiServerCostsExactlyOneMoreWriteAndKeepsTheOtherPartysCertificate() {
        StoredCertificate cert = f.issueAndStore();
        // another party adds its named certificate between rhoai's read of APIServer/cluster and rhoai's write
        f.cluster.beforeNextApiServerWrite.set(stored -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) stored.path("spec").path("servingCerts").path("namedCertificates"))
                    .addObject().<com.fasterxml.jackson.databind.node.ObjectNode>set("names", Mappers.json().createArrayNode().add("other.example.org"))
                    .putObject("servingCertificate").put("name", "other-party-cert");
            return stored;
        });

        // when rhoai's writes of APIServer/cluster arrive: a stale write must be redone from a fresh read at once,
        // not re-sent until --timeout runs out (the measured bug: 12 writes in 29.5 s)
        List<Long> writesAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.cluster.interceptor = req -> {
            if (req.getMethod().equals("PATCH") && req.getPath().startsWith(FakeOpenShift.API_SERVER_PATH)) writesAt.add(System.nanoTime());
            return null;
        };

        Cli.Result r = f.run("install", "--api-only", "--no-verify");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(f.cluster.beforeNextApiServerWrite.get()).as("the other party wrote").isNull();
        assertThat(f.cluster.rhoaiWrites().stream().filter(w -> w.startsWith("PATCH " + FakeOpenShift.API_SERVER_PATH)))
                .as("the first write met a 409, the second (after a fresh read) went through").hasSize(2);
        assertThat(java.time.Duration.ofNanos(writesAt.get(1) - writesAt.get(0))).isLessThan(java.time.Duration.ofSeconds(2));
        assertThat(f.cluster.namedCertificates().toString()).contains("other-party-cert").contains("someone-elses-cert").contains(apiSecret(cert));
    }

    @Test
    void withoutTheRouterDeploymentInSightTheIngressOperatorSaysWhenTheRolloutIsDone() {
        f.issueAndStore();
        f.cluster.admin.apps().deployments().inNamespace("openshift-ingress").withName("router-default").delete();

        Cli.Result r = f.run("install", "--ingress-only", "--no-verify");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("ingress rollout: clusteroperator ingress settled (deployment openshift-ingress/router-default not visible)");
    }

    @Test
    void dryRunJsonReportsTheRealOutcomesWithTheDryRunFlag() throws Exception {
        f.issueAndStore();
        Cli.Result r = f.run("install", "--dry-run", "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        for (JsonNode t : json.path("targets")) assertThat(t.path("outcome").asText()).isEqualTo("created");
        assertThat(f.cluster.rhoaiWrites()).isEmpty();
    }

    @Test
    void serverDryRunSendsEveryWriteAsADryRunAndStoresNothing() {
        f.issueAndStore();
        Cli.Result r = f.run("install", "--dry-run=server", "--ingress-only");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(f.cluster.rhoaiWrites()).isNotEmpty().allMatch(w -> w.contains("dryRun=All"));
        assertThat(f.cluster.ingressSecretName()).isNull();
        assertThat(r.stdout()).contains("nothing was changed");
    }

    @Test
    void aWrongCertificateOnTheWireFailsNamingExpectedAndServedFingerprints() throws Exception {
        StoredCertificate cert = f.issueAndStore();
        TestPki.Issued stray = TestPki.selfSigned("*.apps.dev.example.test");
        try (LoopbackTlsServer staleLoadBalancer = new LoopbackTlsServer(stray)) {
            String[] args = f.args("install", "--ingress-only", "--timeout", "2s");
            for (int i = 0; i < args.length; i++) if (args[i].equals("--ingress-endpoint")) args[i + 1] = staleLoadBalancer.endpoint();
            Cli.Result r = Cli.cli().run(args);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
            assertThat(r.stderr()).contains("wire check failed")
                    .contains("serves " + CertsFixture.fingerprint(stray.leaf()))
                    .contains("expected " + CertsFixture.fingerprint(leaf(cert)));
            f.assertNoKeyMaterial(r);
        }
    }

    @Test
    void aRolloutThatNeverEndsTimesOutWithExit5NamingWhatWasAwaited() {
        f.issueAndStore();
        f.cluster.freeze();

        Cli.Result router = f.run("install", "--ingress-only", "--timeout", "1s");
        assertThat(router.exitCode()).as(router.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(router.stderr()).contains("timed out after 1s waiting for the router rollout (deployment openshift-ingress/router-default")
                .contains("last state: deployment mounts router-certs-default");

        Cli.Result api = f.run("install", "--api-only", "--timeout", "1s");
        assertThat(api.exitCode()).as(api.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(api.stderr()).contains("waiting for the kube-apiserver rollout").contains("latestAvailableRevision 7");
    }

    @Test
    void privateKeysNeverShowInOutputOrVerboseLogs() {
        f.issueAndStore();
        for (String format : List.of("text", "json", "yaml")) {
            Cli.Result dry = f.run("install", "--dry-run", "-v", "-o", format);
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            f.assertNoKeyMaterial(dry);
        }
        Cli.Result real = f.run("install", "-v", "-o", "yaml");
        assertThat(real.exitCode()).as(real.toString()).isZero();
        f.assertNoKeyMaterial(real);
        Cli.Result again = f.run("install", "-v");
        f.assertNoKeyMaterial(again);
    }

    @Test
    void aCertificateWithoutTheApiNameIsInvalidInputAndNothingIsWritten() {
        TestPki.Issued onlyApps = f.pki.issue(java.time.Duration.ofDays(90), "*.apps.dev.example.test");
        new io.rhoai.certs.store.CertificateStore(f.stateDir).save(CertsFixture.PROFILE, onlyApps.chain(), onlyApps.key());

        Cli.Result r = f.run("install");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("does not cover api.dev.example.test").contains("--ingress-only");
        assertThat(f.cluster.rhoaiWrites()).isEmpty();
    }

    @Test
    void aVersionedSecretChangedOutsideRhoaiIsNotOverwritten() {
        StoredCertificate cert = f.issueAndStore();
        f.cluster.admin.secrets().inNamespace("openshift-ingress")
                .resource(FakeOpenShift.tlsSecret("openshift-ingress", ingressSecret(cert), TestPki.selfSigned("tampered.example.test"))).create();

        Cli.Result r = f.run("install");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("Secret openshift-ingress/" + ingressSecret(cert) + " exists with another certificate or key");
        assertThat(f.cluster.rhoaiWrites()).isEmpty();
        assertThat(f.cluster.ingressSecretName()).isNull();
    }

    @Test
    void noStoredCertificateIsAPreconditionNamingTheIssueCommand() {
        Cli.Result r = f.run("install");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("no certificate stored for test-cluster").contains("rhoai certs issue --cluster test-cluster");
    }

    @Test
    void helpDocumentsTheTargetSelectionAndEndsWithExamples() {
        Cli.Result r = Cli.cli().run("certs", "install", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("--skip-api-server", "--ingress-endpoint", "--state-dir", "Examples:");
    }

    @Test
    void ingressOnlyAndApiOnlyExcludeEachOther() {
        Cli.Result r = f.run("install", "--ingress-only", "--api-only");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("mutually exclusive");
    }

    private static java.security.cert.X509Certificate leaf(StoredCertificate c) {
        try {
            return io.rhoai.certs.install.CertificatePem.parseCertificates(java.nio.file.Files.readString(c.fullchainPem())).get(0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
