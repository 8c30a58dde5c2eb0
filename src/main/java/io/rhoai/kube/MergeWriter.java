package io.rhoai.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.rhoai.core.Outcome;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.Applier.DryRun;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The one optimistic-concurrency writer, for objects whose lists other parties own too (the OAuth identity providers,
 * the API server's named certificates, the ClusterAutoscaler's GPU limits, a Group's users): read the object, merge
 * rhoai's change into a copy, write it guarded by the resourceVersion that was read. On 409 (someone wrote in between)
 * it reads again and merges again, so the other party's change is kept and rhoai's is not lost; it never re-sends a
 * stale body. Anchors: client-go's {@code RetryOnConflict}, the Java Operator SDK's {@code conflictRetryingPatchPrimary}.
 *
 * <p>The write is a JSON patch (RFC 6902) whose first operation sets {@code metadata.resourceVersion} to the value read:
 * the API server treats it as a precondition and answers 409 when the object changed. A JSON patch replaces a list as
 * a whole, with no server-specific list merging, so the merged list is exactly what is stored. Reads and writes retry
 * 429/5xx/dropped connections through {@link Retry}, all within the caller's {@link Deadline}.
 *
 * <p>{@code merge} receives a deep copy of the object (null when it does not exist) and returns the object wanted, or
 * null for "leave it as it is"; it must be a pure function of its input, since it may run again after a conflict.
 * Dry runs read and merge as usual: {@link DryRun#CLIENT} sends nothing, {@link DryRun#SERVER} sends the write with
 * {@code dryRun=All}.
 */
public final class MergeWriter {
    public static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Set<String> SERVER_FIELDS = Set.of("resourceVersion", "generation", "managedFields", "uid",
            "creationTimestamp", "selfLink");

    private final KubernetesClient client;
    private final DryRun dryRun;

    public MergeWriter(KubernetesClient client, DryRun dryRun) {
        this.client = client;
        this.dryRun = dryRun;
    }

    public Applied write(ResourceDefinitionContext kind, String namespace, String name, UnaryOperator<ObjectNode> merge, Deadline deadline) {
        String ref = kind.getKind() + " " + (namespace == null ? "" : namespace + "/") + name;
        Resource<GenericKubernetesResource> resource = new Kinds(client).resource(kind, namespace, name);
        Duration backoff = FIRST_BACKOFF;
        KubernetesClientException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            GenericKubernetesResource live = Retry.call("read " + ref, deadline, resource::get);
            ObjectNode before = live == null ? null : Mappers.json().valueToTree(live);
            ObjectNode wanted = merge.apply(before == null ? null : before.deepCopy());
            if (wanted == null || (before != null && sameContent(before, wanted))) {
                return result(kind, namespace, name, live == null ? Outcome.ABSENT : Outcome.UNCHANGED);
            }
            Outcome outcome = before == null ? Outcome.CREATED : Outcome.CONFIGURED;
            if (dryRun == DryRun.CLIENT) return result(kind, namespace, name, outcome);
            try {
                if (before == null) create(ref, resource, wanted, deadline);
                // the resource carries the object read: fabric8 would otherwise GET it again before every patch
                else patch(ref, holding(kind, live), before, wanted, deadline);
                return result(kind, namespace, name, outcome);
            } catch (RhoaiException e) {
                KubernetesClientException k = Retry.clientError(e);
                // 409: changed since our read (or created by someone else meanwhile); read, merge and write again
                if (k == null || k.getCode() != 409) throw e;
                last = k;
            }
            if (attempt < MAX_ATTEMPTS) {
                Duration pause = backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() + 1));
                if (deadline.remaining().compareTo(pause) <= 0) break;
                Poller.pause(pause, "a fresh read of " + ref);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw RhoaiException.remote(ref + " kept changing while rhoai tried to update it (" + MAX_ATTEMPTS + " conflicts in a row)",
                "another controller is rewriting it; find it with: oc get " + kind.getPlural() + " " + name
                        + (namespace == null ? "" : " -n " + namespace) + " -o yaml --show-managed-fields", last);
    }

    private void create(String ref, Resource<GenericKubernetesResource> resource, ObjectNode wanted, Deadline deadline) {
        GenericKubernetesResource body = Mappers.json().convertValue(wanted, GenericKubernetesResource.class);
        // the user agent "rhoai" is the field manager of a create (the API server takes it when none is given)
        Retry.call((dryRun == DryRun.SERVER ? "dry-run create " : "create ") + ref, deadline,
                () -> dryRun == DryRun.SERVER ? resource.dryRun().create(body) : resource.create(body));
    }

    private void patch(String ref, Resource<GenericKubernetesResource> resource, ObjectNode before, ObjectNode wanted, Deadline deadline) {
        ArrayNode ops = operations(before, wanted);
        PatchContext.Builder context = new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager(Ownership.FIELD_MANAGER);
        if (dryRun == DryRun.SERVER) context.withDryRun(java.util.List.of("All"));
        Retry.call((dryRun == DryRun.SERVER ? "dry-run update " : "update ") + ref, deadline,
                () -> resource.patch(context.build(), ops.toString()));
    }

    private Resource<GenericKubernetesResource> holding(ResourceDefinitionContext kind, GenericKubernetesResource live) {
        var op = client.genericKubernetesResources(kind);
        return kind.isNamespaceScoped() ? op.inNamespace(live.getMetadata().getNamespace()).resource(live) : op.resource(live);
    }

    /**
     * The guarded JSON patch: the resourceVersion precondition, then each top-level field (and metadata's labels and
     * annotations) that differs, replaced whole.
     */
    static ArrayNode operations(ObjectNode before, ObjectNode wanted) {
        ArrayNode ops = Mappers.json().createArrayNode();
        ops.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
                .put("value", before.path("metadata").path("resourceVersion").asText());
        diff(ops, "", before, wanted, Set.of("metadata", "status", "apiVersion", "kind"));
        JsonNode bm = before.path("metadata");
        JsonNode wm = wanted.path("metadata");
        for (String f : new String[] {"labels", "annotations"}) {
            if (!bm.path(f).equals(wm.path(f))) {
                if (wm.has(f)) ops.addObject().put("op", "add").put("path", "/metadata/" + f).set("value", wm.get(f));
                else ops.addObject().put("op", "remove").put("path", "/metadata/" + f);
            }
        }
        return ops;
    }

    private static void diff(ArrayNode ops, String prefix, JsonNode before, JsonNode wanted, Set<String> skip) {
        for (Iterator<String> it = wanted.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (skip.contains(f) || wanted.get(f).equals(before.get(f))) continue;
            ops.addObject().put("op", "add").put("path", prefix + "/" + escape(f)).set("value", wanted.get(f));
        }
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!skip.contains(f) && !wanted.has(f)) ops.addObject().put("op", "remove").put("path", prefix + "/" + escape(f));
        }
    }

    private static String escape(String f) {
        return f.replace("~", "~0").replace("/", "~1");
    }

    /** Equal apart from fields the server sets. */
    static boolean sameContent(ObjectNode before, ObjectNode wanted) {
        return strip(before).equals(strip(wanted));
    }

    private static JsonNode strip(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        c.remove("status");
        if (c.get("metadata") instanceof ObjectNode m) SERVER_FIELDS.forEach(m::remove);
        return c;
    }

    private Applied result(ResourceDefinitionContext kind, String namespace, String name, Outcome outcome) {
        return new Applied(Kinds.apiVersion(kind), kind.getKind(), namespace, name, outcome, dryRun.isDryRun());
    }
}
