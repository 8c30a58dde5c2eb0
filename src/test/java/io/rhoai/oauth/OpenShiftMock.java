package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A fake OpenShift API for the OAuth tests: the fabric8 mock server in CRUD mode (OAuth, User, Identity, Group,
 * ClusterRoleBinding, Secret, ClusterOperator, Route are stored and served as written, with resourceVersion checks
 * that answer 409 on a stale write), behind a small dispatcher that adds what CRUD mode cannot do:
 * <ul>
 *   <li>SubjectAccessReview is a create-only review whose answer is computed by the API server's authorizer, so CRUD
 *       mode would just echo it back without {@code status.allowed}. Here it is answered per request, keyed on the
 *       {@code spec.user} (or one of {@code spec.groups}) against {@link #clusterAdmins}, so tests can make the same
 *       server say "allowed" for one user and "denied" for another.</li>
 *   <li>{@link #beforeNextOAuthWrite} simulates someone else writing OAuth/cluster between rhoai's read and its
 *       write: it runs inside the server, right before the PUT is processed, so the PUT carries a stale
 *       resourceVersion and gets the 409 a real API server would send.</li>
 *   <li>Every write (POST/PUT/PATCH/DELETE except reviews) is recorded, so tests can assert a re-run sends none.</li>
 * </ul>
 */
final class OpenShiftMock implements AutoCloseable {
    static final String OAUTH = "/apis/config.openshift.io/v1/oauths/cluster";
    static final String SAR = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

    final KubernetesMockServer server;
    final KubernetesClient client;
    /** Users or groups the fake authorizer allows * on *. */
    final Set<String> clusterAdmins = ConcurrentHashMap.newKeySet();
    final List<String> writes = new CopyOnWriteArrayList<>();
    /** The same, with their query strings (fieldManager). */
    final List<String> writeQueries = new CopyOnWriteArrayList<>();
    /** Every request, reads included, for the benchmark. */
    final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    final List<JsonNode> reviews = new CopyOnWriteArrayList<>();
    /** Runs once, inside the server, before the next PUT of OAuth/cluster; gets the stored object, returns it changed. */
    final AtomicReference<UnaryOperator<ObjectNode>> beforeNextOAuthWrite = new AtomicReference<>();

    /** How many of the next OAuth/cluster writes meet a concurrent change (and so a 409). */
    final java.util.concurrent.atomic.AtomicInteger oauthWritesToSpoil = new java.util.concurrent.atomic.AtomicInteger();
    /** Refuse Secret writes with a 422 that echoes the submitted value back, as admission errors can. */
    volatile boolean rejectSecretsEchoingTheirValue;

    private final KubernetesMixedDispatcher crud;

    OpenShiftMock() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        crud = new KubernetesMixedDispatcher(responses);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        }, false);
        server.init();
        client = server.createClient();
    }

    private MockResponse handle(RecordedRequest request) {
        requests.incrementAndGet();
        String path = request.getPath();
        String method = request.getMethod();
        if ("POST".equals(method) && path.startsWith(SAR)) return review(request.getUtf8Body());
        if (!"GET".equals(method)) {
            writes.add(method + " " + path.replaceAll("\\?.*", ""));
            writeQueries.add(method + " " + path);
        }
        if (rejectSecretsEchoingTheirValue && !"GET".equals(method) && path.contains("/secrets")) {
            String value = json(request.getUtf8Body()).path("data").path("clientSecret").asText();
            String decoded = new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            return new MockResponse().setResponseCode(422).setBody(errorStatus("Secret \"google-client-secret\" is invalid: data.clientSecret: Invalid value: \""
                    + value + "\" (" + decoded + ")"));
        }
        if ("PUT".equals(method) && path.startsWith(OAUTH)) {
            UnaryOperator<ObjectNode> change = beforeNextOAuthWrite.getAndSet(null);
            if (change == null && oauthWritesToSpoil.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                change = stored -> {
                    ObjectWriter.child(ObjectWriter.child(stored, "metadata"), "annotations").put("touched", String.valueOf(System.nanoTime()));
                    return stored;
                };
            }
            if (change != null) {
                ObjectNode stored = json(body(crud.dispatch(request(HttpMethod.GET, OAUTH, null))));
                crud.dispatch(request(HttpMethod.PUT, OAUTH, change.apply(stored).toString()));
            }
        }
        return crud.dispatch(request);
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

    private static String errorStatus(String message) {
        ObjectNode status = Mappers.json().createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure").put("message", message).put("code", 422);
        return status.toString();
    }

    private static RecordedRequest request(HttpMethod method, String path, String body) {
        Buffer buffer = new Buffer();
        if (body != null) buffer.writeUtf8(body);
        return new RecordedRequest("HTTP/1.1", method, path, Headers.builder().add("Content-Type", "application/json").build(), buffer);
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
        beforeNextOAuthWrite.set(null);
        rejectSecretsEchoingTheirValue = false;
        oauthWritesToSpoil.set(0);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
