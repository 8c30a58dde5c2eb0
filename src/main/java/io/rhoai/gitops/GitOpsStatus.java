package io.rhoai.gitops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.RhoaiException;
import io.rhoai.gitops.BootstrapResult.AppState;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import static io.rhoai.gitops.GitOpsNames.*;

/** Reads what OpenShift GitOps looks like on a cluster: operator, Argo CD instance, Applications. Read-only. */
public final class GitOpsStatus {
    @RegisterForReflection
    public record Operator(String subscription, String channel, String csv, String version, String phase) { }

    @RegisterForReflection
    public record Instance(String name, String phase, String server, String url) { }

    /**
     * {@code installed}: a Subscription to the operator exists. {@code lastTransitions}: per Application, when its health
     * last changed ({@code status.health.lastTransitionTime}), else when its last sync finished
     * ({@code status.operationState.finishedAt}); absent when the Application says neither.
     */
    @RegisterForReflection
    public record StatusResult(String cluster, boolean installed, Operator operator, Instance instance, List<AppState> applications,
                               java.util.Map<String, String> lastTransitions) { }

    private final KubernetesClient client;

    public GitOpsStatus(KubernetesClient client) {
        this.client = client;
    }

    public StatusResult read(String cluster, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        GenericKubernetesResource sub = orNull(deadline, "list Subscriptions", () -> client.genericKubernetesResources(Kinds.SUBSCRIPTION)
                .inAnyNamespace().list().getItems().stream().filter(s -> PACKAGE.equals(Fields.text(s, "spec", "name"))).findFirst().orElse(null));
        if (sub == null) return new StatusResult(cluster, false, null, null, List.of(), java.util.Map.of());
        String ns = sub.getMetadata().getNamespace();
        String csvName = Fields.text(sub, "status", "installedCSV");
        GenericKubernetesResource csv = csvName == null ? null : orNull(deadline, "read CSV " + csvName,
                () -> client.genericKubernetesResources(Kinds.CSV).inNamespace(ns).withName(csvName).get());
        Operator operator = new Operator(ns + "/" + sub.getMetadata().getName(), Fields.text(sub, "spec", "channel"), csvName,
                Fields.text(csv, "spec", "version"), Fields.text(csv, "status", "phase"));
        GenericKubernetesResource argo = orNull(deadline, "read Argo CD instance",
                () -> client.genericKubernetesResources(Kinds.ARGOCD).inNamespace(ARGOCD_NAMESPACE).withName(ARGOCD_NAME).get());
        GenericKubernetesResource route = orNull(deadline, "read Route " + SERVER_ROUTE,
                () -> client.genericKubernetesResources(Kinds.ROUTE).inNamespace(ARGOCD_NAMESPACE).withName(SERVER_ROUTE).get());
        String host = Fields.text(route, "spec", "host");
        Instance instance = argo == null ? null : new Instance(ARGOCD_NAMESPACE + "/" + ARGOCD_NAME, Fields.text(argo, "status", "phase"),
                Fields.text(argo, "status", "server"), host == null ? null : "https://" + host);
        List<GenericKubernetesResource> apps = orNull(deadline, "list Applications",
                () -> client.genericKubernetesResources(Kinds.APPLICATION).inNamespace(ARGOCD_NAMESPACE).list().getItems());
        List<AppState> states = apps == null ? List.of() : apps.stream().map(GitOpsNames::appState)
                .sorted(Comparator.comparing(AppState::name)).toList();
        java.util.Map<String, String> since = new java.util.TreeMap<>();
        for (GenericKubernetesResource a : apps == null ? List.<GenericKubernetesResource>of() : apps) {
            String t = Fields.text(a, "status", "health", "lastTransitionTime");
            if (t == null) t = Fields.text(a, "status", "operationState", "finishedAt");
            if (t != null) since.put(a.getMetadata().getName(), t);
        }
        return new StatusResult(cluster, true, operator, instance, states, since);
    }

    /** Null when the kind is not served (the operator's CRDs are not installed yet) or the object is absent. */
    private static <T> T orNull(Deadline deadline, String what, Supplier<T> read) {
        try {
            return Retry.call(what, deadline, read);
        } catch (RhoaiException e) {
            if (Retry.status(e) == 404) return null;
            throw e;
        }
    }
}
