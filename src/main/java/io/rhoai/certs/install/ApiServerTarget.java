package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.rhoai.core.Outcome;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Rollouts;

import java.util.ArrayList;
import java.util.List;

import static io.rhoai.certs.install.InstallTarget.orDefault;

/**
 * The API server: the API host's entry of {@code APIServer cluster .spec.servingCerts.namedCertificates} names the
 * Secret in {@code openshift-config} (entries other parties own are kept as they are, see {@link NamedCertificates}); the
 * kube-apiserver operator then rolls a new revision onto every control-plane node.
 */
final class ApiServerTarget implements InstallTarget {
    static final String NAMESPACE = "openshift-config";
    private static final String OPERATOR = "kube-apiserver";

    private final Context cx;
    /** The namedCertificates last read, for the plan. */
    private JsonNode entries = Mappers.json().createArrayNode();
    private Long revisionMark;
    private Rollouts.Mark operatorMark;

    ApiServerTarget(Context cx) {
        this.cx = cx;
    }

    /** One look at the rollout: the operator's revisions and its ClusterOperator, either possibly not visible. */
    record State(ObjectNode kubeApiServer, GenericKubernetesResource clusterOperator) { }

    @Override public String name() { return "api"; }
    @Override public String label() { return "API server"; }
    @Override public String namespace() { return NAMESPACE; }
    @Override public String host() { return cx.hosts().api(); }
    @Override public String displayHost() { return host(); }
    @Override public String reference() { return "APIServer cluster (namedCertificates entry for " + host() + ")"; }
    @Override public String endpointFlag() { return "--api-endpoint"; }
    @Override public String skipFlag() { return "--ingress-only"; }
    /** kubectl and oc trust only the kubeconfig's CA: a chain outside it locks every such kubeconfig out. */
    @Override public boolean locksOutKubeconfigs() { return true; }
    @Override public TlsProber.Endpoint endpoint() { return cx.endpoints().api(host()); }
    @Override public String servedSecret(String secretName) { return secretName; }

    @Override
    public String currentSecret(Deadline deadline) {
        entries = namedCertificates(cx.require(Kinds.API_SERVER, null, "cluster", check(), deadline));
        return NamedCertificates.secretFor(entries, host());
    }

    @Override
    public Outcome point(String secretName, List<String> names, Deadline deadline) {
        return cx.writer().write(Kinds.API_SERVER, null, "cluster", api -> {
            if (api == null) throw InstallTarget.missing(Kinds.API_SERVER, null, "cluster", check());
            JsonNode before = namedCertificates(api);
            ArrayNode merged = secretName == null ? NamedCertificates.remove(before, host())
                    : NamedCertificates.pointAt(before, host(), names == null ? List.of(host()) : names, secretName);
            if (merged.equals(before)) return null;
            InstallTarget.object(InstallTarget.object(api, "spec"), "servingCerts").set("namedCertificates", merged);
            return api;
        }, deadline).outcome();
    }

    @Override
    public void markRollout(Deadline deadline) {
        revisionMark = latestRevision(cx.read(Kinds.KUBE_API_SERVER, null, "cluster", deadline));
        operatorMark = Rollouts.mark(cx.client(), OPERATOR, deadline);
    }

    @Override
    public String awaitRollout(String secretName, boolean changed, Deadline deadline) {
        cx.progress().step("waiting for the kube-apiserver rollout (this takes several minutes on a real cluster)");
        // where revisions are visible they tell a new rollout from an old one; else Progressing must move after the mark
        Awaited<GenericKubernetesResource> settled = Rollouts.clusterOperator(cx.client(), OPERATOR, null);
        Awaited<GenericKubernetesResource> settledSinceMark = Rollouts.clusterOperator(cx.client(), OPERATOR, changed ? operatorMark : null);
        State last = cx.await(new Awaited<State>("the kube-apiserver rollout (clusteroperator kube-apiserver Progressing=False and Available=True"
                        + (changed ? ", kubeapiserver/cluster at a new revision on every node" : "") + ")",
                "check with: oc get co kube-apiserver; oc get kubeapiserver cluster -o jsonpath='{.status.nodeStatuses}'; then re-run (it is safe)",
                () -> new State(cx.read(Kinds.KUBE_API_SERVER, null, "cluster", deadline), cx.get(Kinds.CLUSTER_OPERATOR, null, OPERATOR, deadline)),
                s -> latestRevision(s.kubeApiServer()) != null
                        ? onNewRevision(s.kubeApiServer(), changed) && (s.clusterOperator() == null || settled.done().test(s.clusterOperator()))
                        : s.clusterOperator() == null || settledSinceMark.done().test(s.clusterOperator()),
                s -> latestRevision(s.kubeApiServer()) != null
                        ? revisions(s.kubeApiServer()) + "; " + settled.state().apply(s.clusterOperator())
                        : settledSinceMark.state().apply(s.clusterOperator())), deadline);
        if (last.kubeApiServer() == null && last.clusterOperator() == null) {
            cx.progress().warn("neither kubeapiserver/cluster nor clusteroperator kube-apiserver is visible: the API server rollout was not awaited");
            return "not awaited: kubeapiserver/cluster and clusteroperator kube-apiserver are not visible";
        }
        cx.progress().done("kube-apiserver rollout complete");
        return "kube-apiserver settled" + (changed ? " at a new revision" : "") + " (clusteroperator kube-apiserver Progressing=False, Available=True)";
    }

    @Override
    public List<String> planLines(String previous, String secretName, boolean repoint) {
        int others = 0;
        for (JsonNode e : entries) {
            if (!names(e)) others++;
        }
        return List.of(repoint
                        ? "patch APIServer cluster: spec.servingCerts.namedCertificates entry for " + host() + " " + orDefault(previous)
                          + " -> " + orDefault(secretName) + "; " + others + " other entr" + (others == 1 ? "y" : "ies")
                          + " kept as they are (resourceVersion-guarded)"
                        : "APIServer cluster already serves " + host() + " from " + orDefault(secretName) + ": no change",
                "wait for the kube-apiserver rollout (clusteroperator kube-apiserver, kubeapiserver/cluster revisions)");
    }

    private boolean names(JsonNode entry) {
        for (JsonNode n : entry.path("names")) {
            if (n.asText().equalsIgnoreCase(host())) return true;
        }
        return false;
    }

    /** With a change: a revision newer than the mark; in any case: every node at the latest revision. */
    private boolean onNewRevision(ObjectNode kas, boolean changed) {
        long latest = latestRevision(kas);
        List<Long> nodes = nodeRevisions(kas);
        boolean newRevision = !changed || revisionMark == null || latest > revisionMark;
        return newRevision && !nodes.isEmpty() && nodes.stream().allMatch(r -> r == latest);
    }

    private String revisions(ObjectNode kas) {
        return "kubeapiserver/cluster latestAvailableRevision " + latestRevision(kas)
                + (revisionMark != null ? " (was " + revisionMark + ")" : "") + ", nodes at revisions " + nodeRevisions(kas);
    }

    private static Long latestRevision(JsonNode kas) {
        return kas == null || !kas.path("status").has("latestAvailableRevision") ? null
                : kas.path("status").path("latestAvailableRevision").asLong();
    }

    private static List<Long> nodeRevisions(JsonNode kas) {
        List<Long> nodes = new ArrayList<>();
        for (JsonNode n : kas.path("status").path("nodeStatuses")) nodes.add(n.path("currentRevision").asLong());
        return nodes;
    }

    private static JsonNode namedCertificates(JsonNode apiServer) {
        JsonNode entries = apiServer.path("spec").path("servingCerts").path("namedCertificates");
        return entries.isArray() ? entries : Mappers.json().createArrayNode();
    }

    private static String check() {
        return "oc get apiserver cluster";
    }
}
