package io.rhoai.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.yaml.Mappers;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies objects the way every rhoai command writes to a cluster: server-side apply under field manager
 * {@value #FIELD_MANAGER}, with the label {@code app.kubernetes.io/managed-by: rhoai}, reporting per object whether it
 * was {@code created}, {@code configured} or {@code unchanged}.
 *
 * <p>How "unchanged" is decided, reliably and without writing: the live object is read first; when every field rhoai
 * sets already has the desired value there (the desired object is a subset of the live one), nothing is sent. Otherwise
 * the object is applied and the result compared by resourceVersion: the API server does not bump it for a no-op apply,
 * so an apply that changed nothing (e.g. a quantity written differently) is still reported {@code unchanged}.
 *
 * <p>{@code force} takes ownership of fields another manager set to a different value; callers pass it only for objects
 * whose documentation says so. Without it such a conflict fails with a precondition error naming the object.
 *
 * <p>Dry runs: {@link DryRun#CLIENT} needs no cluster and only labels the object ({@code rendered}); {@link DryRun#SERVER}
 * reads live objects and sends the apply with {@code dryRun=All}, so admission and validation run but nothing is stored.
 */
public final class Applier {
    public static final String FIELD_MANAGER = "rhoai";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "rhoai";

    public enum DryRun {
        NONE, CLIENT, SERVER;

        /** kubectl's spelling: none, client, server. */
        public static DryRun parse(String text) {
            if (text == null || text.isBlank()) return NONE;
            try {
                return valueOf(text.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw RhoaiException.invalid("--dry-run: '" + text + "' is not one of none, client, server",
                        "use --dry-run=client (render only) or --dry-run=server (API server dry run)");
            }
        }
    }

    /**
     * {@code rendered}: not sent (client dry run, or a kind the cluster does not serve yet in a server dry run);
     * {@code adopted}: an existing object another tool made is used as it is and not written.
     */
    public enum Outcome { created, configured, unchanged, rendered, adopted }

    @RegisterForReflection
    public record Applied(String apiVersion, String kind, String namespace, String name, Outcome outcome, boolean dryRun) {
        public String ref() {
            return kind + " " + (namespace == null ? "" : namespace + "/") + name;
        }
    }

    private final KubernetesClient client;
    private final Kinds kinds;
    private final DryRun dryRun;

    /** @param client null only for {@link DryRun#CLIENT} */
    public Applier(KubernetesClient client, Kinds kinds, DryRun dryRun) {
        if (client == null && dryRun != DryRun.CLIENT) throw new IllegalArgumentException("a client is needed unless --dry-run=client");
        this.client = client;
        this.kinds = kinds;
        this.dryRun = dryRun;
    }

    public DryRun dryRun() {
        return dryRun;
    }

    /** The object as rhoai sends it: a copy carrying the managed-by label. */
    public static GenericKubernetesResource labelled(GenericKubernetesResource desired) {
        GenericKubernetesResource copy = Serialization.clone(desired);
        Map<String, String> labels = copy.getMetadata().getLabels() == null ? new HashMap<>() : new HashMap<>(copy.getMetadata().getLabels());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        copy.getMetadata().setLabels(labels);
        return copy;
    }

    public Applied apply(GenericKubernetesResource desired, boolean force, Deadline deadline) {
        GenericKubernetesResource body = labelled(desired);
        String ns = body.getMetadata().getNamespace();
        String name = body.getMetadata().getName();
        if (dryRun == DryRun.CLIENT) {
            return result(body, Outcome.rendered);
        }
        String ref = Fields.ref(body);
        Resource<GenericKubernetesResource> resource = kinds.resource(body);
        GenericKubernetesResource live = Retry.call("read " + ref, deadline, resource::get);
        if (live != null && isSubset(body, live)) {
            return result(body, Outcome.unchanged);
        }
        GenericKubernetesResource applied;
        try {
            applied = Retry.call((dryRun == DryRun.SERVER ? "dry-run apply " : "apply ") + ref, deadline, () -> {
                ServerSideApplicable<GenericKubernetesResource> op = dryRun == DryRun.SERVER
                        ? kinds.resource(body).dryRun().fieldManager(FIELD_MANAGER)
                        : kinds.resource(body).fieldManager(FIELD_MANAGER);
                if (force) op = op.forceConflicts();
                return op.serverSideApply();
            });
        } catch (RhoaiException e) {
            if (e.getCause() instanceof KubernetesClientException k && Retry.isFieldManagerConflict(k)) {
                throw RhoaiException.precondition("apply " + ref + ": fields rhoai sets are owned by another manager with other values: "
                                + conflictDetail(k),
                        "change them back, or remove the other manager's values (kubectl edit) and re-run; rhoai does not take them over");
            }
            throw e;
        }
        if (live == null) return result(body, Outcome.created);
        String before = live.getMetadata().getResourceVersion();
        String after = applied == null ? null : applied.getMetadata().getResourceVersion();
        // a dry run never stores, so its resourceVersion says nothing; the subset check above already found a difference
        boolean same = dryRun == DryRun.NONE && before != null && before.equals(after);
        return result(body, same ? Outcome.unchanged : Outcome.configured);
    }

    private Applied result(GenericKubernetesResource body, Outcome outcome) {
        return new Applied(body.getApiVersion(), body.getKind(), body.getMetadata().getNamespace(), body.getMetadata().getName(),
                outcome, dryRun != DryRun.NONE);
    }

    private static String conflictDetail(KubernetesClientException k) {
        if (k.getStatus() != null && k.getStatus().getDetails() != null && k.getStatus().getDetails().getCauses() != null) {
            return String.join(", ", k.getStatus().getDetails().getCauses().stream()
                    .map(c -> c.getField() + " (" + c.getMessage() + ")").toList());
        }
        return k.getStatus() != null ? k.getStatus().getMessage() : k.getMessage();
    }

    /**
     * True when every field of {@code desired} has the same value in {@code live}: maps key by key (live may have more),
     * lists element by element with equal length, numbers by value.
     */
    public static boolean isSubset(GenericKubernetesResource desired, GenericKubernetesResource live) {
        JsonNode d = Mappers.json().valueToTree(desired);
        JsonNode l = Mappers.json().valueToTree(live);
        return subset(d, l);
    }

    static boolean subset(JsonNode desired, JsonNode live) {
        if (desired == null || desired.isNull()) return true;
        if (live == null || live.isMissingNode()) return false;
        if (desired.isObject()) {
            if (!live.isObject()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!subset(e.getValue(), live.get(e.getKey()))) return false;
            }
            return true;
        }
        if (desired.isArray()) {
            if (!live.isArray() || live.size() != desired.size()) return false;
            for (int i = 0; i < desired.size(); i++) {
                if (!subset(desired.get(i), live.get(i))) return false;
            }
            return true;
        }
        if (desired.isNumber() && live.isNumber()) return desired.decimalValue().compareTo(live.decimalValue()) == 0;
        return desired.equals(live);
    }
}
