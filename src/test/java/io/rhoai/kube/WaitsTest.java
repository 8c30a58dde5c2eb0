package io.rhoai.kube;

import io.rhoai.core.time.Deadline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Poller;
import io.rhoai.testing.ApplyingCrudDispatcher;
import io.rhoai.testing.LoopbackApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class WaitsTest {
    ApplyingCrudDispatcher dispatcher;
    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void setUp() {
        dispatcher = new ApplyingCrudDispatcher();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.destroy();
    }

    private GenericKubernetesResource csv(String phase) {
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion("operators.coreos.com/v1alpha1");
        o.setKind("ClusterServiceVersion");
        o.setMetadata(new ObjectMetaBuilder().withName("op.v1").withNamespace("ns").build());
        o.setAdditionalProperty("status", Map.of("phase", phase));
        return o;
    }

    private Waits.Spec succeeded() {
        return Waits.on(Kinds.CSV, "ns", "op.v1").describedAs("CSV ns/op.v1 to reach phase Succeeded")
                .until(c -> "Succeeded".equals(Fields.text(c, "status", "phase")))
                .state(c -> c == null ? "absent" : "phase=" + Fields.text(c, "status", "phase"));
    }

    private void moveToSucceededAfter(long millis) {
        moveToSucceededWhen(() -> true, millis);
    }

    /** Changes the CSV once {@code ready} holds (e.g. the watch is open), after a pause. */
    private void moveToSucceededWhen(java.util.function.BooleanSupplier ready, long millis) {
        CompletableFuture.runAsync(() -> {
            try {
                while (!ready.getAsBoolean()) Thread.sleep(5);
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            var r = client.genericKubernetesResources(Kinds.CSV).inNamespace("ns").withName("op.v1");
            GenericKubernetesResource live = r.get();
            live.setAdditionalProperty("status", Map.of("phase", "Succeeded"));
            client.genericKubernetesResources(Kinds.CSV).inNamespace("ns").resource(live).update();
        });
    }

    @Test
    void watchEndsSoonAfterTheChangeAndReturnsTheObject() {
        client.genericKubernetesResources(Kinds.CSV).inNamespace("ns").resource(csv("Installing")).create();
        // the change happens only once the watch is open, so the initial list cannot be what ends the wait
        moveToSucceededWhen(() -> dispatcher.requests().stream().anyMatch(r -> r.path().contains("watch=true")), 50);
        long t0 = System.nanoTime();
        GenericKubernetesResource seen = new Waits(client, Waits.Mode.WATCH, Duration.ofMinutes(5), Progress.NONE)
                .forObject(succeeded(), Deadline.in(Duration.ofSeconds(60)));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(Fields.text(seen, "status", "phase")).isEqualTo("Succeeded");
        // polling every 5 minutes could not have seen it within the minute: the watch event did
        assertThat(ms).isLessThan(60_000);
        assertThat(dispatcher.requests().stream().filter(r -> r.path().contains("clusterserviceversions?")).count())
                .as("one list and one watch, no polling").isEqualTo(2);
    }

    @Test
    void aConditionThatAlreadyHoldsNeedsOneReadAndNoWatch() {
        client.genericKubernetesResources(Kinds.CSV).inNamespace("ns").resource(csv("Succeeded")).create();
        dispatcher.clearRecorded();
        new Waits(client, Waits.Mode.WATCH, Duration.ofSeconds(1), Progress.NONE).forObject(succeeded(), Deadline.in(Duration.ofSeconds(10)));
        assertThat(dispatcher.requests()).singleElement().satisfies(r -> assertThat(r.path()).endsWith("/clusterserviceversions/op.v1"));
    }

    @Test
    void pollingSeesTheChangeToo() {
        client.genericKubernetesResources(Kinds.CSV).inNamespace("ns").resource(csv("Installing")).create();
        moveToSucceededAfter(100);
        GenericKubernetesResource seen = new Waits(client, Waits.Mode.POLL, Duration.ofMillis(50), Progress.NONE)
                .forObject(succeeded(), Deadline.in(Duration.ofSeconds(10)));
        assertThat(Fields.text(seen, "status", "phase")).isEqualTo("Succeeded");
        assertThat(dispatcher.requests()).noneMatch(r -> r.path().contains("watch=true"));
    }

    @Test
    void timeoutIsTypedAndNamesWhatWasAwaitedAndTheLastState() {
        client.genericKubernetesResources(Kinds.CSV).inNamespace("ns").resource(csv("Installing")).create();
        for (Waits.Mode mode : Waits.Mode.values()) {
            assertThatThrownBy(() -> new Waits(client, mode, Duration.ofMillis(100), Progress.NONE)
                    .forObject(succeeded(), Deadline.in(Duration.ofMillis(500))))
                    .isInstanceOf(RhoaiException.class)
                    .satisfies(e -> assertThat(((RhoaiException) e).kind()).isEqualTo(ErrorKind.TIMEOUT))
                    .hasMessage("timed out after 500ms waiting for CSV ns/op.v1 to reach phase Succeeded; last state: phase=Installing");
        }
    }

    @Test
    void conditionSeesNullWhileTheObjectIsAbsentAndAThrowingConditionMeansNotYet() {
        Waits.Spec spec = Waits.on(Kinds.CSV, "ns", "op.v1").describedAs("CSV ns/op.v1")
                .until(c -> c.getMetadata().getName() != null && "Succeeded".equals(Fields.text(c, "status", "phase")))   // NPE on null
                .state(c -> c == null ? "absent" : "present");
        assertThatThrownBy(() -> new Waits(client, Waits.Mode.POLL, Duration.ofMillis(50), Progress.NONE)
                .forObject(spec, Deadline.in(Duration.ofSeconds(2))))
                .hasMessageEndingWith("last state: absent");
    }

    @Test
    void aWaitsOwnTimeoutEndsItBeforeTheOverallDeadline() {
        client.genericKubernetesResources(Kinds.CSV).inNamespace("ns").resource(csv("Installing")).create();
        assertThatThrownBy(() -> new Waits(client, Waits.Mode.WATCH, Duration.ofSeconds(1), Progress.NONE)
                .forObject(succeeded().timeout(Duration.ofMillis(400)), Deadline.in(Duration.ofMinutes(5))))
                .hasMessageStartingWith("timed out after 400ms waiting for CSV ns/op.v1");
    }

    /** A server that answers reads but accepts the watch and never answers it: the informer can never start. */
    private LoopbackApi watchNeverAnswers(AtomicReference<String> phase) throws Exception {
        String prefix = "/apis/operators.coreos.com/v1alpha1/namespaces/ns/clusterserviceversions";
        return LoopbackApi.answering((method, path) -> {
            String obj = "{\"apiVersion\":\"operators.coreos.com/v1alpha1\",\"kind\":\"ClusterServiceVersion\",\"metadata\":"
                    + "{\"name\":\"op.v1\",\"namespace\":\"ns\",\"resourceVersion\":\"7\"},\"status\":{\"phase\":\"" + phase.get() + "\"}}";
            if (path.contains("watch=true")) return LoopbackApi.Reply.HANG;
            if (path.startsWith(prefix + "/op.v1")) return LoopbackApi.Reply.json(obj);
            if (path.startsWith(prefix)) return LoopbackApi.Reply.json("{\"apiVersion\":\"operators.coreos.com/v1alpha1\","
                    + "\"kind\":\"ClusterServiceVersionList\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[" + obj + "]}");
            return LoopbackApi.Reply.status(404, "NotFound", "not found");
        });
    }

    private static KubernetesClient clientOf(LoopbackApi api) {
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
                .withMasterUrl(api.url()).withRequestTimeout(60_000).withRequestRetryBackoffLimit(0).build()).build();
    }

    @Test
    void aWatchThatNeverAnswersStillEndsAtTheDeadlineWithTheLastState() throws Exception {
        AtomicReference<String> phase = new AtomicReference<>("Installing");
        List<String> progress = new CopyOnWriteArrayList<>();
        try (LoopbackApi api = watchNeverAnswers(phase); KubernetesClient hanging = clientOf(api)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    new Waits(hanging, Waits.Mode.WATCH, Duration.ofMillis(200), recording(progress))
                            .forObject(succeeded(), Deadline.in(Duration.ofSeconds(3)))))
                    .isInstanceOf(RhoaiException.class)
                    .satisfies(e -> assertThat(((RhoaiException) e).kind()).isEqualTo(ErrorKind.TIMEOUT))
                    .hasMessage("timed out after 3s waiting for CSV ns/op.v1 to reach phase Succeeded; last state: phase=Installing");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(api.requests).anyMatch(r -> r.contains("watch=true"));
        }
        assertThat(progress).as("the state is reported while waiting").first().asString()
                .startsWith("waiting for CSV ns/op.v1 to reach phase Succeeded (0s of 3s): phase=Installing");
    }

    @Test
    void aWatchThatNeverStartsFallsBackToPollingForTheTimeLeft() throws Exception {
        AtomicReference<String> phase = new AtomicReference<>("Installing");
        try (LoopbackApi api = watchNeverAnswers(phase); KubernetesClient hanging = clientOf(api)) {
            CompletableFuture.runAsync(() -> {
                Poller.pause(Duration.ofSeconds(1), "test");
                phase.set("Succeeded");
            });
            GenericKubernetesResource seen = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    new Waits(hanging, Waits.Mode.WATCH, Duration.ofMillis(100), Progress.NONE)
                            .forObject(succeeded(), Deadline.in(Duration.ofSeconds(8))));
            assertThat(Fields.text(seen, "status", "phase")).isEqualTo("Succeeded");
        }
    }

    @Test
    void everyStateChangeIsReportedOnceAsPollsReportIt() {
        client.genericKubernetesResources(Kinds.CSV).inNamespace("ns").resource(csv("Pending")).create();
        List<String> progress = new CopyOnWriteArrayList<>();
        moveToSucceededWhen(() -> dispatcher.requests().stream().anyMatch(r -> r.path().contains("watch=true")), 300);
        new Waits(client, Waits.Mode.WATCH, Duration.ofMinutes(5), recording(progress)).forObject(succeeded(), Deadline.in(Duration.ofSeconds(30)));
        assertThat(progress).hasSize(1).first().asString().endsWith("): phase=Pending");
    }

    private static Progress recording(List<String> lines) {
        return new Progress() {
            @Override public void step(String message) { }
            @Override public void done(String message) { }
            @Override public void info(String message) { lines.add(message); }
            @Override public void warn(String message) { }
        };
    }
}
