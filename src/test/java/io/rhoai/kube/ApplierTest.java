package io.rhoai.kube;

import io.rhoai.core.time.Deadline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.Applier.DryRun;
import io.rhoai.core.Outcome;
import io.rhoai.testing.ApplyingCrudDispatcher;
import io.rhoai.testing.ApplyingCrudDispatcher.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The applier against fabric8's CRUD mock with the server-side-apply stand-in (ApplyingCrudDispatcher says what the
 * stand-in does not cover: ownership, conflicts, list merge by key). The request shape is checked on what the server
 * received.
 */
class ApplierTest {
    ApplyingCrudDispatcher dispatcher;
    KubernetesMockServer server;
    KubernetesClient client;
    final Deadline deadline = Deadline.in(Duration.ofSeconds(30));
    final java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void setUp() {
        dispatcher = new ApplyingCrudDispatcher() {
            // the stand-in knows no field ownership; this one answers what the API server says on a conflict
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getMethod().equals("PATCH") && request.getPath().contains("/configmaps/owned-elsewhere?")
                        && !request.getPath().contains("force=true")) {
                    conflicts.incrementAndGet();
                    return new MockResponse().setResponseCode(409).setBody("""
                            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,
                             "message":"Apply failed with 1 conflict: conflict with \\"kubectl-edit\\" using v1: .data.key",
                             "details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \\"kubectl-edit\\" using v1","field":".data.key"}]}}""");
                }
                return super.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.destroy();
    }

    private static GenericKubernetesResource configMap(String value) {
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion("v1");
        o.setKind("ConfigMap");
        o.setMetadata(new ObjectMetaBuilder().withName("settings").withNamespace("team").withLabels(Map.of("tier", "config")).build());
        o.setAdditionalProperty("data", Map.of("key", value));
        return o;
    }

    private Applier applier(DryRun dryRun) {
        return new Applier(client, new Kinds(client), dryRun);
    }

    private List<Recorded> writes() {
        return dispatcher.requests().stream().filter(Recorded::isWrite).toList();
    }

    @Test
    void createsThenReportsUnchangedWithoutWritingThenConfigures() {
        Applied first = applier(DryRun.NONE).apply(configMap("a"), false, deadline);
        assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
        GenericKubernetesResource live = client.genericKubernetesResources(Kinds.CONFIG_MAP).inNamespace("team").withName("settings").get();
        assertThat(live.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "rhoai").containsEntry("tier", "config");

        dispatcher.clearRecorded();
        assertThat(applier(DryRun.NONE).apply(configMap("a"), false, deadline).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(writes()).isEmpty();

        assertThat(applier(DryRun.NONE).apply(configMap("b"), false, deadline).outcome()).isEqualTo(Outcome.CONFIGURED);
        assertThat(client.genericKubernetesResources(Kinds.CONFIG_MAP).inNamespace("team").withName("settings").get()
                .getAdditionalProperties().get("data")).isEqualTo(Map.of("key", "b"));
    }

    @Test
    void sendsServerSideApplyWithFieldManagerRhoaiAndForceOnlyWhenAsked() {
        applier(DryRun.NONE).apply(configMap("a"), false, deadline);
        applier(DryRun.NONE).apply(configMap("b"), true, deadline);
        List<Recorded> writes = writes();
        assertThat(writes).hasSize(2);
        assertThat(writes).allSatisfy(w -> {
            assertThat(w.method()).isEqualTo("PATCH");
            assertThat(w.contentType()).startsWith("application/apply-patch+yaml");
            assertThat(w.pathWithoutQuery()).isEqualTo("/api/v1/namespaces/team/configmaps/settings");
            assertThat(w.hasQuery("fieldManager=rhoai")).isTrue();
            assertThat(w.body()).contains("\"app.kubernetes.io/managed-by\":\"rhoai\"");
        });
        assertThat(writes.get(0).hasQuery("force=true")).isFalse();
        assertThat(writes.get(1).hasQuery("force=true")).isTrue();
    }

    @Test
    void aConflictWithAnotherManagerIsAPreconditionNamingTheFieldUnlessForced() {
        GenericKubernetesResource cm = configMap("a");
        cm.getMetadata().setName("owned-elsewhere");
        assertThatThrownBy(() -> applier(DryRun.NONE).apply(cm, false, deadline))
                .isInstanceOf(RhoaiException.class)
                .satisfies(e -> assertThat(((RhoaiException) e).kind()).isEqualTo(ErrorKind.PRECONDITION))
                .hasMessageContaining("apply ConfigMap team/owned-elsewhere: fields rhoai sets are owned by another manager")
                .hasMessageContaining(".data.key (conflict with \"kubectl-edit\" using v1)");
        assertThat(conflicts).as("a field conflict is not retried").hasValue(1);
        assertThat(applier(DryRun.NONE).apply(cm, true, deadline).outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void serverDryRunSendsDryRunAllAndStoresNothing() {
        Applied a = applier(DryRun.SERVER).apply(configMap("a"), false, deadline);
        assertThat(a.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(a.dryRun()).isTrue();
        assertThat(writes()).singleElement().satisfies(w -> assertThat(w.hasQuery("dryRun=All")).isTrue());
        assertThat(client.genericKubernetesResources(Kinds.CONFIG_MAP).inNamespace("team").withName("settings").get()).isNull();
    }

    @Test
    void clientDryRunNeedsNoClusterAndSendsNothing() {
        Applied a = new Applier(null, null, DryRun.CLIENT).apply(configMap("a"), false, deadline);
        assertThat(a.outcome()).isEqualTo(Outcome.RENDERED);
        assertThat(dispatcher.requests()).isEmpty();
    }

    @Test
    void subsetComparesMapsByKeyListsByPositionAndNumbersByValue() {
        GenericKubernetesResource live = configMap("a");
        live.setAdditionalProperty("spec", Map.of("replicas", 2L, "items", List.of(Map.of("name", "x", "extra", true)), "other", "kept"));
        GenericKubernetesResource desired = configMap("a");
        desired.setAdditionalProperty("spec", Map.of("replicas", 2, "items", List.of(Map.of("name", "x"))));
        assertThat(Applier.isSubset(desired, live)).isTrue();
        desired.setAdditionalProperty("spec", Map.of("items", List.of(Map.of("name", "x"), Map.of("name", "y"))));
        assertThat(Applier.isSubset(desired, live)).isFalse();
        desired.setAdditionalProperty("spec", Map.of("replicas", "2"));
        assertThat(Applier.isSubset(desired, live)).isFalse();
    }
}
