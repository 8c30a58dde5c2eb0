package io.rhoai.certs.install;

import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.Progress;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What rhoai writes (the Secret, and the IngressController and APIServer after its patches) validates against the
 * upstream schemas: OpenShift's CRDs and Kubernetes' core OpenAPI. Skipped, saying so, when ../shared/schemas is absent.
 */
class RenderedObjectsSchemaTest {
    @TempDir Path tmp;
    FakeOpenShift cluster;
    StoredCertificate cert;

    @BeforeEach
    void install() throws Exception {
        cluster = new FakeOpenShift("dev", "example.test");
        TestPki pki = new TestPki("Test Root X1", "Test R11");
        TestPki.Issued issued = pki.issue(Duration.ofDays(90), "*.apps.dev.example.test", "api.dev.example.test");
        cert = new CertificateStore(tmp).save("test-cluster", issued.chain(), issued.key());
        // the fixture's client has no kubeconfig CA: system trust, a warning only
        new CertificateInstaller(cluster.admin, Progress.NONE, Clock.systemUTC(), new SocketTlsProber(),
                new EndpointOverrides(new EndpointOverrides.HostPort("127.0.0.1", cluster.router.port()),
                        new EndpointOverrides.HostPort("127.0.0.1", cluster.api.port())))
                .install(new InstallRequest("test-cluster", "dev", "example.test", cert, true, true, Duration.ofSeconds(20), io.rhoai.kube.Applier.DryRun.NONE, true));
    }

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    @Test
    void theTlsSecretValidatesAgainstKubernetesCoreOpenApi() {
        Path openApi = SharedSchemas.require("kubernetes/v1.33/api__v1_openapi.json");
        for (String[] s : List.of(new String[] {"openshift-ingress", "rhoai-ingress-"}, new String[] {"openshift-config", "rhoai-api-"})) {
            Object secret = Mappers.json().valueToTree(cluster.secret(s[0], s[1] + cert.version().toLowerCase(Locale.ROOT)));
            assertThat(SchemaValidator.validateAgainstOpenApi(openApi, "io.k8s.api.core.v1.Secret", secret)).isEmpty();
        }
    }

    @Test
    void thePatchedIngressControllerValidatesAgainstItsCrd() throws Exception {
        Path crd = javaCompatible(SharedSchemas.require("openshift/api/0000_50_ingress_00_ingresscontrollers.crd.yaml"));
        assertThat(cluster.ingressController().path("spec").path("defaultCertificate").path("name").asText()).startsWith("rhoai-ingress-");
        assertThat(SchemaValidator.validateAgainstCrd(crd, "v1", cluster.ingressController())).isEmpty();
    }

    @Test
    void theMergedApiServerValidatesAgainstItsCrd() {
        Path crd = SharedSchemas.require("openshift/api/0000_10_config-operator_01_apiservers-Default.crd.yaml");
        assertThat(cluster.namedCertificates()).hasSize(2);
        assertThat(SchemaValidator.validateAgainstCrd(crd, "v1", cluster.apiServer())).isEmpty();
    }

    /**
     * The IngressController CRD holds RE2 patterns Java cannot compile (httpCompression.mimeTypes' {@code [^][ ...]});
     * validation runs on a copy in the temp dir without the patterns that do not compile. They constrain fields rhoai
     * never writes; every other rule of the CRD applies. The upstream file is read, never copied into the project.
     */
    private Path javaCompatible(Path crd) throws Exception {
        com.fasterxml.jackson.databind.JsonNode tree = Mappers.yaml().readTree(java.nio.file.Files.readString(crd));
        List<String> dropped = new java.util.ArrayList<>();
        dropUncompilablePatterns(tree, dropped);
        assertThat(dropped).as("only the known RE2-only patterns are dropped").allMatch(p -> p.contains("[^]["));
        Path copy = tmp.resolve(crd.getFileName());
        java.nio.file.Files.writeString(copy, Mappers.toYaml(tree));
        return copy;
    }

    private static void dropUncompilablePatterns(com.fasterxml.jackson.databind.JsonNode node, List<String> dropped) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            if (o.path("pattern").isTextual()) {
                try {
                    java.util.regex.Pattern.compile(o.path("pattern").asText());
                } catch (java.util.regex.PatternSyntaxException e) {
                    dropped.add(o.remove("pattern").asText());
                }
            }
            o.elements().forEachRemaining(child -> dropUncompilablePatterns(child, dropped));
        } else if (node != null && node.isArray()) {
            node.forEach(child -> dropUncompilablePatterns(child, dropped));
        }
    }

    @Test
    void aMisspelledFieldWouldBeCaught() {
        // guards the guard: the validator is strict enough to notice a typo in what the installer writes
        Path crd = SharedSchemas.require("openshift/api/0000_10_config-operator_01_apiservers-Default.crd.yaml");
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) cluster.apiServer().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("spec").path("servingCerts").path("namedCertificates").get(1))
                .putObject("servingCertificates").put("name", "typo");
        assertThat(SchemaValidator.validateAgainstCrd(crd, "v1", broken)).isNotEmpty();
    }
}
