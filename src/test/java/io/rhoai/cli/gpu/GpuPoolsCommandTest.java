package io.rhoai.cli.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Kinds;
import io.rhoai.testing.ApplyingCrudDispatcher;
import io.rhoai.testing.ApplyingCrudDispatcher.Recorded;
import io.rhoai.testing.Cli;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai gpu pools} through the real command line against fabric8's CRUD mock server with the
 * {@link ApplyingCrudDispatcher} (a stand-in for server-side apply; it does not model field ownership), seeded with the
 * installer-style worker MachineSets of zones us-west-2a/b/c and a ClusterAutoscaler carrying a limit someone else set.
 */
class GpuPoolsCommandTest {
    static final String NS = "openshift-machine-api";
    static final String T4_B = "dev-x7k2p-gpu-t4-shared-us-west-2b";
    static final String L40_C = "dev-x7k2p-gpu-l40-private-us-west-2c";

    @TempDir Path tmp;
    ApplyingCrudDispatcher dispatcher;
    KubernetesMockServer server;
    KubernetesClient seed;
    Path kubeconfig;
    Path profiles;

    @BeforeEach
    void start() throws IOException {
        // the MachineSet CRD defaults spec.replicas to 1, as on a real cluster: a dropped replicas field starts a node
        dispatcher = new ApplyingCrudDispatcher().defaulting("MachineSet", ms -> {
            if (!ms.path("spec").has("replicas")) ms.with("spec").put("replicas", 1);
            return ms;
        });
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        seed = server.createClient();
        for (String i : List.of("0", "1", "2")) {
            try (InputStream in = getClass().getResourceAsStream("/installer/rhoaibu-cluster-dev/openshift/99_openshift-cluster-api_worker-machineset-" + i + ".yaml")) {
                GenericKubernetesResource ms = Mappers.yaml().readValue(in, GenericKubernetesResource.class);
                ms.getMetadata().setCreationTimestamp(null);
                seed.genericKubernetesResources(Kinds.MACHINE_SET).inNamespace(NS).resource(ms).create();
            }
        }
        GenericKubernetesResource ca = Mappers.yaml().readValue("""
                apiVersion: autoscaling.openshift.io/v1
                kind: ClusterAutoscaler
                metadata:
                  name: default
                spec:
                  logVerbosity: 4
                  resourceLimits:
                    maxNodesTotal: 24
                    gpus:
                    - type: nvidia-A100
                      min: 0
                      max: 8
                """, GenericKubernetesResource.class);
        seed.genericKubernetesResources(Kinds.CLUSTER_AUTOSCALER).resource(ca).create();
        io.rhoai.testing.Infrastructures.create(seed, "dev", "example.com");   // the profile's cluster
        kubeconfig = writeKubeconfig();
        profiles = writeProfile();
        dispatcher.clearRecorded();
    }

    @AfterEach
    void stop() {
        seed.close();
        server.destroy();
    }

    // ------------------------------------------------------------------ add

    @Test
    void addFromProfileDerivesEachSetFromTheWorkerOfItsOwnZoneAtZeroReplicasAndMergesCaps() {
        Cli.Result r = add("--cluster", "gpu-dev");
        assertThat(r.exitCode()).as(r.toString()).isZero();

        JsonNode t4 = machineSet(T4_B);
        JsonNode provider = t4.path("spec").path("template").path("spec").path("providerSpec").path("value");
        assertThat(t4.path("spec").path("replicas").asInt(-1)).isZero();
        assertThat(provider.path("instanceType").asText()).isEqualTo("g4dn.2xlarge");
        assertThat(provider.path("placement").path("availabilityZone").asText()).isEqualTo("us-west-2b");
        assertThat(provider.path("subnet").toString()).contains("dev-x7k2p-subnet-private-us-west-2b").doesNotContain("us-west-2a");
        assertThat(t4.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("rhoai");
        assertThat(machineSet(L40_C).path("spec").path("template").path("spec").path("providerSpec").path("value")
                .path("placement").path("availabilityZone").asText()).isEqualTo("us-west-2c");

        JsonNode ma = Mappers.json().valueToTree(seed.genericKubernetesResources(Kinds.MACHINE_AUTOSCALER).inNamespace(NS).withName(T4_B).get());
        assertThat(ma.path("spec").path("minReplicas").asInt()).isZero();
        assertThat(ma.path("spec").path("maxReplicas").asInt()).isEqualTo(2);
        assertThat(ma.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(T4_B);

        Map<String, Integer> limits = caLimits();
        assertThat(limits).containsEntry("nvidia-A100", 8).containsEntry("Tesla-T4-SHARED", 4).containsEntry("NVIDIA-L40-PRIVATE", 1);
        JsonNode ca = clusterAutoscaler();
        assertThat(ca.path("spec").path("logVerbosity").asInt()).isEqualTo(4);
        assertThat(ca.path("spec").path("resourceLimits").path("maxNodesTotal").asInt()).isEqualTo(24);
    }

    @Test
    void reRunSendsNoWriteAndKeepsReplicasTheAutoscalerSet() {
        assertThat(add("--cluster", "gpu-dev").exitCode()).isZero();
        scale(T4_B, 2);
        dispatcher.clearRecorded();

        Cli.Result again = add("--cluster", "gpu-dev");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("unchanged").contains("nothing changed").doesNotContain("created");
        assertThat(writes()).isEmpty();
        assertThat(machineSet(T4_B).path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    /**
     * Issue 10, defect 1: changing an idle pool (here to spot) must not start a paid GPU node. rhoai sets replicas: 0
     * only when it creates the set and hands the field over (Applier's create-only fields), so a later apply that
     * leaves it out neither removes it nor lets the CRD default of 1 apply.
     */
    @Test
    void changingAnIdlePoolKeepsItAtZeroReplicas() {
        String[] probe = {"--pool", "probe", "--instance-type", "g6.2xlarge", "--zone", "us-west-2b", "--max", "1"};
        String name = "dev-x7k2p-gpu-probe-us-west-2b";
        assertThat(add(probe).exitCode()).isZero();
        assertThat(machineSet(name).path("spec").path("replicas").asInt(-1)).isZero();

        String[] spot = java.util.stream.Stream.concat(java.util.Arrays.stream(probe), java.util.stream.Stream.of("--spot")).toArray(String[]::new);
        Cli.Result changed = add(spot);
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        JsonNode ms = machineSet(name);
        assertThat(ms.path("spec").path("template").path("spec").path("providerSpec").path("value").path("spotMarketOptions").isObject())
                .as("the change itself landed").isTrue();
        assertThat(ms.path("spec").path("replicas").asInt(-1)).as("replicas after the change").isZero();
        assertThat(managedFieldsOf(ms, "rhoai", "Apply")).as("rhoai does not own replicas").doesNotContain("f:replicas");

        Cli.Result again = add(spot);
        assertThat(again.exitCode()).isZero();
        assertThat(machineSet(name).path("spec").path("replicas").asInt(-1)).isZero();
    }

    /**
     * Issue 10, defect 2 (the gpu side): a field rhoai stops setting is removed. Spot options added by one run are gone
     * after a run without --spot, and the run says "configured" rather than "nothing changed".
     */
    @Test
    void aFieldNoLongerSetIsRemovedAndTheRunSaysConfigured() {
        String name = "dev-x7k2p-gpu-probe-us-west-2b";
        String[] base = {"--pool", "probe", "--instance-type", "g6.2xlarge", "--zone", "us-west-2b", "--max", "1"};
        assertThat(add(base).exitCode()).isZero();
        assertThat(machineSet(name).path("spec").path("template").path("spec").path("providerSpec").path("value").has("spotMarketOptions")).isFalse();
        String[] spot = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.stream.Stream.of("--spot")).toArray(String[]::new);
        assertThat(add(spot).exitCode()).isZero();
        Cli.Result back = add(base);
        assertThat(back.exitCode()).as(back.toString()).isZero();
        assertThat(back.stdout()).contains("configured");
        assertThat(machineSet(name).path("spec").path("template").path("spec").path("providerSpec").path("value").has("spotMarketOptions"))
                .as("spot options rhoai no longer sends").isFalse();
    }

    /**
     * Issue 10, defect 3 and the review's appendix A: one concurrent change of the ClusterAutoscaler between rhoai's
     * read and its write costs one fresh read and one more write (not a retry storm until --timeout), and the other
     * party's change is kept.
     */
    @Test
    void aConcurrentAutoscalerEditCostsExactlyOneMoreWriteAndIsKept() {
        String caPath = "/apis/autoscaling.openshift.io/v1/clusterautoscalers/default";
        // a dry run first (reads only), so the timed run measures the conflict handling rather than a cold JVM
        assertThat(add("--cluster", "gpu-dev", "--dry-run").exitCode()).isZero();
        dispatcher.clearRecorded();
        dispatcher.interleave(rec -> rec.pathWithoutQuery().equals(caPath) && rec.userAgent() != null && rec.userAgent().startsWith("rhoai"),
                "cluster-admin-console", ca -> {
                    ca.with("metadata").with("annotations").put("example.com/edited-by", "someone-else");
                    ca.with("spec").put("logVerbosity", 6);
                    return ca;
                });
        long t0 = System.nanoTime();
        Cli.Result r = add("--cluster", "gpu-dev");
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<ApplyingCrudDispatcher.Recorded> caWrites = dispatcher.requestsFrom("rhoai").stream()
                .filter(ApplyingCrudDispatcher.Recorded::isWrite).filter(w -> w.pathWithoutQuery().equals(caPath)).toList();
        assertThat(caWrites).as("ClusterAutoscaler writes").hasSize(2);
        assertThat(took).isLessThan(java.time.Duration.ofSeconds(2));
        JsonNode ca = clusterAutoscaler();
        assertThat(ca.path("metadata").path("annotations").path("example.com/edited-by").asText()).isEqualTo("someone-else");
        assertThat(ca.path("spec").path("logVerbosity").asInt()).isEqualTo(6);
        assertThat(caLimits()).containsEntry("nvidia-A100", 8).containsEntry("Tesla-T4-SHARED", 4).containsEntry("NVIDIA-L40-PRIVATE", 1);
    }

    static String managedFieldsOf(JsonNode obj, String manager, String operation) {
        for (JsonNode e : obj.path("metadata").path("managedFields")) {
            if (manager.equals(e.path("manager").asText()) && operation.equals(e.path("operation").asText())) return e.path("fieldsV1").toString();
        }
        return "";
    }

    @Test
    void addPicksOnlyTheNamedProfilePool() {
        Cli.Result r = add("--cluster", "gpu-dev", "--pool", "l40-private");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(exists(L40_C)).isTrue();
        assertThat(exists(T4_B)).isFalse();
    }

    @Test
    void adHocPoolFromFlagsAsJson() throws IOException {
        Cli.Result r = add("--pool", "l40", "--instance-type", "g6.2xlarge", "--access", "private", "--zone", "us-west-2a", "--max", "2", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = Mappers.json().readTree(r.stdout());
        List<String> outcomes = new ArrayList<>();
        json.path("objects").forEach(o -> outcomes.add(o.path("kind").asText() + "=" + o.path("outcome").asText()));
        assertThat(outcomes).containsExactly("MachineSet=created", "MachineAutoscaler=created", "ClusterAutoscaler=configured");
        JsonNode ms = machineSet("dev-x7k2p-gpu-l40-us-west-2a");
        assertThat(ms.path("spec").path("template").path("spec").path("metadata").path("labels").path("cluster-api/accelerator").asText())
                .isEqualTo("NVIDIA-L40-PRIVATE");
        assertThat(caLimits()).containsEntry("NVIDIA-L40-PRIVATE", 2).containsEntry("nvidia-A100", 8);
    }

    @Test
    void unknownInstanceTypeIsInvalidInputAndWritesNothing() {
        Cli.Result r = add("--pool", "x", "--instance-type", "g9.huge", "--zone", "us-west-2a");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("--instance-type: 'g9.huge' is not in the GPU catalog");
        assertThat(r.stderr().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
        assertThat(writes()).isEmpty();
    }

    @Test
    void zoneWithoutWorkerSetNamesTheZoneAndTheSetsFound() {
        Cli.Result r = add("--pool", "t4", "--instance-type", "g4dn.2xlarge", "--zone", "us-west-2d");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stderr()).contains("zone us-west-2d").contains("dev-x7k2p-worker-us-west-2a (us-west-2a)");
        assertThat(writes()).isEmpty();
        assertThat(exists("dev-x7k2p-gpu-t4-us-west-2d")).isFalse();
    }

    @Test
    void capBelowThePoolIsRefusedBeforeAnyWrite() {
        Cli.Result flag = add("--pool", "t4", "--instance-type", "g4dn.2xlarge", "--zone", "us-west-2a", "--max", "3", "--gpu-limit", "2");
        assertThat(flag.exitCode()).isEqualTo(3);
        assertThat(flag.stderr()).contains("--gpu-limit 2");

        GenericKubernetesResource ca = seed.genericKubernetesResources(Kinds.CLUSTER_AUTOSCALER).withName("default").get();
        JsonNode tree = Mappers.json().valueToTree(ca);
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.path("spec").path("resourceLimits").path("gpus")).addObject()
                .put("type", "Tesla-T4-SHARED").put("min", 0).put("max", 2);
        seed.genericKubernetesResources(Kinds.CLUSTER_AUTOSCALER).resource(Mappers.json().convertValue(tree, GenericKubernetesResource.class)).update();
        dispatcher.clearRecorded();
        Cli.Result live = add("--pool", "t4", "--instance-type", "g4dn.2xlarge", "--zone", "us-west-2a", "--max", "3");
        assertThat(live.exitCode()).isEqualTo(4);
        assertThat(live.stderr()).contains("caps Tesla-T4-SHARED at 2");
        assertThat(writes()).isEmpty();
    }

    @Test
    void dryRunShowsThePlanAndWritesNothing() {
        Cli.Result r = add("--cluster", "gpu-dev", "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("WOULD BE").contains(T4_B).contains("created").contains("DRY RUN");
        assertThat(writes()).isEmpty();
        assertThat(exists(T4_B)).isFalse();
    }

    @Test
    void serverDryRunSendsEveryWriteWithDryRunAllAndStoresNoMachineSet() {
        Cli.Result r = add("--cluster", "gpu-dev", "--dry-run=server");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("WOULD BE").contains(T4_B).contains("DRY RUN");
        assertThat(writes()).isNotEmpty().allSatisfy(w -> assertThat(w.hasQuery("dryRun=All")).as(w.method() + " " + w.path()).isTrue());
        assertThat(exists(T4_B)).isFalse();
    }

    @Test
    void removeWithServerDryRunSendsItsDeletesWithDryRunAll() {
        assertThat(add("--cluster", "gpu-dev").exitCode()).isZero();
        dispatcher.clearRecorded();
        Cli.Result dry = pools("remove", "--pool", "t4-shared", "--zone", "us-west-2b", "--dry-run=server");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("DRY RUN");
        assertThat(writes()).extracting(Recorded::method).containsExactly("DELETE", "DELETE");
        assertThat(writes()).allSatisfy(w -> assertThat(w.hasQuery("dryRun=All")).as(w.path()).isTrue());
    }

    // ------------------------------------------------------------------ list

    @Test
    void listShowsGpuSetsOnlyAsTextAndJson() throws IOException {
        assertThat(add("--cluster", "gpu-dev").exitCode()).isZero();
        Cli.Result text = pools("list");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains(T4_B).contains("g4dn.2xlarge").contains("Tesla-T4-SHARED").contains("us-west-2b")
                .contains("0/2").doesNotContain("worker-us-west-2a");

        JsonNode json = Mappers.json().readTree(pools("list", "-o", "json").stdout());
        assertThat(json.path("pools")).hasSize(2);
        JsonNode t4 = json.path("pools").get(0).path("machineSet").asText().equals(T4_B) ? json.path("pools").get(0) : json.path("pools").get(1);
        assertThat(t4.path("pool").asText()).isEqualTo("t4-shared");
        assertThat(t4.path("maxReplicas").asInt()).isEqualTo(2);
        assertThat(t4.path("gpu").asText()).contains("T4");
        assertThat(t4.path("taint").asText()).isEqualTo("nvidia.com/gpu=Tesla-T4-SHARED:NoSchedule");
    }

    /**
     * A cluster that does not serve machine.openshift.io (not installer-provisioned, or plain Kubernetes): the API
     * server answers the MachineSet list with 404 NotFound, as for any kind it does not serve. That is a precondition
     * (exit 4) saying so, not a failing remote (6), for list, add and remove alike; nothing is written.
     */
    @Test
    void aClusterWithoutTheMachineSetApiIsAPreconditionForListAddAndRemove() throws IOException {
        try (io.rhoai.testing.LoopbackApi api = io.rhoai.testing.LoopbackApi.always(io.rhoai.testing.LoopbackApi.Reply.status(404,
                "NotFound", "the server could not find the requested resource"))) {
            Path config = io.rhoai.testing.LoopbackApi.kubeconfig(tmp, api.url(), "sha256~no-machine-api-token");
            for (List<String> command : List.of(List.of("list"), List.of("add", "--pool", "probe", "--instance-type", "g6.2xlarge",
                    "--zone", "us-east-1b", "--max", "1"), List.of("remove", "--pool", "probe"))) {
                List<String> args = new ArrayList<>(List.of("gpu", "pools"));
                args.addAll(command);
                args.addAll(List.of("--kubeconfig", config.toString()));
                Cli.Result r = Cli.cli().run(args.toArray(String[]::new));

                assertThat(r.exitCode()).as(r.toString()).isEqualTo(io.rhoai.cli.ExitCodes.PRECONDITION);
                assertThat(r.stdout()).as(r.toString()).isEmpty();
                assertThat(r.stderr()).as(r.toString()).contains("error: this cluster (" + api.url() + ") does not serve MachineSets "
                        + "(machine.openshift.io/v1beta1); GPU pools need an installer-provisioned OpenShift cluster")
                        .contains("hint: ").doesNotContain("sha256~no-machine-api-token");
                assertThat(r.stderr().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
            }
            assertThat(api.requests).allSatisfy(req -> assertThat(req).startsWith("GET "));
        }
    }

    // ------------------------------------------------------------------ remove

    @Test
    void removeRefusesWhileNodesRunAndWorksAtZeroThenSaysAlreadyGone() {
        assertThat(add("--cluster", "gpu-dev").exitCode()).isZero();
        scale(T4_B, 1);
        dispatcher.clearRecorded();
        Cli.Result refused = pools("remove", "--pool", "t4-shared");
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.stderr()).contains(T4_B).contains("1 replica(s)").contains("--force");
        assertThat(writes()).isEmpty();

        scale(T4_B, 0);
        Cli.Result dry = pools("remove", "--pool", "t4-shared", "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.stdout()).contains("would be deleted: MachineSet " + NS + "/" + T4_B);
        assertThat(exists(T4_B)).isTrue();

        Cli.Result removed = pools("remove", "--pool", "t4-shared");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.stdout()).contains("deleted: MachineAutoscaler").contains("deleted: MachineSet");
        assertThat(exists(T4_B)).isFalse();
        assertThat(seed.genericKubernetesResources(Kinds.MACHINE_AUTOSCALER).inNamespace(NS).withName(T4_B).get()).isNull();
        assertThat(exists(L40_C)).isTrue();
        assertThat(exists("dev-x7k2p-worker-us-west-2b")).isTrue();

        Cli.Result again = pools("remove", "--pool", "t4-shared");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("already removed");
    }

    @Test
    void removeForceScalesToZeroThenDeletes() {
        assertThat(add("--cluster", "gpu-dev").exitCode()).isZero();
        scale(L40_C, 1);
        Cli.Result r = pools("remove", "--pool", "l40-private", "--force");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("scaled-down: MachineSet").contains("deleted: MachineSet");
        assertThat(exists(L40_C)).isFalse();
    }

    // ------------------------------------------------------------------ schemas

    @Test
    void objectsWrittenMatchTheUpstreamSchemas() {
        Path msCrd = SharedSchemas.require("openshift/api/0000_10_machine-api_01_machinesets-Default.crd.yaml");
        Path maCrd = SharedSchemas.require("openshift/cluster-autoscaler-operator/02_machineautoscaler.crd.yaml");
        Path caCrd = SharedSchemas.require("openshift/cluster-autoscaler-operator/01_clusterautoscaler.crd.yaml");
        assertThat(add("--cluster", "gpu-dev").exitCode()).isZero();
        assertThat(SchemaValidator.validateAgainstCrd(msCrd, "v1beta1", machineSet(T4_B))).isEmpty();
        assertThat(SchemaValidator.validateAgainstCrd(maCrd, "v1beta1",
                Mappers.json().valueToTree(seed.genericKubernetesResources(Kinds.MACHINE_AUTOSCALER).inNamespace(NS).withName(T4_B).get()))).isEmpty();
        assertThat(SchemaValidator.validateAgainstCrd(caCrd, "v1", clusterAutoscaler())).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    Cli.Result add(String... args) {
        List<String> all = new ArrayList<>(List.of("gpu", "pools", "add", "--kubeconfig", kubeconfig.toString(), "--profiles-dir", profiles.toString(),
                "--timeout", "10s"));
        all.addAll(List.of(args));
        return Cli.cli().run(all.toArray(String[]::new));
    }

    Cli.Result pools(String... args) {
        List<String> all = new ArrayList<>(List.of("gpu", "pools"));
        all.addAll(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--timeout", "10s"));
        return Cli.cli().run(all.toArray(String[]::new));
    }

    List<Recorded> writes() {
        return dispatcher.requests().stream().filter(Recorded::isWrite).toList();
    }

    JsonNode machineSet(String name) {
        return Mappers.json().valueToTree(seed.genericKubernetesResources(Kinds.MACHINE_SET).inNamespace(NS).withName(name).get());
    }

    boolean exists(String name) {
        return seed.genericKubernetesResources(Kinds.MACHINE_SET).inNamespace(NS).withName(name).get() != null;
    }

    JsonNode clusterAutoscaler() {
        return Mappers.json().valueToTree(seed.genericKubernetesResources(Kinds.CLUSTER_AUTOSCALER).withName("default").get());
    }

    Map<String, Integer> caLimits() {
        Map<String, Integer> out = new HashMap<>();
        clusterAutoscaler().path("spec").path("resourceLimits").path("gpus").forEach(g -> out.put(g.path("type").asText(), g.path("max").asInt()));
        return out;
    }

    @SuppressWarnings("unchecked")
    void scale(String name, int replicas) {
        seed.genericKubernetesResources(Kinds.MACHINE_SET).inNamespace(NS).withName(name).edit(m -> {
            Map<String, Object> spec = new HashMap<>((Map<String, Object>) m.getAdditionalProperties().get("spec"));
            spec.put("replicas", replicas);
            m.setAdditionalProperty("spec", spec);
            return m;
        });
    }

    Path writeKubeconfig() throws IOException {
        String url = server.url("/").replaceAll("/$", "");
        Path file = tmp.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: admin
                  user:
                    token: mock-token
                contexts:
                - name: mock-admin
                  context:
                    cluster: mock
                    user: admin
                current-context: mock-admin
                """.formatted(url));
        return file;
    }

    Path writeProfile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("profiles"));
        Files.writeString(dir.resolve("gpu-dev.yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: gpu-dev
                spec:
                  cluster:
                    name: dev
                    baseDomain: example.com
                  platform:
                    aws:
                      region: us-west-2
                      zones: [a, b, c]
                  controlPlane:
                    instanceType: m6i.4xlarge
                    replicas: 3
                  compute:
                    instanceType: m6i.4xlarge
                    replicas: 3
                  networking:
                    networkType: OVNKubernetes
                    clusterNetwork:
                      - cidr: 10.128.0.0/14
                        hostPrefix: 23
                    machineNetwork:
                      - cidr: 10.0.0.0/16
                    serviceNetwork:
                      - 172.30.0.0/16
                  publish: External
                  gpuPools:
                    - name: t4-shared
                      instanceType: g4dn.2xlarge
                      access: SHARED
                      zones: [b]
                      minReplicas: 0
                      maxReplicas: 2
                    - name: l40-private
                      instanceType: g6.2xlarge
                      access: PRIVATE
                      zones: [c]
                      minReplicas: 0
                      maxReplicas: 1
                  autoscaler:
                    gpuLimits:
                      Tesla-T4-SHARED: 4
                """);
        return dir;
    }
}
