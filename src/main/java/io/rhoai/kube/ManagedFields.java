package io.rhoai.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.rhoai.core.yaml.Mappers;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads server-side apply's field ownership ({@code metadata.managedFields}, format FieldsV1) as a set of paths, so the
 * {@link Applier} can tell, without writing, whether an apply would change anything: it would not when rhoai's own
 * Apply entry owns exactly the fields rhoai is about to send and each has the wanted value.
 *
 * <p>Paths stop at lists ({@code spec.containers}, not each element): element keys ({@code k:}, {@code v:},
 * {@code i:}) depend on the schema's list type, which a client does not know, and stopping there only makes the
 * comparison more cautious (a list difference sends the apply, and the server decides).
 */
public final class ManagedFields {
    private static final Set<String> IDENTITY = Set.of("apiVersion", "kind", "metadata.name", "metadata.namespace");

    private ManagedFields() { }

    /** The paths owned by {@code manager} through server-side apply, or null when it has no Apply entry. */
    public static Set<String> appliedBy(GenericKubernetesResource live, String manager) {
        if (live == null || live.getMetadata() == null || live.getMetadata().getManagedFields() == null) return null;
        for (ManagedFieldsEntry e : live.getMetadata().getManagedFields()) {
            if (manager.equals(e.getManager()) && "Apply".equals(e.getOperation())
                    && (e.getSubresource() == null || e.getSubresource().isEmpty())) {
                JsonNode fields = e.getFieldsV1() == null ? null : Mappers.json().valueToTree(e.getFieldsV1());
                Set<String> out = new TreeSet<>();
                if (fields != null) collectOwned(fields, "", out);
                return out;
            }
        }
        return null;
    }

    /** The paths an applied object sets (identity fields excluded, as the server does not record them). */
    public static Set<String> sentBy(GenericKubernetesResource desired) {
        JsonNode tree = Mappers.json().valueToTree(desired);
        Set<String> out = new TreeSet<>();
        collectSent(tree, "", out);
        out.removeAll(IDENTITY);
        out.remove("metadata");
        return out;
    }

    private static void collectOwned(JsonNode node, String prefix, Set<String> out) {
        boolean child = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.startsWith("f:")) {
                child = true;
                collectOwned(e.getValue(), join(prefix, key.substring(2)), out);
            } else if (!key.equals(".")) {
                // a list element (k:, v:, i:): the list itself is the path
                child = true;
                out.add(prefix);
            }
        }
        if (!child && !prefix.isEmpty()) out.add(prefix);
    }

    private static void collectSent(JsonNode node, String prefix, Set<String> out) {
        if (node == null || node.isNull()) return;
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (prefix.isEmpty() && (e.getKey().equals("status"))) continue;
                if (prefix.equals("metadata") && !e.getKey().equals("labels") && !e.getKey().equals("annotations")
                        && !e.getKey().equals("name") && !e.getKey().equals("namespace")) continue;
                collectSent(e.getValue(), join(prefix, e.getKey()), out);
            }
            return;
        }
        if (!prefix.isEmpty()) out.add(prefix);
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}
