package io.rhoai.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.yaml.Mappers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kubernetes REST calls the OAuth engines need, as plain JSON trees. Raw JSON on purpose: the OAuth
 * {@code identityProviders} list belongs to other parties and must round-trip untouched (no model class dropping or
 * reordering fields), and fabric8's create/update calls do not send a {@code fieldManager}; here every write does.
 * Authentication, TLS and the API server URL come from the fabric8 client built from the user's kubeconfig.
 */
public final class KubeJson {
    public static final String FIELD_MANAGER = "rhoai";

    private final HttpClient http;
    private final String base;
    private final long requestTimeoutMillis;

    public KubeJson(KubernetesClient client) {
        this.http = client.getHttpClient();
        String url = client.getMasterUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        int configured = client.getConfiguration().getRequestTimeout();
        this.requestTimeoutMillis = configured > 0 ? configured : 30_000;
    }

    /** A write was refused because the object changed since it was read (HTTP 409). Callers re-read and re-merge. */
    public static final class ConflictException extends RuntimeException {
        ConflictException(String path) {
            super("conflict writing " + path);
        }
    }

    /** REST path of one object or collection: core group when {@code group} is empty. */
    public static String path(String group, String version, String plural, String namespace, String name) {
        StringBuilder b = new StringBuilder(group == null || group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespace != null) b.append("/namespaces/").append(namespace);
        b.append('/').append(plural);
        if (name != null) b.append('/').append(name);
        return b.toString();
    }

    public Optional<ObjectNode> get(String path) {
        Response r = send("GET", path, null);
        if (r.code == 404) return Optional.empty();
        ensureOk(r, "read", path);
        return Optional.of(r.object(path));
    }

    /** The items of a list; an API that does not exist on this server (404) lists as empty. */
    public List<ObjectNode> list(String path) {
        Response r = send("GET", path, null);
        List<ObjectNode> items = new ArrayList<>();
        if (r.code == 404) return items;
        ensureOk(r, "list", path);
        for (JsonNode item : r.object(path).path("items")) {
            if (item.isObject()) items.add((ObjectNode) item);
        }
        return items;
    }

    /** POST to a collection with field manager rhoai; returns the object as stored. */
    public ObjectNode create(String collectionPath, ObjectNode body) {
        Response r = send("POST", collectionPath + "?fieldManager=" + FIELD_MANAGER, body);
        if (r.code == 409) throw new ConflictException(collectionPath);
        ensureOk(r, "create", collectionPath);
        return r.object(collectionPath);
    }

    /** PUT with the body's resourceVersion: the server refuses (409, {@link ConflictException}) if it changed. */
    public ObjectNode replace(String path, ObjectNode body) {
        Response r = send("PUT", path + "?fieldManager=" + FIELD_MANAGER, body);
        if (r.code == 409) throw new ConflictException(path);
        ensureOk(r, "update", path);
        return r.object(path);
    }

    /** POST of a review object (SubjectAccessReview): nothing is stored, the answer comes back in status. */
    public ObjectNode review(String collectionPath, ObjectNode body) {
        Response r = send("POST", collectionPath, body);
        ensureOk(r, "submit", collectionPath);
        return r.object(collectionPath);
    }

    /** @return true when deleted, false when it was already absent */
    public boolean delete(String path) {
        Response r = send("DELETE", path, null);
        if (r.code == 404) return false;
        ensureOk(r, "delete", path);
        return true;
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Response(int code, String body) {
        ObjectNode object(String path) {
            try {
                JsonNode n = Mappers.json().readTree(body);
                if (n instanceof ObjectNode o) return o;
            } catch (JsonProcessingException e) {
                // fall through to the error below
            }
            throw RhoaiException.remote("Kubernetes API " + path + ": the answer is not a JSON object",
                    "check --kubeconfig points at a Kubernetes API server", null);
        }
    }

    private Response send(String method, String path, ObjectNode body) {
        HttpRequest.Builder b = http.newHttpRequestBuilder().uri(base + path)
                .timeout(requestTimeoutMillis, TimeUnit.MILLISECONDS)
                .header("Accept", "application/json");
        String json = body == null ? null : body.toString();
        switch (method) {
            case "GET" -> { }
            case "POST" -> b.post("application/json", json);
            case "PUT" -> b.put("application/json", json);
            case "DELETE" -> b.delete("application/json", "{}");
            default -> throw new IllegalArgumentException(method);
        }
        try {
            HttpResponse<String> r = http.sendAsync(b.build(), String.class)
                    .get(requestTimeoutMillis + 5_000, TimeUnit.MILLISECONDS);
            return new Response(r.code(), r.body() == null ? "" : r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted during " + method + " " + path, null, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            throw RhoaiException.remote("Kubernetes API " + method + " " + path + " failed: " + why,
                    "check the cluster is reachable with the kubeconfig and context in use (--kubeconfig, --context)", e);
        }
    }

    private static void ensureOk(Response r, String verb, String path) {
        if (r.code >= 200 && r.code < 300) return;
        String reason = statusMessage(r.body);
        String hint = switch (r.code) {
            case 401 -> "log in again (oc login) or pass a kubeconfig with a valid token";
            case 403 -> "this needs cluster-admin rights: use an account allowed to " + verb + " it";
            default -> "check the cluster is reachable with the kubeconfig and context in use (--kubeconfig, --context)";
        };
        throw RhoaiException.remote("Kubernetes API: cannot " + verb + " " + path + " (HTTP " + r.code + ")"
                + (reason.isEmpty() ? "" : ": " + reason), hint, null);
    }

    private static String statusMessage(String body) {
        try {
            return Mappers.json().readTree(body).path("message").asText("");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "";
        }
    }
}
