package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Rollouts as {@link Awaited} specs for {@code Poller.await}: a Deployment that has rolled out what the caller expects,
 * and a ClusterOperator that has picked up a change and settled. Each look is one GET; a transient API error during a
 * look (the kube-apiserver restarts during its own rollout) counts as "not yet", any other error fails the wait.
 *
 * <p>A ClusterOperator that is settled now may simply not have noticed the change yet, so a wait takes a {@link Mark}
 * before writing and is done only once Progressing has transitioned since then. Progressing's lastTransitionTime moves
 * whenever the operator starts (and again when it finishes) a rollout, so a rollout that started and finished between
 * two polls is still seen. If another rollout was already running at the mark, its end counts as the end of this one
 * (the operator rolls out the latest configuration either way).
 */
public final class Rollouts {
    private Rollouts() { }

    /** A ClusterOperator's Progressing lastTransitionTime before a change; null when it had none (or did not exist). */
    public record Mark(String progressingSince) { }

    /**
     * Done when the controller has seen the latest spec (observedGeneration), every desired replica is updated and
     * available, no old replica is left, and {@code expectation} holds (say, "the pods mount secret X").
     * {@code expectationState} describes the expectation's side of the state in the progress and timeout lines.
     */
    public static Awaited<Deployment> deployment(KubernetesClient client, String namespace, String name,
                                                 Predicate<Deployment> expectation, Function<Deployment, String> expectationState) {
        String ref = "deployment " + namespace + "/" + name;
        return new Awaited<>(ref + " to roll out",
                "check with: oc get deployment -n " + namespace + " " + name + "; then re-run (it is safe)",
                () -> look("read " + ref, () -> client.apps().deployments().inNamespace(namespace).withName(name).get()),
                d -> d != null && replicasRolledOut(d) && expectation.test(d),
                d -> d == null ? ref + " not found" : expectationState.apply(d) + ", " + replicaState(d));
    }

    /** Progressing's lastTransitionTime now, to tell a rollout that starts after this moment from an earlier one. */
    public static Mark mark(KubernetesClient client, String clusterOperator, Deadline deadline) {
        GenericKubernetesResource co = Retry.call("read ClusterOperator " + clusterOperator, deadline,
                () -> new Kinds(client).resource(Kinds.CLUSTER_OPERATOR, null, clusterOperator).get());
        return new Mark(progressingSince(co));
    }

    /**
     * Settled (Available=True, Progressing=False, Degraded!=True) AND, when mark is non-null, Progressing transitioned
     * since the mark. State text like "Available=True Progressing=False Degraded=False (message)".
     */
    public static Awaited<GenericKubernetesResource> clusterOperator(KubernetesClient client, String name, Mark mark) {
        return new Awaited<GenericKubernetesResource>("ClusterOperator " + name + " to roll out",
                "look at the operator with: oc get clusteroperator " + name + " -o yaml; raise --timeout if it is only slow",
                () -> look("read ClusterOperator " + name, () -> new Kinds(client).resource(Kinds.CLUSTER_OPERATOR, null, name).get()),
                co -> co != null && settled(co) && transitioned(co, mark),
                co -> describe(co, name) + (co != null && !transitioned(co, mark) ? "; the rollout has not started yet" : ""));
    }

    static boolean settled(GenericKubernetesResource co) {
        return "True".equals(Fields.condition(co, "Available")) && "False".equals(Fields.condition(co, "Progressing"))
                && !"True".equals(Fields.condition(co, "Degraded"));
    }

    private static boolean transitioned(GenericKubernetesResource co, Mark mark) {
        return mark == null || !Objects.equals(progressingSince(co), mark.progressingSince());
    }

    private static String progressingSince(GenericKubernetesResource co) {
        Map<String, Object> c = Fields.conditionOf(co, "Progressing");
        return c == null || c.get("lastTransitionTime") == null ? null : String.valueOf(c.get("lastTransitionTime"));
    }

    private static boolean replicasRolledOut(Deployment d) {
        int desired = desired(d);
        return observed(d) >= generation(d) && updated(d) == desired && available(d) == desired && total(d) == desired;
    }

    private static String replicaState(Deployment d) {
        int desired = desired(d);
        return "observedGeneration " + observed(d) + "/" + generation(d) + ", updated " + updated(d) + "/" + desired
                + ", available " + available(d) + "/" + desired + ", replicas " + total(d);
    }

    private static long generation(Deployment d) {
        return d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    }

    private static long observed(Deployment d) {
        return d.getStatus() == null || d.getStatus().getObservedGeneration() == null ? 0 : d.getStatus().getObservedGeneration();
    }

    private static int desired(Deployment d) {
        return d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static int updated(Deployment d) {
        return d.getStatus() == null || d.getStatus().getUpdatedReplicas() == null ? 0 : d.getStatus().getUpdatedReplicas();
    }

    private static int available(Deployment d) {
        return d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0 : d.getStatus().getAvailableReplicas();
    }

    private static int total(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas();
    }

    /** One look: a transient failure is "nothing seen" (the next look may succeed), anything else is the wait's end. */
    private static <T> T look(String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            if (Retry.isTransient(e)) return null;
            throw Retry.failure(what, e);
        }
    }

    /** A ClusterOperator's conditions in one line: "Available=True Progressing=False Degraded=False (message)". */
    public static String describe(GenericKubernetesResource co, String name) {
        if (co == null) return "ClusterOperator " + name + " not found";
        String message = null;
        for (String type : new String[] {"Progressing", "Degraded"}) {
            Map<String, Object> c = Fields.conditionOf(co, type);
            if (c != null && "True".equals(c.get("status")) && c.get("message") != null) message = String.valueOf(c.get("message"));
        }
        return "Available=" + orUnknown(Fields.condition(co, "Available")) + " Progressing=" + orUnknown(Fields.condition(co, "Progressing"))
                + " Degraded=" + orUnknown(Fields.condition(co, "Degraded")) + (message == null || message.isEmpty() ? "" : " (" + message + ")");
    }

    private static String orUnknown(String s) {
        return s == null ? "Unknown" : s;
    }
}
