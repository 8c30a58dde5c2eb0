package io.rhoai.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.yaml.Mappers;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies objects the way every rhoai command writes whole objects to a cluster: server-side apply under field manager
 * {@value Ownership#FIELD_MANAGER}, with the label {@code app.kubernetes.io/managed-by: rhoai}, reporting per object
 * whether it was {@code created}, {@code configured}, {@code unchanged} or {@code adopted}.
 *
 * <p><b>When nothing is sent.</b> Server-side apply removes the fields a manager stops sending, so an apply must be
 * sent whenever what rhoai sends differs from what rhoai owns. Nothing is sent only when rhoai's own Apply entry in
 * {@code metadata.managedFields} owns exactly the fields about to be sent and each already has the wanted value
 * ({@link ManagedFields}); otherwise the apply goes out and the answer decides: the API server stores nothing for a
 * no-op apply and keeps the resourceVersion, so the same resourceVersion means {@code unchanged}. A field rhoai no
 * longer sets (say {@code syncPolicy.automated} after {@code --auto-sync} is dropped) is therefore really removed.
 *
 * <p><b>Fields set only on create</b> ({@code createOnly} paths, such as a GPU MachineSet's {@code spec.replicas}, which
 * belongs to the autoscaler): sent in the creating apply, then handed to {@link Ownership#HANDOVER_MANAGER} and left out
 * of every later apply, so rhoai never owns them again and the server never resets them to a default.
 *
 * <p><b>Adoption</b>: an existing object without rhoai's managed-by label is taken over by the apply and reported
 * {@code adopted}, never silently.
 *
 * <p><b>Immutable roleRef</b>: a (Cluster)RoleBinding whose roleRef must change is deleted and created again (the API
 * server refuses to change roleRef), and the run says so.
 *
 * <p>{@code force} takes ownership of fields another manager set to a different value; callers pass it only for objects
 * whose documentation says so. Without it such a conflict fails with a precondition error naming the fields.
 *
 * <p>Dry runs: {@link DryRun#CLIENT} sends nothing that writes: without a client it only labels the object
 * ({@code rendered}); with one it reads the live object and reports what the apply would do. {@link DryRun#SERVER}
 * also sends the apply with {@code dryRun=All}, so admission and validation run but nothing is stored; an object the
 * server cannot check yet (its namespace or kind does not exist before an earlier stage runs) is {@code unvalidated}.
 */
public final class Applier {
    public enum DryRun {
        NONE, CLIENT, SERVER;

        /** kubectl's spelling: none, client, server; a bare {@code --dry-run} is client. */
        public static DryRun parse(String text) {
            if (text == null || text.isBlank()) return NONE;
            try {
                return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw RhoaiException.invalid("--dry-run: '" + text + "' is not one of none, client, server",
                        "use --dry-run (same as --dry-run=client: nothing is written) or --dry-run=server (API server dry run)");
            }
        }

        public boolean isDryRun() {
            return this != NONE;
        }
    }

    /** One object's result. {@code note}: why it was not validated, or that it was replaced; null otherwise. */
    @RegisterForReflection
    public record Applied(String apiVersion, String kind, String namespace, String name, Outcome outcome, boolean dryRun,
                          String note) {
        public Applied(String apiVersion, String kind, String namespace, String name, Outcome outcome, boolean dryRun) {
            this(apiVersion, kind, namespace, name, outcome, dryRun, null);
        }

        public static Applied of(GenericKubernetesResource o, Outcome outcome, boolean dryRun, String note) {
            return new Applied(o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName(), outcome, dryRun, note);
        }

        public String ref() {
            return kind + " " + (namespace == null ? "" : namespace + "/") + name;
        }
    }

    private static final Set<String> BINDINGS = Set.of("ClusterRoleBinding", "RoleBinding");

    private final KubernetesClient client;
    private final Kinds kinds;
    private final DryRun dryRun;
    private final Progress progress;

    /** @param client null only for {@link DryRun#CLIENT} without a cluster */
    public Applier(KubernetesClient client, Kinds kinds, DryRun dryRun, Progress progress) {
        if (client == null && dryRun != DryRun.CLIENT) throw new IllegalArgumentException("a client is needed unless --dry-run=client");
        this.client = client;
        this.kinds = kinds == null && client != null ? new Kinds(client) : kinds;
        this.dryRun = dryRun;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    public Applier(KubernetesClient client, Kinds kinds, DryRun dryRun) {
        this(client, kinds, dryRun, Progress.NONE);
    }

    public DryRun dryRun() {
        return dryRun;
    }

    public Applied apply(GenericKubernetesResource desired, boolean force, Deadline deadline, String... createOnly) {
        GenericKubernetesResource body = Ownership.labelled(desired);
        if (client == null) return Applied.of(body, Outcome.RENDERED, true, null);
        String ref = Fields.ref(body);
        Resource<GenericKubernetesResource> resource = kinds.resource(body);
        GenericKubernetesResource live = readLive(ref, resource, deadline);
        GenericKubernetesResource steady = live == null ? body : without(body, createOnly);
        if (live != null && Ownership.isManaged(live) && ownsExactly(live, steady)) {
            return Applied.of(body, Outcome.UNCHANGED, dryRun.isDryRun(), null);
        }
        if (live != null && immutableRoleRefChanges(steady, live)) {
            return replaceBinding(body, live, ref, deadline);
        }
        if (dryRun == DryRun.CLIENT) {
            return Applied.of(body, live == null ? Outcome.CREATED : Ownership.isManaged(live) ? Outcome.CONFIGURED : Outcome.ADOPTED, true, null);
        }
        GenericKubernetesResource applied;
        try {
            applied = send(ref, steady, Ownership.FIELD_MANAGER, force, deadline);
        } catch (UnvalidatedException u) {
            return Applied.of(body, Outcome.UNVALIDATED, true, u.getMessage());
        }
        if (live == null && createOnly.length > 0 && dryRun == DryRun.NONE) {
            handOver(ref, body, createOnly, deadline);
            send(ref, without(body, createOnly), Ownership.FIELD_MANAGER, force, deadline);
        }
        if (live == null) return Applied.of(body, Outcome.CREATED, dryRun.isDryRun(), null);
        if (!Ownership.isManaged(live)) return Applied.of(body, Outcome.ADOPTED, dryRun.isDryRun(), null);
        String before = live.getMetadata().getResourceVersion();
        String after = applied == null ? null : applied.getMetadata().getResourceVersion();
        // a dry run never stores, so its resourceVersion says nothing: the ownership check above found a difference
        boolean same = dryRun == DryRun.NONE && before != null && before.equals(after);
        return Applied.of(body, same ? Outcome.UNCHANGED : Outcome.CONFIGURED, dryRun.isDryRun(), null);
    }

    private GenericKubernetesResource readLive(String ref, Resource<GenericKubernetesResource> resource, Deadline deadline) {
        try {
            return Retry.call("read " + ref, deadline, resource::get);
        } catch (RhoaiException e) {
            // a server dry run before the CRD exists: the kind is not served yet
            if (dryRun == DryRun.SERVER && Retry.status(e) == 404) return null;
            throw e;
        }
    }

    /** The server-side apply itself; a field conflict becomes a precondition error naming the fields. */
    private GenericKubernetesResource send(String ref, GenericKubernetesResource body, String manager, boolean force, Deadline deadline) {
        try {
            return Retry.call((dryRun == DryRun.SERVER ? "dry-run apply " : "apply ") + ref, deadline, () -> {
                ServerSideApplicable<GenericKubernetesResource> op = dryRun == DryRun.SERVER
                        ? kinds.resource(body).dryRun().fieldManager(manager)
                        : kinds.resource(body).fieldManager(manager);
                if (force) op = op.forceConflicts();
                return op.serverSideApply();
            });
        } catch (RhoaiException e) {
            KubernetesClientException k = Retry.clientError(e);
            if (k != null && Retry.isFieldManagerConflict(k)) {
                throw RhoaiException.precondition("apply " + ref + ": fields rhoai sets are owned by another manager with other values: "
                                + conflictDetail(k),
                        "change them back, or remove the other manager's values (kubectl edit) and re-run; rhoai does not take them over");
            }
            if (dryRun == DryRun.SERVER && k != null && k.getCode() == 404) {
                String ns = body.getMetadata().getNamespace();
                throw new UnvalidatedException(ns != null ? "not validated by the server: namespace " + ns
                        + " or kind " + body.getKind() + " does not exist until an earlier stage has run"
                        : "not validated by the server: kind " + body.getKind() + " is not served until an earlier stage has run");
            }
            throw e;
        }
    }

    /** Applies only the create-only fields under the hand-over manager, so they outlive rhoai's ownership. */
    private void handOver(String ref, GenericKubernetesResource body, String[] createOnly, Deadline deadline) {
        ObjectNode full = Mappers.json().valueToTree(body);
        ObjectNode minimal = Mappers.json().createObjectNode();
        minimal.put("apiVersion", body.getApiVersion()).put("kind", body.getKind());
        ObjectNode meta = minimal.putObject("metadata").put("name", body.getMetadata().getName());
        if (body.getMetadata().getNamespace() != null) meta.put("namespace", body.getMetadata().getNamespace());
        for (String path : createOnly) {
            JsonNode value = at(full, path);
            if (value != null) put(minimal, path, value);
        }
        send(ref + " (hand-over of " + String.join(", ", createOnly) + ")",
                Mappers.json().convertValue(minimal, GenericKubernetesResource.class), Ownership.HANDOVER_MANAGER, false, deadline);
    }

    private Applied replaceBinding(GenericKubernetesResource body, GenericKubernetesResource live, String ref, Deadline deadline) {
        String note = "roleRef cannot change in place (" + roleRef(live) + " → " + roleRef(body) + "): the binding is deleted and created again";
        progress.warn(ref + ": " + note);
        // a dry run cannot show a delete followed by a create: the plan says so in the note instead
        if (dryRun == DryRun.NONE) {
            Retry.run("delete " + ref, deadline, () -> kinds.resource(body).delete());
            send(ref, body, Ownership.FIELD_MANAGER, false, deadline);
        }
        return Applied.of(body, Outcome.CONFIGURED, dryRun.isDryRun(), note);
    }

    private static boolean immutableRoleRefChanges(GenericKubernetesResource desired, GenericKubernetesResource live) {
        return BINDINGS.contains(desired.getKind()) && desired.getAdditionalProperties().get("roleRef") != null
                && !Objects.equals(roleRef(desired), roleRef(live));
    }

    private static String roleRef(GenericKubernetesResource o) {
        return Fields.text(o, "roleRef", "kind") + "/" + Fields.text(o, "roleRef", "name");
    }

    /**
     * True when rhoai's Apply entry owns exactly the fields {@code desired} sets and each has that value on
     * {@code live}: an apply would change nothing.
     */
    static boolean ownsExactly(GenericKubernetesResource live, GenericKubernetesResource desired) {
        Set<String> owned = ManagedFields.appliedBy(live, Ownership.FIELD_MANAGER);
        return owned != null && owned.equals(ManagedFields.sentBy(desired)) && isSubset(desired, live);
    }

    private static GenericKubernetesResource without(GenericKubernetesResource body, String... paths) {
        if (paths.length == 0) return body;
        ObjectNode tree = Mappers.json().valueToTree(body);
        for (String path : paths) {
            String[] parts = path.split("\\.");
            JsonNode parent = tree;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) parent = parent.get(parts[i]);
            if (parent instanceof ObjectNode o) o.remove(parts[parts.length - 1]);
        }
        return Mappers.json().convertValue(tree, GenericKubernetesResource.class);
    }

    private static JsonNode at(JsonNode tree, String path) {
        JsonNode n = tree;
        for (String p : path.split("\\.")) n = n == null ? null : n.get(p);
        return n;
    }

    private static void put(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode n = tree;
        for (int i = 0; i < parts.length - 1; i++) n = n.with(parts[i]);
        n.set(parts[parts.length - 1], value);
    }

    private static String conflictDetail(KubernetesClientException k) {
        if (k.getStatus() != null && k.getStatus().getDetails() != null && k.getStatus().getDetails().getCauses() != null) {
            return String.join(", ", k.getStatus().getDetails().getCauses().stream()
                    .map(c -> c.getField() + " (" + c.getMessage() + ")").toList());
        }
        return k.getStatus() != null ? k.getStatus().getMessage() : k.getMessage();
    }

    /** A server dry run that the server could not check; carried to {@link #apply} as an outcome, never thrown out. */
    private static final class UnvalidatedException extends RuntimeException {
        UnvalidatedException(String message) {
            super(message, null, false, false);
        }
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

    /** For callers that list what they applied. */
    public static boolean anyChange(List<Applied> applied) {
        return applied.stream().anyMatch(a -> a.outcome().changes());
    }
}
