package io.rhoai.cli.certs;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai certs status}: served, in-cluster and stored certificates, and what could not be reached. */
class CertsStatusCommandTest {
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
    void beforeInstallTheServedCertificatesAreTheClusterDefaultsAndDoNotMatchTheStore() throws Exception {
        f.issueAndStore();
        Cli.Result r = f.run("status", "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = Mappers.json().readTree(r.stdout());
        JsonNode router = json.path("endpoints").get(0);
        assertThat(router.path("endpoint").asText()).isEqualTo("router");
        assertThat(router.path("servedMatchesStored").asBoolean()).isFalse();
        assertThat(router.path("served").path("sha256Fingerprint").asText()).isEqualTo(CertsFixture.fingerprint(f.cluster.routerDefault.leaf()));
        assertThat(router.path("secret").path("name").asText()).isEqualTo("router-certs-default");
        assertThat(router.path("servedMatchesSecret").asBoolean()).isTrue();
        JsonNode api = json.path("endpoints").get(1);
        assertThat(api.path("secret").path("reference").asText()).contains("no namedCertificates entry");
        assertThat(json.path("unreachable")).isEmpty();
    }

    @Test
    void afterInstallEveryEndpointServesTheStoredCertificate() throws Exception {
        StoredCertificate cert = f.issueAndStore();
        assertThat(f.run("install").exitCode()).isZero();

        Cli.Result r = f.run("status", "-o", "json");

        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("localStore").path("version").asText()).isEqualTo(cert.version());
        assertThat(json.path("localStore").path("daysLeft").asLong()).isBetween(88L, 90L);
        for (JsonNode e : json.path("endpoints")) {
            assertThat(e.path("servedMatchesStored").asBoolean()).as(e.toString()).isTrue();
            assertThat(e.path("servedMatchesSecret").asBoolean()).isTrue();
            assertThat(e.path("secret").path("name").asText()).endsWith(cert.version().toLowerCase(Locale.ROOT));
            assertThat(e.path("served").path("issuer").asText()).isEqualTo("Test R11");
            assertThat(e.path("served").path("names").toString()).contains("*.apps.dev.example.test", "api.dev.example.test");
        }

        Cli.Result text = f.run("status");
        assertThat(text.stdout()).contains("ENDPOINT", "SOURCE", "ISSUER", "NOT AFTER", "DAYS LEFT", "MATCHES STORED")
                .contains("secret openshift-ingress/rhoai-ingress-").contains("local store " + cert.version()).contains("yes");
        assertThat(text.stdout()).doesNotContain("NO ").doesNotContain("not reachable");
        f.assertNoKeyMaterial(text);
    }

    @Test
    void anUnreachableApiIsAnErrorNamingTheServerNotAStatus() throws Exception {
        f.issueAndStore();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path deadKubeconfig = tmp.resolve("dead-kubeconfig");
        Files.writeString(deadKubeconfig, Files.readString(f.kubeconfig).replaceAll("server: \\S+", "server: http://127.0.0.1:" + closed));
        String[] args = f.args("status", "--request-timeout", "2s", "--probe-timeout", "1s");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--kubeconfig")) args[i + 1] = deadKubeconfig.toString();
        }

        assertThat(f.run("status", "--local-only").exitCode()).as("warm-up: the first CLI run in this JVM loads its classes").isZero();
        long started = System.nanoTime();
        Cli.Result r = Cli.cli().run(args);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("one try, no retry budget").isLessThan(java.time.Duration.ofSeconds(5));
        assertOneErrorLine(r, "http://127.0.0.1:" + closed);
        assertThat(r.stderr()).contains("cannot reach the Kubernetes API at http://127.0.0.1:" + closed + ": connection refused");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aRejectedTokenIsAnErrorWithTheLoginHint() {
        f.issueAndStore();
        f.cluster.interceptor = req -> new MockResponse().setResponseCode(401).setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");

        Cli.Result r = f.run("status");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertOneErrorLine(r, f.cluster.server.url("/").replaceAll("/$", ""));
        assertThat(r.stderr()).contains("failed (HTTP 401)").contains("Unauthorized").doesNotContain("Status(").contains("hint: log in again (oc login)");
        assertThat(r.stdout()).isEmpty();
    }

    /** Exactly one error line, naming the API server; no stack trace, no Java exception class names. */
    private static void assertOneErrorLine(Cli.Result r, String server) {
        List<String> errors = r.stderr().lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errors).as(r.stderr()).hasSize(1);
        assertThat(errors.get(0)).contains(server);
        assertThat(r.stderr()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void unreachableEndpointsAreReportedNextToTheClusterView() throws Exception {
        StoredCertificate cert = f.issueAndStore();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String[] args = f.args("status", "--probe-timeout", "1s");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--ingress-endpoint") || args[i].equals("--api-endpoint")) args[i + 1] = "127.0.0.1:" + closed;
        }

        Cli.Result r = Cli.cli().run(args);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.stdout()).contains("local store " + cert.version()).contains("Test R11")
                .contains("not reachable: router endpoint 127.0.0.1:" + closed)
                .contains("not reachable: api endpoint 127.0.0.1:" + closed)
                .contains("secret openshift-ingress/router-certs-default");
    }

    @Test
    void localOnlyTouchesNeitherTheApiNorTheWire() {
        f.issueAndStore();
        Cli.Result r = f.run("status", "--local-only", "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(f.cluster.rhoaiRequests).isEmpty();
        assertThat(f.cluster.router.sniSeen).isEmpty();
        assertThat(r.stdout()).contains("\"localStore\"");
    }

    @Test
    void anEmptyStoreIsReportedNotFatal() {
        Cli.Result r = f.run("status", "--local-only");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("not reachable: local store: no certificate for test-cluster");
    }
}
