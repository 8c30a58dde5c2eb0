package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Kinds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * An OpenShift cluster as far as certificates go, on the fabric8 mock server in CRUD mode: IngressController default,
 * APIServer cluster (with an entry someone else owns), the router Deployment, ClusterOperators, KubeAPIServer, and
 * two loopback TLS servers standing for the router and the API server. A small simulated operator reacts like the
 * ingress and kube-apiserver operators: when the spec points at another Secret it rolls the Deployment (or a new
 * kube-apiserver revision) over two ticks and then switches the served certificate to that Secret's.
 */
public final class FakeOpenShift implements AutoCloseable {
    public static final String FIXTURE_AGENT = "rhoai-test-fixture";
    /** The APIServer entry another party owns; it must survive every rhoai write exactly. */
    public static final Map<String, Object> FOREIGN_ENTRY = foreignEntry();

    public final String clusterName;
    public final String baseDomain;
    public final String apiHost;
    public final KubernetesMockServer server;
    /** The test's own client (fixture user agent, so its requests are not counted as rhoai's). */
    public final KubernetesClient admin;
    public final LoopbackTlsServer router;
    public final LoopbackTlsServer api;
    public final TestPki.Issued routerDefault;
    public final TestPki.Issued apiInternal;
    /** Requests rhoai (any client but the fixture's) sent, as "METHOD path". */
    public final List<String> rhoaiRequests = new CopyOnWriteArrayList<>();
    /** Served certificate switches the simulated operators made, e.g. "router:rhoai-ingress-…". */
    public final List<String> rollouts = new CopyOnWriteArrayList<>();
    final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();

    public static final String API_SERVER_PATH = "/apis/config.openshift.io/v1/apiservers/cluster";
    /** Runs once, inside the server, on rhoai's next write of APIServer/cluster: gets the stored object, returns it changed. */
    public final AtomicReference<UnaryOperator<ObjectNode>> beforeNextApiServerWrite = new AtomicReference<>();
    /** Answers some of rhoai's requests instead of the CRUD store (null: pass through). */
    public volatile java.util.function.Function<RecordedRequest, MockResponse> interceptor;
    private volatile boolean frozen;
    private volatile boolean running = true;
    private final Thread operator;
    private String routerPending;
    private boolean apiPending;
    private String apiApplied;

    public FakeOpenShift(String clusterName, String baseDomain) throws Exception {
        this(clusterName, baseDomain, null);
    }

    /**
     * @param store the CRUD store to answer from; null: fabric8's mixed dispatcher. Give an
     *              {@link io.rhoai.testing.ApplyingCrudDispatcher} when other engines' server-side applies must be modelled
     *              (the whole-platform bootstrap tests); its requests from simulated operators ("simulated-*" user
     *              agents) are not counted as rhoai's.
     */
    public FakeOpenShift(String clusterName, String baseDomain, Dispatcher store) throws Exception {
        this.clusterName = clusterName;
        this.baseDomain = baseDomain;
        this.apiHost = "api." + clusterName + "." + baseDomain;
        routerDefault = TestPki.selfSigned("*.apps." + clusterName + "." + baseDomain);
        apiInternal = TestPki.selfSigned(apiHost);
        router = new LoopbackTlsServer(routerDefault);
        api = new LoopbackTlsServer(apiInternal);
        Dispatcher crud = store != null ? store : new KubernetesMixedDispatcher(expectations);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String agent = String.valueOf(request.getHeader("User-Agent"));
                if (!FIXTURE_AGENT.equals(agent) && !agent.startsWith("simulated-")) {
                    rhoaiRequests.add(request.getMethod() + " " + request.getPath());
                    var hook = interceptor;
                    MockResponse intercepted = hook == null ? null : hook.apply(request);
                    if (intercepted != null) return intercepted;
                    if (request.getPath().contains("dryRun=All")) return dryRun(crud, request);
                    if ("PATCH".equals(request.getMethod())) return guardedPatch(crud, request);
                }
                return crud.dispatch(request);
            }
        }, false);
        server.init();
        admin = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.url("/"))
                .withUserAgent(FIXTURE_AGENT).withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        seed();
        operator = new Thread(this::operate, "simulated-openshift-operators");
        operator.setDaemon(true);
        operator.start();
    }

    /**
     * rhoai's writes of objects others share are JSON patches (application/json-patch+json) whose first operation sets
     * metadata.resourceVersion to the value rhoai read: the API server's precondition, answered here as the real one
     * does, 409 Conflict when the object changed since. Before that check, {@link #beforeNextApiServerWrite} may change
     * APIServer/cluster once, through the store itself (a client call from inside the server would deadlock), standing
     * for another party writing between rhoai's read and its write.
     */
    private MockResponse guardedPatch(Dispatcher crud, RecordedRequest request) {
        String path = request.getPath().replaceAll("\\?.*", "");
        String body = request.getUtf8Body();
        UnaryOperator<ObjectNode> other = path.equals(API_SERVER_PATH) ? beforeNextApiServerWrite.getAndSet(null) : null;
        if (other != null) crud.dispatch(storeRequest(HttpMethod.PUT, path, other.apply(stored(crud, path)).toString()));
        JsonNode first = json(body).path(0);
        String contentType = String.valueOf(request.getHeader("Content-Type"));
        if (contentType.contains("json-patch") && "/metadata/resourceVersion".equals(first.path("path").asText())) {
            ObjectNode stored = stored(crud, path);
            String current = stored == null ? null : stored.path("metadata").path("resourceVersion").asText();
            if (!first.path("value").asText().equals(current)) {
                return new MockResponse().setResponseCode(409).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"reason\":\"Conflict\",\"code\":409,\"message\":\"the object has been modified; please apply your changes"
                        + " to the latest version and try again\"}");
            }
        }
        return crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
                new Buffer().writeUtf8(body)));
    }

    /** A server dry run (dryRun=All) stores nothing: a create is echoed, a patch answers with the stored object. */
    private MockResponse dryRun(Dispatcher crud, RecordedRequest request) {
        String path = request.getPath().replaceAll("\\?.*", "");
        if ("POST".equals(request.getMethod())) return new MockResponse().setResponseCode(201).setBody(request.getUtf8Body());
        ObjectNode stored = stored(crud, path);
        return stored == null ? new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"code\":404}")
                : new MockResponse().setResponseCode(200).setBody(stored.toString());
    }

    private static ObjectNode stored(Dispatcher crud, String path) {
        MockResponse r = crud.dispatch(storeRequest(HttpMethod.GET, path, null));
        if (r.code() != 200) return null;
        return (ObjectNode) json(new String(r.getBody().getBytes(), StandardCharsets.UTF_8));
    }

    private static RecordedRequest storeRequest(HttpMethod method, String path, String body) {
        Buffer buffer = new Buffer();
        if (body != null) buffer.writeUtf8(body);
        return new RecordedRequest("HTTP/1.1", method, path, Headers.builder().add("Content-Type", "application/json")
                .add("User-Agent", FIXTURE_AGENT).build(), buffer);
    }

    private static JsonNode json(String text) {
        try {
            return Mappers.json().readTree(text == null || text.isEmpty() ? "null" : text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(
            io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind, String namespace, String name) {
        return new Kinds(admin).resource(kind, namespace, name);
    }

    /** Stops the simulated operators: rollouts never finish (for timeout tests). */
    public void freeze() {
        frozen = true;
    }

    public List<String> rhoaiWrites() {
        return rhoaiRequests.stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    public Path kubeconfig(Path dir, List<X509Certificate> ca) throws Exception {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: ").append(server.url("/").replaceAll("/$", "")).append('\n');
        if (ca != null) {
            String pem = CertificatePem.certificates(ca);
            y.append("    certificate-authority-data: ").append(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))).append('\n');
        }
        y.append("contexts:\n- name: mock\n  context:\n    cluster: mock\n    user: tester\n    namespace: default\n");
        y.append("current-context: mock\nusers:\n- name: tester\n  user:\n    token: test-token\n");
        Path file = dir.resolve(ca == null ? "kubeconfig-system-trust" : "kubeconfig-ca");
        Files.writeString(file, y.toString());
        return file;
    }

    public Path profiles(Path dir, String profileName) throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve(profileName + ".yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: %s
                spec:
                  cluster:
                    name: %s
                    baseDomain: %s
                """.formatted(profileName, clusterName, baseDomain));
        return profiles;
    }

    // --------------------------------------------------------------------------------------------------------- reading

    public JsonNode ingressController() {
        return Mappers.json().valueToTree(resource(Kinds.INGRESS_CONTROLLER, "openshift-ingress-operator", "default").get());
    }

    public JsonNode apiServer() {
        return Mappers.json().valueToTree(resource(Kinds.API_SERVER, null, "cluster").get());
    }

    public String ingressSecretName() {
        return ingressController().path("spec").path("defaultCertificate").path("name").asText(null);
    }

    public JsonNode namedCertificates() {
        return apiServer().path("spec").path("servingCerts").path("namedCertificates");
    }

    public String apiSecretName() {
        return NamedCertificates.secretFor(namedCertificates(), apiHost);
    }

    public GenericKubernetesResource apiServerResource() {
        return resource(Kinds.API_SERVER, null, "cluster").get();
    }

    /** Another party adds an entry to APIServer namedCertificates (bumping its resourceVersion). */
    @SuppressWarnings("unchecked")
    public void addNamedCertificate(String name, String secret) {
        GenericKubernetesResource a = apiServerResource();
        Map<String, Object> spec = (Map<String, Object>) a.getAdditionalProperties().get("spec");
        Map<String, Object> serving = new LinkedHashMap<>((Map<String, Object>) spec.get("servingCerts"));
        List<Object> entries = new ArrayList<>((List<Object>) serving.get("namedCertificates"));
        entries.add(Map.of("names", List.of(name), "servingCertificate", Map.of("name", secret)));
        serving.put("namedCertificates", entries);
        spec.put("servingCerts", serving);
        admin.genericKubernetesResources(Kinds.API_SERVER).resource(a).update();
    }

    public Secret secret(String namespace, String name) {
        return admin.secrets().inNamespace(namespace).withName(name).get();
    }

    // ------------------------------------------------------------------------------------------------------------ seed

    private void seed() {
        io.rhoai.testing.Infrastructures.create(admin, clusterName, baseDomain);
        admin.secrets().inNamespace("openshift-ingress").resource(tlsSecret("openshift-ingress", "router-certs-default", routerDefault)).create();
        GenericKubernetesResource ic = generic("operator.openshift.io/v1", "IngressController", "default", "openshift-ingress-operator");
        ic.setAdditionalProperty("spec", new LinkedHashMap<>(Map.of("replicas", 2, "domain", "apps." + clusterName + "." + baseDomain)));
        admin.genericKubernetesResources(Kinds.INGRESS_CONTROLLER).inNamespace("openshift-ingress-operator").resource(ic).create();

        GenericKubernetesResource apiServer = generic("config.openshift.io/v1", "APIServer", "cluster", null);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("audit", Map.of("profile", "Default"));
        spec.put("servingCerts", Map.of("namedCertificates", List.of(FOREIGN_ENTRY)));
        apiServer.setAdditionalProperty("spec", spec);
        admin.genericKubernetesResources(Kinds.API_SERVER).resource(apiServer).create();

        Deployment router = new DeploymentBuilder()
                .withNewMetadata().withName("router-default").withNamespace("openshift-ingress").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewTemplate().withNewSpec()
                .addNewVolume().withName("default-certificate").withNewSecret().withSecretName("router-certs-default").endSecret().endVolume()
                .addNewContainer().withName("router").withImage("router").endContainer()
                .endSpec().endTemplate().endSpec().build();
        router = admin.apps().deployments().inNamespace("openshift-ingress").resource(router).create();
        routerStatus(router, true);

        for (String name : List.of("ingress", "kube-apiserver")) {
            GenericKubernetesResource co = generic("config.openshift.io/v1", "ClusterOperator", name, null);
            co.setAdditionalProperty("status", Map.of("conditions", conditions("False", Instant.now().minus(Duration.ofDays(3)))));
            admin.genericKubernetesResources(Kinds.CLUSTER_OPERATOR).resource(co).create();
        }
        GenericKubernetesResource kas = generic("operator.openshift.io/v1", "KubeAPIServer", "cluster", null);
        kas.setAdditionalProperty("status", kasStatus(7, 7));
        admin.genericKubernetesResources(Kinds.KUBE_API_SERVER).resource(kas).create();
    }

    public static Secret tlsSecret(String namespace, String name, TestPki.Issued issued) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withType("kubernetes.io/tls")
                .withData(Map.of("tls.crt", b64(CertificatePem.certificates(issued.chain())), "tls.key", b64(CertificatePem.privateKey(issued.key()))))
                .build();
    }

    private static Map<String, Object> foreignEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("names", List.of("legacy-api.example.org", "*.internal.example.org"));
        entry.put("servingCertificate", Map.of("name", "someone-elses-cert"));
        return entry;
    }

    private static GenericKubernetesResource generic(String apiVersion, String kind, String name, String namespace) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(apiVersion);
        r.setKind(kind);
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        return r;
    }

    private static List<Map<String, Object>> conditions(String progressing, Instant since) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(Map.of("type", "Available", "status", "True", "lastTransitionTime", Instant.now().minus(Duration.ofDays(3)).toString()));
        out.add(Map.of("type", "Progressing", "status", progressing, "lastTransitionTime", since.toString()));
        out.add(Map.of("type", "Degraded", "status", "False", "lastTransitionTime", Instant.now().minus(Duration.ofDays(3)).toString()));
        return out;
    }

    private static Map<String, Object> kasStatus(long latest, long current) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) nodes.add(Map.of("nodeName", "master-" + i, "currentRevision", current));
        return Map.of("latestAvailableRevision", latest, "nodeStatuses", nodes);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    // ------------------------------------------------------------------------------------------------ simulated operators

    private void operate() {
        while (running) {
            try {
                if (!frozen) {
                    tickRouter();
                    tickApiServer();
                }
                Thread.sleep(15);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a conflict with rhoai's own write or the server shutting down: try again next tick
            }
        }
    }

    private void tickRouter() {
        String wanted = Objects.requireNonNullElse(ingressSecretName(), "router-certs-default");
        Deployment d = admin.apps().deployments().inNamespace("openshift-ingress").withName("router-default").get();
        String mounted = d.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName();
        if (!wanted.equals(mounted)) {
            d.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().setSecretName(wanted);
            d.getMetadata().setGeneration(d.getMetadata().getGeneration() + 1);
            d.getStatus().setUpdatedReplicas(0);
            admin.apps().deployments().inNamespace("openshift-ingress").resource(d).update();
            routerPending = wanted;
        } else if (routerPending != null) {
            routerStatus(d, true);
            router.serve(fromSecret("openshift-ingress", routerPending));
            rollouts.add("router:" + routerPending);
            routerPending = null;
        }
    }

    private void routerStatus(Deployment d, boolean done) {
        Deployment fresh = admin.apps().deployments().inNamespace("openshift-ingress").withName(d.getMetadata().getName()).get();
        fresh.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withObservedGeneration(fresh.getMetadata().getGeneration()).withReplicas(2)
                .withUpdatedReplicas(done ? 2 : 0).withAvailableReplicas(2).withReadyReplicas(2).build());
        admin.apps().deployments().inNamespace("openshift-ingress").resource(fresh).update();
    }

    private void tickApiServer() {
        String wanted = apiSecretName();
        if (!Objects.equals(wanted, apiApplied)) {
            GenericKubernetesResource kas = resource(Kinds.KUBE_API_SERVER, null, "cluster").get();
            long latest = ((Number) ((Map<?, ?>) kas.getAdditionalProperties().get("status")).get("latestAvailableRevision")).longValue();
            kas.setAdditionalProperty("status", kasStatus(latest + 1, latest));
            admin.genericKubernetesResources(Kinds.KUBE_API_SERVER).resource(kas).update();
            setProgressing("True");
            apiApplied = wanted;
            apiPending = true;
        } else if (apiPending) {
            GenericKubernetesResource kas = resource(Kinds.KUBE_API_SERVER, null, "cluster").get();
            long latest = ((Number) ((Map<?, ?>) kas.getAdditionalProperties().get("status")).get("latestAvailableRevision")).longValue();
            kas.setAdditionalProperty("status", kasStatus(latest, latest));
            admin.genericKubernetesResources(Kinds.KUBE_API_SERVER).resource(kas).update();
            setProgressing("False");
            api.serve(wanted == null ? apiInternal : fromSecret("openshift-config", wanted));
            rollouts.add("api:" + wanted);
            apiPending = false;
        }
    }

    private void setProgressing(String status) {
        GenericKubernetesResource co = resource(Kinds.CLUSTER_OPERATOR, null, "kube-apiserver").get();
        co.setAdditionalProperty("status", Map.of("conditions", conditions(status, Instant.now())));
        admin.genericKubernetesResources(Kinds.CLUSTER_OPERATOR).resource(co).update();
    }

    private TestPki.Issued fromSecret(String namespace, String name) {
        Secret s = secret(namespace, name);
        String crt = new String(Base64.getDecoder().decode(s.getData().get("tls.crt")), StandardCharsets.US_ASCII);
        String key = new String(Base64.getDecoder().decode(s.getData().get("tls.key")), StandardCharsets.US_ASCII);
        return new TestPki.Issued(CertificatePem.parseCertificates(crt), CertificatePem.parsePrivateKey(key));
    }

    @Override
    public void close() throws Exception {
        running = false;
        operator.interrupt();
        operator.join(2000);
        admin.close();
        server.destroy();
        router.close();
        api.close();
    }
}
