package io.rhoai.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.rhoai.certs.install.TestPki;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Kinds;
import io.rhoai.testing.Cli;
import io.rhoai.testing.PlatformFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai status} on a platform {@code rhoai bootstrap} has just set up ({@link PlatformFixture}): healthy, then
 * each attention case made on the cluster (or the store), checked and undone, so each run shows exactly one reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCommandTest {
    Path tmp;
    PlatformFixture platform;

    @BeforeAll
    void bootstrapped() throws Exception {
        tmp = Files.createTempDirectory("rhoai-status-test");
        platform = new PlatformFixture(tmp);
        Cli.Result r = platform.cli().run(platform.args("bootstrap", "--cluster", PlatformFixture.PROFILE, "--timeout", "60s",
                "--poll-interval", "100ms").toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    Cli.Result status(String... extra) {
        List<String> a = platform.args("status", "--cluster", PlatformFixture.PROFILE, "--timeout", "30s");
        if (List.of(extra).contains("--state-dir")) {
            int i = a.indexOf("--state-dir");
            a.remove(i + 1);
            a.remove(i);
        }
        a.addAll(List.of(extra));
        return platform.cli().run(a.toArray(String[]::new));
    }

    static JsonNode json(Cli.Result r) throws Exception {
        return Mappers.json().readTree(r.stdout());
    }

    static List<String> sections(JsonNode status) {
        List<String> out = new ArrayList<>();
        status.path("attention").forEach(a -> out.add(a.path("section").asText()));
        return out;
    }

    @Test
    void aHealthyClusterExitsZeroWithEverySection() throws Exception {
        platform.cluster.rhoaiRequests.clear();
        long t0 = System.nanoTime();
        Cli.Result r = status("-o", "json");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode s = json(r);
        assertThat(s.path("attention").size()).isZero();
        assertThat(s.path("identity").path("cluster").path("apiServerURL").asText()).isEqualTo("https://api.dev.example.test:6443");
        assertThat(s.path("identity").path("version").asText()).isEqualTo("4.18.3");
        assertThat(s.path("gpuPools").path("machineSets").size()).isEqualTo(1);
        assertThat(s.path("gitops").path("applications").size()).isEqualTo(3);
        assertThat(s.path("signIn").path("providers").get(0).path("name").asText()).isEqualTo("RedHat-Google-Auth");
        assertThat(s.path("signIn").path("kubeadminPresent").asBoolean()).isFalse();
        assertThat(s.path("certificates").path("renewalDue").asBoolean()).isFalse();
        assertThat(s.path("certificates").path("status").path("endpoints").get(0).path("servedMatchesStored").asBoolean()).isTrue();
        assertThat(s.path("more").get(0).path("section").asText()).isEqualTo("models");
        assertThat(s.path("more").get(0).path("data").path("kserve").asBoolean()).isTrue();
        int requests = platform.cluster.rhoaiRequests.size();
        assertThat(requests).as("a status makes a fixed number of requests: %s", platform.cluster.rhoaiRequests).isLessThanOrEqualTo(21);
        assertThat(platform.cluster.rhoaiWrites()).isEmpty();
        System.out.printf("[bench] status: %d requests, %d ms%n", requests, ms);

        Cli.Result text = status();
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).contains("all well").contains("identity").contains("gpu pools").contains("gitops")
                .contains("sign-in").contains("certificates").contains("OpenShift 4.18.3").contains("kubeadmin removed");
    }

    @Test
    void kubeadminLeftAfterAnIdentityProviderNeedsAttention() throws Exception {
        platform.addKubeadmin();
        try {
            Cli.Result r = status();
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ATTENTION);
            assertThat(r.stdout()).contains("attention:").contains("sign-in: kubeadmin is still present");
            assertThat(sections(json(status("-o", "json")))).containsExactly("sign-in");
        } finally {
            platform.cluster.admin.secrets().inNamespace("kube-system").withName("kubeadmin").delete();
        }
    }

    @Test
    void anApplicationOutOfSyncBeyondTheGraceNeedsAttentionWithinItDoesNot() throws Exception {
        var apps = platform.cluster.admin.genericKubernetesResources(Kinds.APPLICATION).inNamespace("openshift-gitops");
        GenericKubernetesResource app = apps.withName("config-namespaces").get();
        Object healthy = app.getAdditionalProperties().get("status");
        app.setAdditionalProperty("status", Map.of("sync", Map.of("status", "OutOfSync"), "health", Map.of("status", "Healthy"),
                "operationState", Map.of("finishedAt", Instant.now().minus(Duration.ofHours(1)).toString())));
        apps.resource(app).update();
        try {
            Cli.Result r = status("-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ATTENTION);
            assertThat(sections(json(r))).containsExactly("gitops");
            assertThat(json(r).path("attention").get(0).path("why").asText()).contains("config-namespaces is OutOfSync/Healthy");
            assertThat(status("--grace", "2h").exitCode()).isZero();
        } finally {
            app = apps.withName("config-namespaces").get();
            app.setAdditionalProperty("status", healthy);
            apps.resource(app).update();
        }
    }

    /** Models section: every InferenceService in one list; one not Ready beyond the grace needs attention, a Ready one does not. */
    @Test
    void anInferenceServiceNotReadyBeyondTheGraceNeedsAttention() throws Exception {
        var isvcs = platform.cluster.admin.genericKubernetesResources(Kinds.INFERENCE_SERVICE);
        String hourAgo = Instant.now().minus(Duration.ofHours(1)).toString();
        isvc(isvcs, "granite-3-3-8b-instruct", "True", null, hourAgo);
        isvc(isvcs, "granite3-guardian-2b", "False", "ServingRuntime granite3-guardian-2b not found", hourAgo);
        try {
            Cli.Result r = status("-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ATTENTION);
            assertThat(sections(json(r))).containsExactly("models");
            assertThat(json(r).path("attention").get(0).path("why").asText())
                    .contains("InferenceService models/granite3-guardian-2b is not Ready since " + hourAgo)
                    .contains("ServingRuntime granite3-guardian-2b not found");
            Cli.Result text = status("--grace", "2h");
            assertThat(text.exitCode()).as("within the grace").isZero();
            assertThat(text.stdout()).contains("2 InferenceServices, 1 Ready").contains("not Ready: models/granite3-guardian-2b");
        } finally {
            isvcs.inNamespace("models").withName("granite-3-3-8b-instruct").delete();
            isvcs.inNamespace("models").withName("granite3-guardian-2b").delete();
        }
    }

    private static void isvc(io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource, ?, ?> isvcs, String name,
                             String ready, String message, String since) {
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion("serving.kserve.io/v1beta1");
        o.setKind("InferenceService");
        o.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("models").build());
        Map<String, Object> condition = new java.util.HashMap<>(Map.of("type", "Ready", "status", ready, "lastTransitionTime", since));
        if (message != null) condition.putAll(Map.of("reason", "RuntimeNotRecognized", "message", message));
        Map<String, Object> status = Map.of("conditions", List.of(condition), "url", "https://" + name + "-models.apps.dev.example.test");
        o.setAdditionalProperty("status", status);
        GenericKubernetesResource created = isvcs.inNamespace("models").resource(o).create();
        if (created.getAdditionalProperties().get("status") == null) {
            created.setAdditionalProperty("status", status);
            isvcs.inNamespace("models").resource(created).updateStatus();
        }
    }

    @Test
    void aPoolAboveItsCapNeedsAttention() throws Exception {
        var sets = platform.cluster.admin.genericKubernetesResources(Kinds.MACHINE_SET).inNamespace(PlatformFixture.NS);
        GenericKubernetesResource gpu = sets.withLabel("rhoai.io/gpu-pool", "t4-shared").list().getItems().get(0);
        String name = gpu.getMetadata().getName();
        sets.withName(name).edit(ms -> {
            @SuppressWarnings("unchecked") Map<String, Object> spec = (Map<String, Object>) ms.getAdditionalProperties().get("spec");
            spec.put("replicas", 50);
            return ms;
        });
        try {
            Cli.Result r = status("-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ATTENTION);
            assertThat(sections(json(r))).containsExactly("gpu-pools");
            assertThat(json(r).path("attention").get(0).path("why").asText()).contains("above the ClusterAutoscaler cap");
        } finally {
            sets.withName(name).edit(ms -> {
                @SuppressWarnings("unchecked") Map<String, Object> spec = (Map<String, Object>) ms.getAdditionalProperties().get("spec");
                spec.put("replicas", 0);
                return ms;
            });
        }
    }

    @Test
    void aCertificateWithinItsRenewalWindowNeedsAttention() throws Exception {
        Path other = Files.createTempDirectory(tmp, "state-due");
        TestPki.Issued soon = platform.pki.issue(Duration.ofDays(10), "*.apps.dev.example.test", "api.dev.example.test");
        new CertificateStore(other).save(PlatformFixture.PROFILE, soon.chain(), soon.key());
        Cli.Result r = status("--state-dir", other.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ATTENTION);
        JsonNode s = json(r);
        assertThat(sections(s)).isNotEmpty().allMatch("certificates"::equals);
        assertThat(s.path("certificates").path("renewalDue").asBoolean()).isTrue();
        assertThat(s.path("attention").get(0).path("why").asText()).contains("within the renewal window of 30 days");
        Cli.Result text = status("--state-dir", other.toString());
        assertThat(text.stdout()).contains("renewal DUE");
        assertThat(text.stderr()).contains("need attention: certificates");
    }

    @Test
    void theWrongClusterIsRefusedAndWatchWantsText() {
        List<String> a = platform.args("status", "--cluster", "wrong-cluster");
        Cli.Result r = platform.cli().run(a.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("wrong cluster");
        Cli.Result watch = status("--watch", "-o", "json");
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(watch.stderr()).contains("--watch prints the text dashboard only");
    }
}
