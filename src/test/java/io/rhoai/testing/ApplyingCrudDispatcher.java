package io.rhoai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock server plus two things it lacks: it records every request (method, path, content type,
 * user agent, body) so tests can assert what a client sent, and it stands in for server-side apply.
 *
 * <p>Why a stand-in: the CRUD mock's PATCH handler answers 404 when the object does not exist and 415 Unsupported
 * Media Type for any content type other than {@code application/json-patch+json} and
 * {@code application/merge-patch+json}, so an {@code application/apply-patch+yaml} request can never succeed there.
 *
 * <p>What the stand-in does: an apply to an absent object creates it (unless {@code dryRun}); an apply to an existing
 * object is a JSON merge of the applied fields into it; when that merge changes nothing the object is returned as it is,
 * resourceVersion unchanged (as the API server does for a no-op apply); {@code dryRun=All} returns the result without
 * storing it.
 *
 * <p>What it does NOT cover: field ownership (managedFields), conflicts with other managers (no 409 is ever returned, so
 * {@code force} has no effect here), removal of fields the manager stopped applying, merging lists by key (lists are
 * replaced), defaulting, validation and admission. Those are the API server's, and rhoai relies on them as documented.
 */
public class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {
    public static final String APPLY_CONTENT_TYPE = "application/apply-patch+yaml";

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
    }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

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

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().readUtf8();
        requests.add(new Recorded(request.getMethod(), request.getPath(), request.getHeader("Content-Type"),
                request.getHeader("User-Agent"), body, System.nanoTime()));
        RecordedRequest replay = copy(request, request.method(), request.getPath(), request.getHeader("Content-Type"), body);
        String contentType = request.getHeader("Content-Type");
        if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.startsWith(APPLY_CONTENT_TYPE)) {
            return apply(request, body);
        }
        return super.dispatch(replay);
    }

    private MockResponse apply(RecordedRequest request, String body) {
        String path = request.getPath();
        int q = path.indexOf('?');
        String objectPath = q < 0 ? path : path.substring(0, q);
        boolean dryRun = q >= 0 && path.substring(q + 1).contains("dryRun=All");
        JsonNode applied;
        try {
            applied = Mappers.yaml().readTree(body);
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"message\":\"invalid apply body\"}");
        }
        MockResponse existing = super.handleGet(objectPath);
        if (existing.code() == 404) {
            if (dryRun) return new MockResponse().setResponseCode(201).setBody(applied.toString());
            String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
            return super.dispatch(copy(request, HttpMethod.POST, collection, "application/json", applied.toString()));
        }
        try {
            JsonNode live = Mappers.json().readTree(existing.getBody().readUtf8());
            JsonNode merged = merge(live.deepCopy(), applied);
            if (merged.equals(live)) {
                return new MockResponse().setResponseCode(200).setBody(live.toString());
            }
            if (dryRun) return new MockResponse().setResponseCode(200).setBody(merged.toString());
            return super.dispatch(copy(request, HttpMethod.PATCH, objectPath, "application/merge-patch+json", applied.toString()));
        } catch (IOException e) {
            return new MockResponse().setResponseCode(500).setBody("{\"kind\":\"Status\",\"message\":\"" + e.getMessage() + "\"}");
        }
    }

    /** JSON merge (RFC 7386) without deletions: what a first apply of these fields amounts to. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) return patch;
        ObjectNode t = (ObjectNode) target;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = t.get(e.getKey());
            t.set(e.getKey(), current == null ? e.getValue() : merge(current, e.getValue()));
        }
        return t;
    }

    private static RecordedRequest copy(RecordedRequest original, HttpMethod method, String path, String contentType, String body) {
        Headers.Builder headers = original.getHeaders().newBuilder();
        if (contentType != null) headers.set("Content-Type", contentType);
        return new RecordedRequest(original.getHttpVersion(), method, path, headers.build(), new Buffer().writeUtf8(body));
    }
}
