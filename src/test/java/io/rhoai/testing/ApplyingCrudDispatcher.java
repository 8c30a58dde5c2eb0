package io.rhoai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The one fake cluster's wire: fabric8's CRUD mock server plus what it lacks, so tests see what a real API server
 * would answer to the requests rhoai sends.
 *
 * <p><b>Recording.</b> Every request (method, path, content type, user agent, body), so tests assert what went out.
 *
 * <p><b>Server-side apply with field ownership.</b> The CRUD mock cannot apply at all (415 for
 * {@code application/apply-patch+yaml}). This models the parts of SSA rhoai's correctness rests on:
 * <ul>
 *   <li>{@code metadata.managedFields}, FieldsV1, one entry per (manager, operation): an apply replaces its manager's
 *       Apply entry with the fields it sent; a create, update or patch gives the fields it changed to its manager's
 *       Update entry (the manager is {@code fieldManager}, else the User-Agent's product, as the API server does);</li>
 *   <li>removal: a field the applying manager owned and no longer sends is removed, unless another entry owns it;</li>
 *   <li>conflicts: applying a different value to a field another manager owns answers 409 with
 *       {@code FieldManagerConflict} causes, unless {@code force=true} (then ownership moves);</li>
 *   <li>a no-op apply stores nothing and keeps the resourceVersion; {@code dryRun=All} stores nothing;</li>
 *   <li>defaulting: {@link #defaulting} registers a CRD default per kind (a MachineSet's {@code spec.replicas: 1});</li>
 *   <li>optimistic concurrency: a PUT, or a JSON patch that sets {@code metadata.resourceVersion}, carrying a stale
 *       resourceVersion gets 409;</li>
 *   <li>a (Cluster)RoleBinding's roleRef is immutable (422), as the API server enforces;</li>
 *   <li>with {@link #requireNamespaces}, creating a namespaced object in a namespace that does not exist answers 404
 *       (off by default, since most tests seed objects without their namespaces).</li>
 * </ul>
 *
 * <p><b>Interleaving.</b> {@link #interleave} makes another party write an object between rhoai's read and its write,
 * the way a controller would, to prove rhoai keeps the other party's change.
 *
 * <p>What it does NOT model: lists are atomic (no merge keys: an apply replaces a whole list, and ownership is of the
 * list), no schema validation or pruning, no admission, no status subresource split, no RBAC.
 */
public class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {
    public static final String APPLY_CONTENT_TYPE = "application/apply-patch+yaml";
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Set<String> SERVER_META = Set.of("resourceVersion", "generation", "managedFields", "uid",
            "creationTimestamp", "selfLink");

    /** One request as received. */
    public record Recorded(String method, String path, String contentType, String userAgent, String body, long nanoTime) {
        public boolean isWrite() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        public String pathWithoutQuery() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }

        public boolean hasQuery(String param) {
            int q = path.indexOf('?');
            return q >= 0 && List.of(path.substring(q + 1).split("&")).contains(param);
        }

        public String query(String name) {
            int q = path.indexOf('?');
            if (q < 0) return null;
            for (String p : path.substring(q + 1).split("&")) {
                if (p.startsWith(name + "=")) return URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
            return null;
        }
    }

    private record Interleave(Predicate<Recorded> when, String manager, UnaryOperator<ObjectNode> change) { }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, UnaryOperator<ObjectNode>> defaulters = new LinkedHashMap<>();
    private final List<Interleave> interleaves = new CopyOnWriteArrayList<>();
    private volatile boolean requireNamespaces;

    /** Creating an object in a namespace that does not exist fails with 404, as on a real API server. */
    public ApplyingCrudDispatcher requireNamespaces(boolean on) {
        this.requireNamespaces = on;
        return this;
    }

    public List<Recorded> requests() {
        return requests;
    }

    /** Requests sent with the given User-Agent prefix (rhoai sends "rhoai"). */
    public List<Recorded> requestsFrom(String userAgentPrefix) {
        return requests.stream().filter(r -> r.userAgent() != null && r.userAgent().startsWith(userAgentPrefix)).toList();
    }

    public void clearRecorded() {
        requests.clear();
    }

    /** A CRD default for {@code kind}, run after every write of it (as the API server defaults on every write). */
    public ApplyingCrudDispatcher defaulting(String kind, UnaryOperator<ObjectNode> defaulter) {
        defaulters.put(kind, defaulter);
        return this;
    }

    /**
     * Before the next write matching {@code when} is handled, another party ({@code manager}, an Update) changes the
     * stored object with {@code change}, bumping its resourceVersion: the matched write then carries a stale one.
     */
    public void interleave(Predicate<Recorded> when, String manager, UnaryOperator<ObjectNode> change) {
        interleaves.add(new Interleave(when, manager, change));
    }

    /** The stored object at an API path (no query), or null. */
    public ObjectNode stored(String objectPath) {
        MockResponse r = super.handleGet(objectPath);
        if (r.code() != 200) return null;
        try {
            return (ObjectNode) Mappers.json().readTree(r.getBody().readUtf8());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().readUtf8();
        Recorded rec = new Recorded(request.getMethod(), request.getPath(), request.getHeader("Content-Type"),
                request.getHeader("User-Agent"), body, System.nanoTime());
        requests.add(rec);
        String method = request.getMethod();
        if (!rec.isWrite() || rec.path().contains("/watch") || isWatch(rec)) {
            return super.dispatch(copy(request, request.method(), request.getPath(), request.getHeader("Content-Type"), body));
        }
        for (Interleave i : interleaves) {
            if (i.when().test(rec)) {
                interleaves.remove(i);
                ObjectNode live = stored(rec.pathWithoutQuery());
                if (live != null) store(rec.pathWithoutQuery(), live, i.change().apply(live.deepCopy()), i.manager(), request);
            }
        }
        try {
            String contentType = rec.contentType() == null ? "" : rec.contentType();
            if ("PATCH".equals(method) && contentType.startsWith(APPLY_CONTENT_TYPE)) return apply(rec, request);
            if ("PATCH".equals(method) && (contentType.startsWith(JSON_PATCH) || contentType.startsWith(MERGE_PATCH))) return patch(rec, request);
            if ("PUT".equals(method)) return put(rec, request);
            if ("POST".equals(method)) return post(rec, request);
        } catch (IOException | RuntimeException e) {
            return status(400, "BadRequest", e.getMessage());
        }
        return super.dispatch(copy(request, request.method(), request.getPath(), rec.contentType(), body));
    }

    private static boolean isWatch(Recorded rec) {
        return "true".equals(rec.query("watch"));
    }

    // ------------------------------------------------------------------------------------------------ server-side apply

    private MockResponse apply(Recorded rec, RecordedRequest request) throws IOException {
        String path = rec.pathWithoutQuery();
        String manager = rec.query("fieldManager");
        if (manager == null) return status(422, "Invalid", "fieldManager is required for apply");
        boolean force = "true".equals(rec.query("force"));
        boolean dryRun = "All".equals(rec.query("dryRun"));
        ObjectNode applied = (ObjectNode) Mappers.yaml().readTree(rec.body());
        Set<List<String>> sent = leaves(applied);
        ObjectNode live = stored(path);
        if (live == null) {
            MockResponse missing = missingNamespace(path);
            if (missing != null) return missing;
            ObjectNode created = applied.deepCopy();
            setEntries(created, List.of(entry(manager, "Apply", applied, sent)));
            defaults(created);
            if (dryRun) return json(201, created);
            String collection = path.substring(0, path.lastIndexOf('/'));
            return super.dispatch(copy(request, HttpMethod.POST, collection, "application/json", created.toString()));
        }
        Map<String, ObjectNode> entries = entries(live);
        String key = manager + "|Apply";
        List<String> conflicts = new ArrayList<>();
        for (List<String> p : sent) {
            JsonNode want = at(applied, p);
            JsonNode have = at(live, p);
            if (have != null && !have.equals(want)) {
                for (Map.Entry<String, ObjectNode> e : entries.entrySet()) {
                    if (!e.getKey().equals(key) && owned(e.getValue()).contains(p)) conflicts.add(e.getKey().split("\\|")[0] + ":" + dotted(p));
                }
            }
        }
        if (!conflicts.isEmpty() && !force) return conflict(conflicts);
        if (roleRefChanges(live, applied)) return status(422, "Invalid", "cannot change roleRef");
        ObjectNode next = live.deepCopy();
        Set<List<String>> before = entries.containsKey(key) ? owned(entries.get(key)) : Set.of();
        for (List<String> p : before) {
            if (sent.contains(p)) continue;
            boolean other = entries.entrySet().stream().anyMatch(e -> !e.getKey().equals(key) && owned(e.getValue()).contains(p));
            if (!other) removeWithEmptyParents(next, p, sent);
        }
        for (List<String> p : sent) put(next, p, at(applied, p));
        Map<String, ObjectNode> nextEntries = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> e : entries.entrySet()) {
            if (e.getKey().equals(key)) continue;
            ObjectNode kept = e.getValue();
            if (force) kept = withOwned(kept, minus(owned(kept), sent));
            if (!owned(kept).isEmpty()) nextEntries.put(e.getKey(), kept);
        }
        nextEntries.put(key, entry(manager, "Apply", applied, sent));
        setEntries(next, new ArrayList<>(nextEntries.values()));
        defaults(next);
        if (next.equals(live)) return json(200, live);
        if (dryRun) return json(200, next);
        return putStored(request, path, next);
    }

    // ------------------------------------------------------------------------------------------------ other writes

    private MockResponse patch(Recorded rec, RecordedRequest request) throws IOException {
        String path = rec.pathWithoutQuery();
        ObjectNode live = stored(path);
        if (live == null) return status(404, "NotFound", path + " not found");
        JsonNode patch = Mappers.json().readTree(rec.body());
        ObjectNode next;
        if (rec.contentType().startsWith(JSON_PATCH)) {
            next = (ObjectNode) JsonPatch.apply(patch, live);
            String wanted = next.path("metadata").path("resourceVersion").asText();
            if (!wanted.equals(live.path("metadata").path("resourceVersion").asText())) return stale(path);
        } else {
            next = (ObjectNode) mergePatch(live.deepCopy(), patch);
        }
        if ("All".equals(rec.query("dryRun"))) return json(200, next);
        return store(path, live, next, manager(rec), request);
    }

    private MockResponse put(Recorded rec, RecordedRequest request) throws IOException {
        String path = rec.pathWithoutQuery();
        ObjectNode live = stored(path);
        if (live == null) return status(404, "NotFound", path + " not found");
        ObjectNode next = (ObjectNode) Mappers.json().readTree(rec.body());
        String rv = next.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(live.path("metadata").path("resourceVersion").asText())) return stale(path);
        if ("All".equals(rec.query("dryRun"))) return json(200, next);
        return store(path, live, next, manager(rec), request);
    }

    private MockResponse post(Recorded rec, RecordedRequest request) throws IOException {
        JsonNode parsed = Mappers.json().readTree(rec.body());
        if (!(parsed instanceof ObjectNode created) || !created.has("kind")) {
            return super.dispatch(copy(request, request.method(), request.getPath(), rec.contentType(), rec.body()));
        }
        String name = created.path("metadata").path("name").asText("");
        if (!name.isEmpty() && stored(rec.pathWithoutQuery() + "/" + name) != null) {
            return status(409, "AlreadyExists", created.path("kind").asText() + " " + name + " already exists");
        }
        MockResponse missing = missingNamespace(rec.pathWithoutQuery() + "/x");
        if (missing != null) return missing;
        setEntries(created, List.of(entry(manager(rec), "Update", created, leaves(created))));
        defaults(created);
        if ("All".equals(rec.query("dryRun"))) return json(201, created);
        return super.dispatch(copy(request, HttpMethod.POST, request.getPath(), "application/json", created.toString()));
    }

    /** Stores {@code next} as an Update by {@code manager}: the fields it changed become that manager's. */
    private MockResponse store(String path, ObjectNode live, ObjectNode next, String manager, RecordedRequest request) {
        if (roleRefChanges(live, next)) return status(422, "Invalid", "cannot change roleRef");
        Set<List<String>> changed = new LinkedHashSet<>();
        Set<List<String>> a = leaves(content(live));
        Set<List<String>> b = leaves(content(next));
        for (List<String> p : b) if (!a.contains(p) || !at(live, p).equals(at(next, p))) changed.add(p);
        for (List<String> p : a) if (!b.contains(p)) changed.add(p);
        Map<String, ObjectNode> entries = entries(live);
        String key = manager + "|Update";
        Map<String, ObjectNode> nextEntries = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> e : entries.entrySet()) {
            if (e.getKey().equals(key)) continue;
            ObjectNode kept = withOwned(e.getValue(), minus(owned(e.getValue()), changed));
            if (!owned(kept).isEmpty()) nextEntries.put(e.getKey(), kept);
        }
        Set<List<String>> mine = new LinkedHashSet<>(entries.containsKey(key) ? owned(entries.get(key)) : Set.of());
        mine.addAll(changed);
        mine.retainAll(b);
        if (!mine.isEmpty()) nextEntries.put(key, withOwned(entry(manager, "Update", next, Set.of()), mine));
        setEntries(next, new ArrayList<>(nextEntries.values()));
        defaults(next);
        ((ObjectNode) next.with("metadata")).put("resourceVersion", live.path("metadata").path("resourceVersion").asText());
        if (next.equals(live)) return json(200, live);
        return putStored(request, path, next);
    }

    private MockResponse putStored(RecordedRequest request, String path, ObjectNode next) {
        return super.dispatch(copy(request, HttpMethod.PUT, path, "application/json", next.toString()));
    }

    private static boolean roleRefChanges(JsonNode live, JsonNode next) {
        String kind = live.path("kind").asText();
        return (kind.equals("ClusterRoleBinding") || kind.equals("RoleBinding")) && next.has("roleRef")
                && !next.path("roleRef").equals(live.path("roleRef"));
    }

    /** 404 when {@code objectPath} is in a namespace that does not exist (only with {@link #requireNamespaces}). */
    private MockResponse missingNamespace(String objectPath) {
        if (!requireNamespaces) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/namespaces/([^/]+)/[^/]+/[^/]+$").matcher(objectPath);
        if (!m.find() || stored("/api/v1/namespaces/" + m.group(1)) != null) return null;
        return status(404, "NotFound", "namespaces \"" + m.group(1) + "\" not found");
    }

    private void defaults(ObjectNode o) {
        UnaryOperator<ObjectNode> d = defaulters.get(o.path("kind").asText());
        if (d != null) d.apply(o);
    }

    private static String manager(Recorded rec) {
        String m = rec.query("fieldManager");
        if (m != null) return m;
        String ua = rec.userAgent() == null ? "unknown" : rec.userAgent();
        int slash = ua.indexOf('/');
        return (slash < 0 ? ua : ua.substring(0, slash)).split(" ")[0];
    }

    // ------------------------------------------------------------------------------------------------ field sets

    /** Leaf paths of an object's content; lists are leaves (atomic); identity fields are not recorded. */
    static Set<List<String>> leaves(JsonNode node) {
        Set<List<String>> out = new LinkedHashSet<>();
        collect(node, new ArrayList<>(), out);
        out.removeIf(p -> p.equals(List.of("apiVersion")) || p.equals(List.of("kind"))
                || p.equals(List.of("metadata", "name")) || p.equals(List.of("metadata", "namespace"))
                || (p.size() >= 2 && p.get(0).equals("metadata") && SERVER_META.contains(p.get(1)))
                || p.get(0).equals("status"));
        return out;
    }

    private static void collect(JsonNode node, List<String> prefix, Set<List<String>> out) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> p = new ArrayList<>(prefix);
                p.add(e.getKey());
                collect(e.getValue(), p, out);
            }
        } else if (!prefix.isEmpty() && !node.isNull()) {
            out.add(List.copyOf(prefix));
        }
    }

    private static ObjectNode content(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        c.remove("status");
        return c;
    }

    private static ObjectNode entry(String manager, String operation, JsonNode obj, Set<List<String>> paths) {
        ObjectNode e = Mappers.json().createObjectNode();
        e.put("manager", manager).put("operation", operation).put("apiVersion", obj.path("apiVersion").asText())
                .put("fieldsType", "FieldsV1");
        return withOwned(e, paths);
    }

    private static ObjectNode withOwned(ObjectNode entry, Set<List<String>> paths) {
        ObjectNode e = entry.deepCopy();
        ObjectNode fields = Mappers.json().createObjectNode();
        for (List<String> p : paths) {
            ObjectNode n = fields;
            for (String k : p) n = n.with("f:" + k);
        }
        e.set("fieldsV1", fields);
        return e;
    }

    private static Set<List<String>> owned(ObjectNode entry) {
        Set<List<String>> out = new LinkedHashSet<>();
        ownedPaths(entry.path("fieldsV1"), new ArrayList<>(), out);
        return out;
    }

    private static void ownedPaths(JsonNode node, List<String> prefix, Set<List<String>> out) {
        boolean child = false;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.startsWith("f:")) continue;
            child = true;
            List<String> p = new ArrayList<>(prefix);
            p.add(k.substring(2));
            ownedPaths(node.get(k), p, out);
        }
        if (!child && !prefix.isEmpty()) out.add(List.copyOf(prefix));
    }

    private static Map<String, ObjectNode> entries(ObjectNode obj) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (JsonNode e : obj.path("metadata").path("managedFields")) {
            out.put(e.path("manager").asText() + "|" + e.path("operation").asText(), (ObjectNode) e);
        }
        return out;
    }

    private static void setEntries(ObjectNode obj, List<ObjectNode> entries) {
        ArrayNode a = obj.with("metadata").putArray("managedFields");
        entries.forEach(a::add);
    }

    private static Set<List<String>> minus(Set<List<String>> a, Set<List<String>> b) {
        Set<List<String>> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static JsonNode at(JsonNode n, List<String> p) {
        for (String k : p) {
            if (n == null) return null;
            n = n.get(k);
        }
        return n;
    }

    private static void put(ObjectNode n, List<String> p, JsonNode v) {
        for (int i = 0; i < p.size() - 1; i++) n = n.with(p.get(i));
        n.set(p.get(p.size() - 1), v.deepCopy());
    }

    private static void remove(ObjectNode n, List<String> p) {
        JsonNode parent = at(n, p.subList(0, p.size() - 1));
        if (parent instanceof ObjectNode o) o.remove(p.get(p.size() - 1));
    }

    /**
     * Removes a field and then each parent map it leaves empty that the new apply does not set: the applier owned that
     * map through the field (an {@code automated: {}} left behind would mean something else to its controller).
     */
    private static void removeWithEmptyParents(ObjectNode n, List<String> p, Set<List<String>> sent) {
        remove(n, p);
        for (int len = p.size() - 1; len > 0; len--) {
            List<String> parent = p.subList(0, len);
            JsonNode node = at(n, parent);
            int depth = len;
            boolean stillSent = sent.stream().anyMatch(s -> s.size() >= depth && s.subList(0, depth).equals(parent));
            if (node == null || !node.isObject() || node.size() > 0 || stillSent) return;
            remove(n, parent);
        }
    }

    private static String dotted(List<String> p) {
        return "." + String.join(".", p);
    }

    /** RFC 7386. */
    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch;
        ObjectNode t = target != null && target.isObject() ? (ObjectNode) target : Mappers.json().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) t.remove(e.getKey());
            else t.set(e.getKey(), mergePatch(t.get(e.getKey()), e.getValue()));
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------------ answers

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse().setResponseCode(code).setBody(body.toString());
    }

    private static MockResponse stale(String path) {
        return status(409, "Conflict", "Operation cannot be fulfilled on " + path
                + ": the object has been modified; please apply your changes to the latest version and try again");
    }

    private static MockResponse conflict(List<String> fields) {
        ObjectNode s = statusNode(409, "Conflict", "Apply failed with " + fields.size() + " conflict(s): " + String.join(", ", fields));
        ArrayNode causes = s.with("details").putArray("causes");
        for (String f : fields) {
            String[] mf = f.split(":", 2);
            causes.addObject().put("reason", "FieldManagerConflict").put("message", "conflict with \"" + mf[0] + "\"").put("field", mf[1]);
        }
        return new MockResponse().setResponseCode(409).setBody(s.toString());
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setBody(statusNode(code, reason, message).toString());
    }

    private static ObjectNode statusNode(int code, String reason, String message) {
        ObjectNode s = Mappers.json().createObjectNode();
        s.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return s;
    }

    private static RecordedRequest copy(RecordedRequest original, HttpMethod method, String path, String contentType, String body) {
        Headers.Builder headers = original.getHeaders().newBuilder();
        if (contentType != null) headers.set("Content-Type", contentType);
        return new RecordedRequest(original.getHttpVersion(), method, path, headers.build(), new Buffer().writeUtf8(body));
    }
}
