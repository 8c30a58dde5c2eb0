package io.rhoai.promote.gate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.rhoai.core.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate against the fabric8 mock API server (CRUD mode) holding Argo CD Application objects. */
@EnableKubernetesMockClient(crud = true)
public class ArgoApplicationGateTest {
    static final String REPO = "https://github.com/acme/rhoaibu-cluster";
    static final String SHA = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    static final String OLDER = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c";
    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void clean() {
        client.genericKubernetesResources(io.rhoai.kube.Kinds.APPLICATION).inNamespace("openshift-gitops").delete();
    }

    /** An Application as Argo CD reports it: spec.source from the repo, status.sync and status.health. */
    public static GenericKubernetesResource application(String name, String repo, String sync, String health, String revision) {
        return new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind("Application")
                .withNewMetadata().withName(name).withNamespace("openshift-gitops").endMetadata()
                .addToAdditionalProperties("spec", Map.of(
                        "project", "cluster-operators",
                        "source", Map.of("repoURL", repo, "targetRevision", "dev", "path", "components/operators/" + name),
                        "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "openshift-gitops")))
                .addToAdditionalProperties("status", Map.of(
                        "sync", Map.of("status", sync, "revision", revision,
                                "comparedTo", Map.of("source", Map.of("repoURL", repo, "targetRevision", "dev"),
                                        "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "openshift-gitops"))),
                        "health", Map.of("status", health),
                        "reconciledAt", "2026-04-27T10:00:00Z"))
                .build();
    }

    private void create(GenericKubernetesResource app) {
        client.genericKubernetesResources(io.rhoai.kube.Kinds.APPLICATION).inNamespace("openshift-gitops").resource(app).create();
    }

    private GateResult check() {
        return new ArgoApplicationGate(() -> client, "openshift-gitops").check(REPO + ".git", SHA, Progress.NONE);
    }

    @Test
    void passesWhenEveryAppFromTheRepoIsSyncedAndHealthyAtTheSha() {
        create(application("rhoai-operator", REPO, "Synced", "Healthy", SHA));
        create(application("instance-rhoai", REPO, "Synced", "Healthy", SHA));
        create(application("demo-vllm", "https://github.com/rh-aiservices-bu/llm-on-openshift", "OutOfSync", "Missing", OLDER));
        GateResult r = check();
        assertThat(r.status()).isEqualTo(GateResult.PASSED);
        assertThat(r.applications()).extracting(GateResult.AppStatus::name).containsExactly("instance-rhoai", "rhoai-operator");
        assertThat(r.server()).startsWith(server.url("/").replaceAll("/$", "").substring(0, 10));
    }

    @Test
    void blocksWhenHealthyButAtAnOlderRevision() {
        create(application("rhoai-operator", REPO, "Synced", "Healthy", SHA));
        create(application("instance-rhoai", REPO, "Synced", "Healthy", OLDER));
        GateResult r = check();
        assertThat(r.status()).isEqualTo(GateResult.FAILED);
        assertThat(r.reason()).isEqualTo("1 of 2 Applications are not Synced and Healthy at 1a2b3c4");
        assertThat(r.applications()).filteredOn(a -> a.problem() != null).singleElement()
                .satisfies(a -> assertThat(a.problem()).isEqualTo("at 9f8e7d6, not 1a2b3c4"));
    }

    @Test
    void blocksWhenDegradedOrOutOfSync() {
        create(application("rhoai-operator", REPO, "Synced", "Degraded", SHA));
        create(application("nfd", REPO, "OutOfSync", "Healthy", SHA));
        GateResult r = check();
        assertThat(r.failed()).isTrue();
        assertThat(r.applications()).extracting(GateResult.AppStatus::problem)
                .containsExactly("sync OutOfSync", "health Degraded");
    }

    @Test
    void noApplicationFromTheRepoMeansTheWrongCluster() {
        GateResult r = check();
        assertThat(r.failed()).isTrue();
        assertThat(r.reason()).contains("no Application in openshift-gitops deploys from " + REPO).contains("is this the source cluster?");
    }
}
