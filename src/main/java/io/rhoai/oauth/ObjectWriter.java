package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.RhoaiException;

import java.util.Optional;
import java.util.function.Function;

/**
 * Read-merge-write with optimistic concurrency. The caller's merge function computes the wanted object from what is
 * on the server now (empty: the object does not exist); the write carries the resourceVersion that was read, so a
 * change made by someone else in between makes the server refuse it (409). Then the object is read again and merged
 * again, so their change is kept, never overwritten. Nothing is sent when the merge leaves the object as it is.
 */
final class ObjectWriter {
    static final int MAX_ATTEMPTS = 5;
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private final KubeJson kube;

    ObjectWriter(KubeJson kube) {
        this.kube = kube;
    }

    /** What to write given the current object; {@code null} from the function means "leave it as it is". */
    record Write(Outcome outcome, ObjectNode stored) { }

    /**
     * @param collection the collection path (for create)
     * @param item       the object's path
     * @param merge      current (possibly empty) → wanted object, or null for no change
     * @param dryRun     compute only; report would-create / would-configure
     */
    Write apply(String collection, String item, Function<Optional<ObjectNode>, ObjectNode> merge, boolean dryRun) {
        for (int attempt = 1; ; attempt++) {
            Optional<ObjectNode> current = kube.get(item);
            ObjectNode wanted = merge.apply(current.map(ObjectNode::deepCopy));
            if (wanted == null || current.isPresent() && sameContent(current.get(), wanted)) {
                return new Write(Outcome.UNCHANGED, current.orElse(null));
            }
            if (dryRun) {
                return new Write(current.isPresent() ? Outcome.WOULD_CONFIGURE : Outcome.WOULD_CREATE, wanted);
            }
            try {
                if (current.isEmpty()) {
                    return new Write(Outcome.CREATED, kube.create(collection, wanted));
                }
                ObjectNode meta = child(wanted, "metadata");
                meta.put("resourceVersion", current.get().path("metadata").path("resourceVersion").asText());
                meta.remove("managedFields");   // the server keeps and updates them; sending them back would overwrite them
                return new Write(Outcome.CONFIGURED, kube.replace(item, wanted));
            } catch (KubeJson.ConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw RhoaiException.remote(item + " kept changing while rhoai tried to update it (" + attempt
                            + " conflicts in a row)", "wait until whoever else is changing it is done, then re-run", e);
                }
                // someone else wrote in between: read again and merge again, keeping their change
            }
        }
    }

    /** Equal except for server-maintained metadata. */
    static boolean sameContent(ObjectNode current, ObjectNode wanted) {
        return strip(current).equals(strip(wanted));
    }

    private static JsonNode strip(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        c.remove("status");
        JsonNode meta = c.get("metadata");
        if (meta instanceof ObjectNode m) {
            for (String f : new String[] {"resourceVersion", "generation", "uid", "creationTimestamp", "managedFields", "selfLink"}) {
                m.remove(f);
            }
            if (m.path("labels").isEmpty()) m.remove("labels");
            if (m.path("annotations").isEmpty()) m.remove("annotations");
            if (m.path("finalizers").isEmpty()) m.remove("finalizers");
            if (m.path("ownerReferences").isEmpty()) m.remove("ownerReferences");
        }
        return c;
    }

    /** The object field {@code name}, created when absent. */
    static ObjectNode child(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        if (n instanceof ObjectNode o) return o;
        return parent.putObject(name);
    }

    /** Adds the managed-by label rhoai puts on objects it owns. */
    static void labelManaged(ObjectNode object) {
        child(child(object, "metadata"), "labels").put(MANAGED_BY, "rhoai");
    }
}
