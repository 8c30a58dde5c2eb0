package io.rhoai.promote.gate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.git.RepoUrls;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The gate: every Argo CD Application in the source cluster that deploys from the GitOps repo must be Synced and
 * Healthy, at exactly the revision being promoted ({@code status.sync.revision}, or any of {@code status.sync.revisions}
 * for multi-source apps). Read-only; the client comes from the source cluster's kubeconfig/context.
 */
public final class ArgoApplicationGate implements SourceGate {
    public static final String API_VERSION = "argoproj.io/v1alpha1";
    public static final String DEFAULT_NAMESPACE = "openshift-gitops";

    private final Supplier<KubernetesClient> clients;
    private final String namespace;
    private final String labelKey;
    private final String labelValue;

    public ArgoApplicationGate(Supplier<KubernetesClient> clients, String namespace) {
        this(clients, namespace, null, null);
    }

    /**
     * A gate over the Applications carrying one label only: a ring on a fleet's hub ({@code rhoai.io/ring=canary}), read
     * in the same one list request.
     */
    public ArgoApplicationGate(Supplier<KubernetesClient> clients, String namespace, String labelKey, String labelValue) {
        this.clients = clients;
        this.namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        this.labelKey = labelKey;
        this.labelValue = labelValue;
    }

    @Override
    public GateResult check(String repoURL, String sha, Progress progress) {
        progress.step("Gate: Argo CD Applications in " + namespace + " must be Synced and Healthy at " + sha.substring(0, 7));
        try (KubernetesClient client = clients.get()) {
            String server = String.valueOf(client.getMasterUrl());
            List<GenericKubernetesResource> items;
            try {
                // the gate is one read: it may take one request's time (--request-timeout), and Retry names the server and cause
                Deadline oneRequest = Deadline.in(Duration.ofMillis(Math.max(1000, client.getConfiguration().getRequestTimeout())));
                items = Retry.call("gate: list Applications in " + namespace + " on " + server, oneRequest,
                        () -> (labelKey == null ? client.genericKubernetesResources(Kinds.APPLICATION).inNamespace(namespace)
                                : client.genericKubernetesResources(Kinds.APPLICATION).inNamespace(namespace).withLabel(labelKey, labelValue))
                                .list().getItems());
            } catch (RhoaiException e) {
                if (Retry.status(e) == 404) {
                    throw RhoaiException.precondition("gate: no Argo CD Application API on " + server,
                            "point --source-kubeconfig/--source-context at the source cluster, where OpenShift GitOps runs");
                }
                throw e;
            }
            String wanted = RepoUrls.normalise(repoURL);
            List<GateResult.AppStatus> apps = new ArrayList<>();
            for (GenericKubernetesResource app : items) {
                if (!fromRepo(app, wanted)) continue;
                apps.add(status(app, sha));
            }
            apps.sort((a, b) -> a.name().compareTo(b.name()));
            if (apps.isEmpty()) {
                return new GateResult(GateResult.FAILED, sha, namespace, server,
                        "no Application in " + namespace + (labelKey == null ? "" : " labelled " + labelKey + "=" + labelValue) + " deploys from " + RepoUrls.display(repoURL)
                                + " (is this the source cluster?)", apps);
            }
            long bad = apps.stream().filter(a -> a.problem() != null).count();
            if (bad == 0) {
                progress.done("Gate passed: " + apps.size() + " Applications Synced and Healthy at " + sha.substring(0, 7));
                return new GateResult(GateResult.PASSED, sha, namespace, server, null, apps);
            }
            return new GateResult(GateResult.FAILED, sha, namespace, server,
                    bad + " of " + apps.size() + " Applications are not Synced and Healthy at " + sha.substring(0, 7), apps);
        }
    }

    private static boolean fromRepo(GenericKubernetesResource app, String wanted) {
        Map<String, Object> spec = map(app.getAdditionalProperties().get("spec"));
        List<Object> sources = new ArrayList<>();
        if (spec.get("source") != null) sources.add(spec.get("source"));
        if (spec.get("sources") instanceof List<?> l) sources.addAll(l);
        for (Object s : sources) {
            if (RepoUrls.normalise(String.valueOf(map(s).get("repoURL"))).equals(wanted)) return true;
        }
        return false;
    }

    private static GateResult.AppStatus status(GenericKubernetesResource app, String sha) {
        Map<String, Object> status = map(app.getAdditionalProperties().get("status"));
        Map<String, Object> sync = map(status.get("sync"));
        Map<String, Object> health = map(status.get("health"));
        String syncStatus = Objects.toString(sync.get("status"), "Unknown");
        String healthStatus = Objects.toString(health.get("status"), "Unknown");
        List<String> revisions = new ArrayList<>();
        if (sync.get("revision") != null) revisions.add(String.valueOf(sync.get("revision")));
        if (sync.get("revisions") instanceof List<?> l) l.forEach(r -> revisions.add(String.valueOf(r)));
        String revision = revisions.isEmpty() ? null : String.join(",", revisions);
        List<String> problems = new ArrayList<>();
        if (!"Synced".equals(syncStatus)) problems.add("sync " + syncStatus);
        if (!"Healthy".equals(healthStatus)) problems.add("health " + healthStatus);
        if (revisions.stream().noneMatch(sha::equals)) {
            problems.add("at " + (revision == null ? "no revision" : short7(revision)) + ", not " + sha.substring(0, 7));
        }
        return new GateResult.AppStatus(app.getMetadata().getName(), syncStatus, healthStatus, revision,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static String short7(String revisions) {
        StringBuilder b = new StringBuilder();
        for (String r : revisions.split(",")) {
            if (b.length() > 0) b.append(',');
            b.append(r.length() > 7 ? r.substring(0, 7) : r);
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
