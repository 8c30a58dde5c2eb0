package io.rhoai.fleet.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.time.Deadline;
import io.rhoai.fleet.Fleet;
import io.rhoai.fleet.Member;
import io.rhoai.fleet.render.FleetRenderer;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's state as the hub's Argo CD sees it, in ONE list request: the Applications labelled
 * {@value Fleet#MEMBER_LABEL} in {@value Fleet#ARGOCD_NAMESPACE} (those {@code fleet render}'s ApplicationSets
 * generate), whatever the number of clusters; no member cluster is contacted. One row per member profile, plus a row per
 * Application whose cluster has no profile:
 * <ul>
 *   <li>sync and health: the Application's {@code status.sync.status} and {@code status.health.status};</li>
 *   <li>revision: the commit it is synced to ({@code status.sync.revision});</li>
 *   <li>drift: the Application is OutOfSync (the cluster differs from git), or it tracks another revision or overlay
 *       than the profile says (the rendered ApplicationSets were not re-rendered or not merged), or there is no
 *       Application for the profile (not rendered/registered), or no profile for the Application;</li>
 *   <li>certificate days left and GPU pools at their cap: the hub's Applications do not hold them (they live in each
 *       member's API server certificate and MachineSets), so they are null here; docs/fleet.md says how to get them.</li>
 * </ul>
 * A row needs attention when it is not Synced and Healthy or has drift.
 */
public final class FleetStatus {
    @RegisterForReflection
    public record Row(String cluster, String ring, String application, String sync, String health, String revision,
                      Integer certificateDaysLeft, Integer gpuPoolsAtCap, List<String> drift, boolean attention) { }

    @RegisterForReflection
    public record Result(String hub, int clusters, int needAttention, List<Row> rows) {
        public boolean attention() {
            return needAttention > 0;
        }
    }

    private final KubernetesClient hub;
    private final Clock clock;

    public FleetStatus(KubernetesClient hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    /** @param members the fleet without the hub, sorted by name */
    public Result read(String hubName, List<Member> members, Duration timeout) {
        Deadline deadline = Deadline.in(timeout, clock);
        List<GenericKubernetesResource> apps = Retry.call("list Applications in " + Fleet.ARGOCD_NAMESPACE + " on the hub " + hubName, deadline,
                () -> hub.genericKubernetesResources(Kinds.APPLICATION).inNamespace(Fleet.ARGOCD_NAMESPACE)
                        .withLabel(Fleet.MEMBER_LABEL).list().getItems());
        Map<String, GenericKubernetesResource> byMember = new TreeMap<>();
        for (GenericKubernetesResource a : apps) {
            String m = a.getMetadata().getLabels() == null ? null : a.getMetadata().getLabels().get(Fleet.MEMBER_LABEL);
            if (m != null) byMember.put(m, a);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Member> known = new LinkedHashMap<>();
        for (Member m : members) known.put(m.name(), m);
        for (Member m : members) rows.add(row(m, byMember.get(m.name())));
        for (Map.Entry<String, GenericKubernetesResource> e : byMember.entrySet()) {
            if (!known.containsKey(e.getKey())) rows.add(row(e.getKey(), e.getValue()));
        }
        int attention = (int) rows.stream().filter(Row::attention).count();
        return new Result(hubName, members.size(), attention, rows);
    }

    private static Row row(Member m, GenericKubernetesResource app) {
        List<String> drift = new ArrayList<>();
        if (app == null) {
            drift.add("no Application " + FleetRenderer.applicationName(m.name()) + " on the hub (render the fleet and merge it)");
            return new Row(m.name(), m.ring(), null, null, null, null, null, null, drift, true);
        }
        String sync = Fields.text(app, "status", "sync", "status");
        String health = Fields.text(app, "status", "health", "status");
        if ("OutOfSync".equals(sync)) drift.add("OutOfSync: the cluster differs from git");
        String target = Fields.text(app, "spec", "source", "targetRevision");
        if (m.revision() != null && target != null && !m.revision().equals(target)) {
            drift.add("tracks revision " + target + ", the profile says " + m.revision());
        }
        String path = Fields.text(app, "spec", "source", "path");
        if (path != null && !path.equals(m.overlayPath())) drift.add("syncs " + path + ", the profile says " + m.overlayPath());
        boolean attention = !"Synced".equals(sync) || !"Healthy".equals(health) || !drift.isEmpty();
        return new Row(m.name(), m.ring(), app.getMetadata().getName(), sync, health, Fields.text(app, "status", "sync", "revision"),
                null, null, drift, attention);
    }

    private static Row row(String cluster, GenericKubernetesResource app) {
        String ring = app.getMetadata().getLabels().get(Fleet.RING_LABEL);
        return new Row(cluster, ring, app.getMetadata().getName(), Fields.text(app, "status", "sync", "status"),
                Fields.text(app, "status", "health", "status"), Fields.text(app, "status", "sync", "revision"), null, null,
                List.of("no profile " + cluster + " in the fleet directory"), true);
    }
}
