package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.ApplyingCrudDispatcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A fake OpenShift API for the OAuth tests: the fabric8 mock server in CRUD mode (OAuth, User, Identity, Group,
 * ClusterRoleBinding, Secret, ClusterOperator, Route are stored and served as written), with the server-side-apply
 * stand-in of {@link ApplyingCrudDispatcher}, behind a small dispatcher that adds what CRUD mode cannot do:
 * <ul>
 *   <li>The write protocol of {@code kube.MergeWriter}: a JSON patch whose first operation replaces
 *       {@code /metadata/resourceVersion} is a precondition, answered 409 when that value is not the stored one (as
 *       the API server does); {@code dryRun=All} writes store nothing.</li>
 *   <li>Field ownership for rhoai's applies: an apply with {@code fieldManager=rhoai} records rhoai's Apply entry in
 *       {@code metadata.managedFields} (FieldsV1 of exactly the fields applied), so the {@code Applier} can see that a
 *       re-run would change nothing, as it does on a real API server.</li>
 *   <li>SubjectAccessReview is a create-only review whose answer is computed by the API server's authorizer, so CRUD
 *       mode would just echo it back without {@code status.allowed}. Here it is answered per request, keyed on the
 *       {@code spec.user} (or one of {@code spec.groups}) against {@link #clusterAdmins}, so tests can make the same
 *       server say "allowed" for one user and "denied" for another.</li>
 *   <li>{@link #beforeNextWriteOf} simulates someone else writing an object (OAuth/cluster, a ClusterRoleBinding)
 *       between rhoai's read and its write: it runs inside the server, right before rhoai's patch is processed, so the
 *       patch carries a stale resourceVersion and gets the 409 a real API server would send. {@link #oauthWritesToFail} answers the next
 *       writes of OAuth/cluster with a 503, as an API server does while it restarts.</li>
 *   <li>Every write (POST/PUT/PATCH/DELETE except reviews) is recorded, so tests can assert a re-run sends none.</li>
 * </ul>
 */
final class OpenShiftMock implements AutoCloseable {
    static final String OAUTH = "/apis/config.openshift.io/v1/oauths/cluster";
    static final String SAR = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
    static final String JSON_PATCH = "application/json-patch+json";

    final KubernetesMockServer server;
    final KubernetesClient client;
    /** Users or groups the fake authorizer allows * on *. */
    final Set<String> clusterAdmins = ConcurrentHashMap.newKeySet();
    final List<String> writes = new CopyOnWriteArrayList<>();
    /** The same, with their query strings (fieldManager, force, dryRun). */
    final List<String> writeQueries = new CopyOnWriteArrayList<>();
    /** Every request, reads included, for the benchmark. */
    final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    final List<JsonNode> reviews = new CopyOnWriteArrayList<>();
    /** Per object path: runs once, inside the server, before the next write of it; gets the stored object, returns it changed. */
    private final Map<String, UnaryOperator<ObjectNode>> beforeNextWrite = new ConcurrentHashMap<>();

    /** How many of the next OAuth/cluster writes meet a concurrent change (and so a 409). */
    final java.util.concurrent.atomic.AtomicInteger oauthWritesToSpoil = new java.util.concurrent.atomic.AtomicInteger();
    /** How many of the next OAuth/cluster writes fail with {@link #oauthWriteStatus} (nothing stored). */
    final java.util.concurrent.atomic.AtomicInteger oauthWritesToFail = new java.util.concurrent.atomic.AtomicInteger();
    volatile int oauthWriteStatus = 503;
    /** Refuse Secret writes with a 422 that echoes the submitted value back, as admission errors can. */
    volatile boolean rejectSecretsEchoingTheirValue;

    private final ApplyingCrudDispatcher crud = new ApplyingCrudDispatcher();

    OpenShiftMock() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        }, false);
        server.init();
        client = server.createClient();
        seedIdentity();
    }

    /** The cluster OAuthFixtures' profiles name (dev.example.com); seeding is not rhoai's traffic. */
    private void seedIdentity() {
        io.rhoai.testing.Infrastructures.create(client, "dev", "example.com");
        writes.clear();
        writeQueries.clear();
        requests.set(0);
    }

    private MockResponse handle(RecordedRequest received) {
        requests.incrementAndGet();
        String path = received.getPath();
        String objectPath = path.replaceAll("\\?.*", "");
        String method = received.getMethod();
        String body = received.getBody() == null ? "" : received.getBody().readUtf8();
        String contentType = received.getHeader("Content-Type");
        boolean dryRun = path.contains("dryRun=All");
        RecordedRequest request = request(received, received.method(), path, contentType, body);
        if ("POST".equals(method) && path.startsWith(SAR)) return review(body);
        if (!"GET".equals(method)) {
            writes.add(method + " " + objectPath);
            writeQueries.add(method + " " + path);
        }
        if (rejectSecretsEchoingTheirValue && !"GET".equals(method) && path.contains("/secrets")) {
            String value = yaml(body).path("data").path("clientSecret").asText();
            String decoded = new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            return new MockResponse().setResponseCode(422).setBody(errorStatus(422, "Secret \"google-client-secret\" is invalid: data.clientSecret: Invalid value: \""
                    + value + "\" (" + decoded + ")"));
        }
        if (!"GET".equals(method) && objectPath.equals(OAUTH) && oauthWritesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new MockResponse().setResponseCode(oauthWriteStatus).setBody(errorStatus(oauthWriteStatus, oauthWriteStatus == 403
                        ? "oauths.config.openshift.io \"cluster\" is forbidden: User \"developer\" cannot patch resource \"oauths\""
                        : "the server is currently unable to handle the request"));
        }
        if (!"GET".equals(method)) {
            UnaryOperator<ObjectNode> change = beforeNextWrite.remove(objectPath);
            if (change == null && objectPath.equals(OAUTH) && oauthWritesToSpoil.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                change = stored -> {
                    child(child(stored, "metadata"), "annotations").put("touched", String.valueOf(System.nanoTime()));
                    return stored;
                };
            }
            if (change != null) {
                ObjectNode stored = stored(objectPath);
                crud.dispatch(request(received, HttpMethod.PUT, objectPath, "application/json", change.apply(stored).toString()));
            }
        }
        if ("PATCH".equals(method) && contentType != null && contentType.startsWith(JSON_PATCH)) {
            MockResponse refused = guard(objectPath, body);
            if (refused != null) return refused;
            if (dryRun) return new MockResponse().setResponseCode(200).setBody(stored(objectPath).toString());
        }
        if (dryRun && ("POST".equals(method) || "DELETE".equals(method))) {
            return new MockResponse().setResponseCode("POST".equals(method) ? 201 : 200).setBody("POST".equals(method) ? body
                    : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}");
        }
        MockResponse answer = crud.dispatch(request);
        if (!dryRun && answer.code() < 300 && contentType != null && contentType.startsWith(ApplyingCrudDispatcher.APPLY_CONTENT_TYPE)
                && path.contains("fieldManager=rhoai")) {
            recordApply(objectPath, yaml(body));
        }
        return answer;
    }

    void beforeNextWriteOf(String objectPath, UnaryOperator<ObjectNode> change) {
        beforeNextWrite.put(objectPath, change);
    }

    /** MergeWriter's precondition: the resourceVersion its first operation names must be the stored one. */
    private MockResponse guard(String objectPath, String patch) {
        JsonNode first = json("{\"ops\":" + patch + "}").path("ops").path(0);
        if (!"/metadata/resourceVersion".equals(first.path("path").asText())) return null;
        ObjectNode stored = stored(objectPath);
        String current = stored == null ? null : stored.path("metadata").path("resourceVersion").asText();
        if (first.path("value").asText().equals(current)) return null;
        return new MockResponse().setResponseCode(409).setBody(errorStatus(409, "Operation cannot be fulfilled on " + objectPath
                + ": the object has been modified; please apply your changes to the latest version and try again"));
    }

    /** rhoai's Apply entry in managedFields: exactly the fields it applied (name and namespace are not recorded). */
    private void recordApply(String objectPath, ObjectNode applied) {
        ObjectNode stored = stored(objectPath);
        if (stored == null) return;
        ObjectNode owned = Mappers.json().createObjectNode();
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("apiVersion") || e.getKey().equals("kind")) continue;
            JsonNode value = e.getValue();
            if (e.getKey().equals("metadata")) {
                value = ((ObjectNode) value).deepCopy();
                ((ObjectNode) value).remove(List.of("name", "namespace"));
            }
            owned.set("f:" + e.getKey(), fieldsV1(value));
        }
        ObjectNode entry = Mappers.json().createObjectNode().put("manager", "rhoai").put("operation", "Apply")
                .put("apiVersion", applied.path("apiVersion").asText()).put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", owned);
        JsonNode existing = stored.path("metadata").path("managedFields");
        if (existing.size() == 1 && existing.get(0).path("fieldsV1").equals(owned)) return;
        child(stored, "metadata").putArray("managedFields").add(entry);
        crud.dispatch(request(null, HttpMethod.PUT, objectPath, "application/json", stored.toString()));
    }

    private static JsonNode fieldsV1(JsonNode value) {
        ObjectNode f = Mappers.json().createObjectNode();
        if (value.isObject()) value.fields().forEachRemaining(e -> f.set("f:" + e.getKey(), fieldsV1(e.getValue())));
        return f;
    }

    private ObjectNode stored(String objectPath) {
        MockResponse r = crud.handleGet(objectPath);
        return r.code() == 404 ? null : json(body(r));
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private MockResponse review(String body) {
        ObjectNode sar = json(body);
        reviews.add(sar.deepCopy());
        JsonNode spec = sar.path("spec");
        boolean allowed = clusterAdmins.contains(spec.path("user").asText());
        for (JsonNode g : spec.path("groups")) allowed |= clusterAdmins.contains(g.asText());
        boolean everything = "*".equals(spec.path("resourceAttributes").path("verb").asText())
                && "*".equals(spec.path("resourceAttributes").path("resource").asText());
        ObjectNode status = sar.putObject("status");
        status.put("allowed", allowed && everything);
        if (allowed && everything) status.put("reason", "RBAC: allowed by ClusterRoleBinding to cluster-admin");
        return new MockResponse().setResponseCode(201).setBody(sar.toString());
    }

    private static String errorStatus(int code, String message) {
        ObjectNode status = Mappers.json().createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure").put("message", message).put("code", code);
        return status.toString();
    }

    private static RecordedRequest request(RecordedRequest original, HttpMethod method, String path, String contentType, String body) {
        Headers.Builder headers = original == null ? Headers.builder() : original.getHeaders().newBuilder();
        if (contentType != null) headers.set("Content-Type", contentType);
        Buffer buffer = new Buffer();
        if (body != null) buffer.writeUtf8(body);
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer);
    }

    private static String body(MockResponse r) {
        return r.getBody() == null ? "" : new String(r.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    static ObjectNode json(String s) {
        try {
            return (ObjectNode) Mappers.json().readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode yaml(String s) {
        try {
            return (ObjectNode) Mappers.yaml().readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kubeconfig file pointing at this server, for --kubeconfig. */
    Path kubeconfig(Path dir) throws IOException {
        String url = client.getMasterUrl().toString().replaceAll("/$", "");
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: admin
                current-context: mock
                users:
                - name: admin
                  user:
                    token: mock-token
                """.formatted(url));
        return file;
    }

    // ---- seeding, through the real API of the mock (as another party would) ----

    /** Creates or replaces an object given as YAML; returns it as stored. */
    ObjectNode put(String collection, String yaml) {
        ObjectNode o = yaml(yaml);
        String name = o.path("metadata").path("name").asText();
        ObjectNode current = get(collection + "/" + name);
        String answer;
        if (current == null) {
            answer = client.raw(client.getMasterUrl() + collection.substring(1), "POST", o);
        } else {
            ((ObjectNode) o.get("metadata")).put("resourceVersion", current.path("metadata").path("resourceVersion").asText());
            answer = client.raw(client.getMasterUrl() + (collection + "/" + name).substring(1), "PUT", o);
        }
        return json(answer);
    }

    ObjectNode get(String path) {
        String answer = client.raw(client.getMasterUrl() + path.substring(1));
        return answer == null ? null : json(answer);
    }

    void clusterOperator(String available, String progressing, String since) {
        put("/apis/config.openshift.io/v1/clusteroperators", """
                apiVersion: config.openshift.io/v1
                kind: ClusterOperator
                metadata:
                  name: authentication
                status:
                  conditions:
                  - type: Available
                    status: "%s"
                    lastTransitionTime: "2026-01-01T00:00:00Z"
                  - type: Progressing
                    status: "%s"
                    lastTransitionTime: "%s"
                  - type: Degraded
                    status: "False"
                    lastTransitionTime: "2026-01-01T00:00:00Z"
                """.formatted(available, progressing, since));
    }

    /** A User who signed in through {@code provider}: the User and its Identity, linked both ways as OpenShift does. */
    void signedIn(String user, String provider) {
        String identity = provider + ":" + user.hashCode();
        put("/apis/user.openshift.io/v1/identities", """
                apiVersion: user.openshift.io/v1
                kind: Identity
                metadata:
                  name: "%s"
                providerName: "%s"
                providerUserName: "%s"
                user:
                  name: "%s"
                """.formatted(identity, provider, user.hashCode(), user));
        put("/apis/user.openshift.io/v1/users", """
                apiVersion: user.openshift.io/v1
                kind: User
                metadata:
                  name: "%s"
                identities:
                - "%s"
                """.formatted(user, identity));
    }

    void kubeadmin() {
        put("/api/v1/namespaces/kube-system/secrets", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: kubeadmin
                  namespace: kube-system
                data:
                  kubeadmin: c2VjcmV0LWhhc2g=
                """);
    }

    boolean kubeadminExists() {
        return get("/api/v1/namespaces/kube-system/secrets/kubeadmin") != null;
    }

    /** Back to an empty cluster, for the next test (starting a server per test costs more than the tests). */
    void reset() {
        crud.reset();
        clusterAdmins.clear();
        writes.clear();
        writeQueries.clear();
        reviews.clear();
        requests.set(0);
        beforeNextWrite.clear();
        rejectSecretsEchoingTheirValue = false;
        oauthWritesToSpoil.set(0);
        oauthWritesToFail.set(0);
        oauthWriteStatus = 503;
        seedIdentity();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
