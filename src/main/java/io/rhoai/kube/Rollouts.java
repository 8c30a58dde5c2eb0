package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;

import java.util.Map;
import java.util.Objects;

/**
 * Rollouts as {@link Awaited} specs for {@code Poller.await}: "the operator has picked up my change and settled".
 *
 * <p>A ClusterOperator that is settled now may simply not have noticed the change yet, so a wait takes a {@link Mark}
 * before writing and is done only once Progressing has transitioned since then. The lastTransitionTime of Progressing
 * is the signal: it moves whenever the operator starts (and again when it finishes) a rollout, so a rollout that
 * started and finished between two polls is still seen. If another rollout was already running at the mark, its end
 * counts as the end of this one (the operator rolls out the latest configuration either way).
 */
public final class Rollouts {
    private Rollouts() { }

    /** What a ClusterOperator looked like before a change: Progressing's lastTransitionTime (null when absent). */
    public record Mark(String progressingSince) { }

    public static Mark mark(KubernetesClient client, String clusterOperator, Deadline deadline) {
        GenericKubernetesResource co = Retry.call("read ClusterOperator " + clusterOperator, deadline,
                new Kinds(client).resource(Kinds.CLUSTER_OPERATOR, null, clusterOperator)::get);
        return new Mark(progressing(co, "lastTransitionTime"));
    }

    /**
     * Settled (Available=True, Progressing=False, Degraded!=True) AND, when mark is non-null, Progressing transitioned
     * since the mark. State text like "Available=True Progressing=False Degraded=False (message)".
     */
    public static Awaited<GenericKubernetesResource> clusterOperator(KubernetesClient client, String name, Mark mark) {
        return new Awaited<GenericKubernetesResource>("ClusterOperator " + name + " to roll out",
                "look at the operator with: oc get clusteroperator " + name + " -o yaml; raise --timeout if it is only slow",
                () -> read(client, name),
                co -> co != null && settled(co) && transitioned(co, mark),
                co -> describe(co, name) + (co != null && !transitioned(co, mark) ? "; the rollout has not started yet" : ""));
    }

    /**
     * One look, for a poll: a transient error (429, 5xx, a dropped connection) reads as "nothing seen" and the next poll
     * tries again within the same deadline; anything else (401, 403) fails the wait at once.
     */
    private static GenericKubernetesResource read(KubernetesClient client, String name) {
        try {
            return new Kinds(client).resource(Kinds.CLUSTER_OPERATOR, null, name).get();
        } catch (KubernetesClientException e) {
            if (Retry.isTransient(e)) return null;
            throw Retry.failure("read ClusterOperator " + name, e);
        }
    }

    private static boolean settled(GenericKubernetesResource co) {
        return "True".equals(Fields.condition(co, "Available")) && "False".equals(Fields.condition(co, "Progressing"))
                && !"True".equals(Fields.condition(co, "Degraded"));
    }

    private static boolean transitioned(GenericKubernetesResource co, Mark mark) {
        return mark == null || !Objects.equals(progressing(co, "lastTransitionTime"), mark.progressingSince());
    }

    private static String describe(GenericKubernetesResource co, String name) {
        if (co == null) return "ClusterOperator " + name + " not found";
        String message = null;
        for (String type : new String[] {"Progressing", "Degraded"}) {
            Map<String, Object> c = condition(co, type);
            if (c != null && "True".equals(c.get("status")) && c.get("message") != null) message = String.valueOf(c.get("message"));
        }
        return "Available=" + orUnknown(Fields.condition(co, "Available")) + " Progressing=" + orUnknown(Fields.condition(co, "Progressing"))
                + " Degraded=" + orUnknown(Fields.condition(co, "Degraded")) + (message == null || message.isEmpty() ? "" : " (" + message + ")");
    }

    private static String progressing(GenericKubernetesResource co, String field) {
        Map<String, Object> c = condition(co, "Progressing");
        return c == null || c.get(field) == null ? null : String.valueOf(c.get(field));
    }

    private static Map<String, Object> condition(GenericKubernetesResource co, String type) {
        for (Map<String, Object> c : Fields.list(co, "status", "conditions")) {
            if (type.equals(c.get("type"))) return c;
        }
        return null;
    }

    private static String orUnknown(String s) {
        return s == null ? "Unknown" : s;
    }
}
