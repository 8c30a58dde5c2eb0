package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Map;

/** Null-safe reads of nested fields in untyped objects: {@code Fields.text(csv, "status", "phase")}. */
public final class Fields {
    private Fields() { }

    /** The value at the path, or null when any step is missing or not a map. */
    public static Object at(GenericKubernetesResource obj, String... path) {
        if (obj == null || path.length == 0) return null;
        Object cur = obj.getAdditionalProperties().get(path[0]);
        for (int i = 1; i < path.length && cur != null; i++) {
            cur = cur instanceof Map<?, ?> m ? m.get(path[i]) : null;
        }
        return cur;
    }

    public static String text(GenericKubernetesResource obj, String... path) {
        Object v = at(obj, path);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(GenericKubernetesResource obj, String... path) {
        Object v = at(obj, path);
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** The status of condition {@code type} in {@code status.conditions}, or null. */
    public static String condition(GenericKubernetesResource obj, String type) {
        Map<String, Object> c = conditionOf(obj, type);
        return c == null ? null : String.valueOf(c.get("status"));
    }

    /** Condition {@code type} of {@code status.conditions} whole (status, reason, message, lastTransitionTime), or null. */
    public static Map<String, Object> conditionOf(GenericKubernetesResource obj, String type) {
        for (Map<String, Object> c : list(obj, "status", "conditions")) {
            if (type.equals(c.get("type"))) return c;
        }
        return null;
    }

    /** kind/namespace/name, for messages. */
    public static String ref(GenericKubernetesResource obj) {
        String ns = obj.getMetadata().getNamespace();
        return obj.getKind() + " " + (ns == null || ns.isEmpty() ? "" : ns + "/") + obj.getMetadata().getName();
    }

    /** A Kubernetes timestamp (RFC 3339, e.g. a condition's lastTransitionTime), or null when absent or unreadable. */
    public static java.time.Instant time(String rfc3339) {
        try {
            return rfc3339 == null ? null : java.time.Instant.parse(rfc3339);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
