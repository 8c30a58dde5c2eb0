package io.rhoai.lifecycle;

import io.rhoai.certs.status.StatusResult;
import io.rhoai.gitops.BootstrapResult.AppState;
import io.rhoai.gitops.GitOpsStatus;
import io.rhoai.gpu.GpuPoolManager;
import io.rhoai.kube.ClusterIdentity;
import io.rhoai.kube.Fields;
import io.rhoai.models.serving.ServedModels;
import io.rhoai.oauth.OAuthStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code rhoai status}: composes the existing read-only readers BY FUNCTION (each given as a supplier; null when the
 * profile does not configure that part) and judges what needs attention. Reads only; each reader makes a fixed number
 * of requests, so a status costs a bounded number whatever the cluster holds.
 */
public final class ClusterStatusReader {
    public static final String IDENTITY = "identity";
    public static final String GPU_POOLS = "gpu-pools";
    public static final String GITOPS = "gitops";
    public static final String SIGN_IN = "sign-in";
    public static final String CERTIFICATES = "certificates";
    public static final String MODELS = "models";

    /**
     * @param identity     reads (and checks) the cluster's identity and version
     * @param pools        the GPU MachineSets ({@code gpu pools list}); null: no spec.gpuPools
     * @param capacity     caps and pending GPU pods; null with pools
     * @param profilePools the profile's pool names, to find missing ones
     * @param gitops       {@code gitops status}; null: no spec.gitops
     * @param signIn       {@code oauth status}; always read (kubeadmin matters on any cluster)
     * @param certificates {@code certs status}; null: no spec.certificates
     * @param renewBefore  the renewal window certificates are judged by
     * @param grace        how long an Application may be Degraded or OutOfSync before it needs attention
     * @param extras       further sections (models), in order
     */
    public record Sources(String profile, Supplier<ClusterStatus.Identity> identity, Supplier<GpuPoolManager.ListResult> pools,
            Supplier<GpuPoolManager.Capacity> capacity, List<String> profilePools, Supplier<GitOpsStatus.StatusResult> gitops,
            Supplier<OAuthStatus> signIn, Supplier<StatusResult> certificates, Duration renewBefore, Duration grace,
            List<Supplier<ClusterStatus.Extra>> extras) { }

    private final Clock clock;

    public ClusterStatusReader(Clock clock) {
        this.clock = clock;
    }

    public ClusterStatus read(Sources s) {
        Instant now = clock.instant();
        List<ClusterStatus.Attention> attention = new ArrayList<>();
        List<String> notConfigured = new ArrayList<>();
        ClusterStatus.Identity identity = s.identity().get();

        ClusterStatus.GpuPools pools = null;
        if (s.pools() == null) {
            notConfigured.add(GPU_POOLS);
        } else {
            pools = pools(s.pools().get(), s.capacity().get(), s.profilePools(), attention);
        }

        GitOpsStatus.StatusResult gitops = null;
        if (s.gitops() == null) {
            notConfigured.add(GITOPS);
        } else {
            gitops = s.gitops().get();
            gitops(gitops, s.grace(), now, attention);
        }

        OAuthStatus signIn = s.signIn().get();
        if (!signIn.providers().isEmpty() && signIn.kubeadminPresent()) {
            attention.add(new ClusterStatus.Attention(SIGN_IN, "kubeadmin is still present although " + signIn.providers().size()
                    + " identity provider(s) are configured: once a person has signed in, run rhoai oauth remove-kubeadmin --cluster " + s.profile() + " --confirm"));
        }

        ClusterStatus.Certificates certificates = null;
        if (s.certificates() == null) {
            notConfigured.add(CERTIFICATES);
        } else {
            certificates = certificates(s.certificates().get(), s.renewBefore(), attention);
        }

        List<ClusterStatus.Extra> more = new ArrayList<>();
        for (Supplier<ClusterStatus.Extra> extra : s.extras()) {
            ClusterStatus.Extra e = extra.get();
            more.add(e);
            e.attention().forEach(why -> attention.add(new ClusterStatus.Attention(e.section(), why)));
        }
        return new ClusterStatus(s.profile(), now, identity, pools, gitops, signIn, certificates, List.copyOf(more),
                List.copyOf(notConfigured), List.copyOf(attention));
    }

    private static ClusterStatus.GpuPools pools(GpuPoolManager.ListResult list, GpuPoolManager.Capacity capacity, List<String> profilePools,
            List<ClusterStatus.Attention> attention) {
        Map<String, Integer> inUse = new TreeMap<>();
        for (GpuPoolManager.PoolEntry p : list.pools()) {
            if (p.label() != null) inUse.merge(p.label(), p.replicas() * p.gpusPerNode(), Integer::sum);
        }
        for (Map.Entry<String, Integer> e : inUse.entrySet()) {
            Integer cap = capacity.caps().get(e.getKey());
            if (cap != null && e.getValue() > cap) {
                attention.add(new ClusterStatus.Attention(GPU_POOLS, "accelerator " + e.getKey() + ": MachineSets hold " + e.getValue()
                        + " GPUs, above the ClusterAutoscaler cap of " + cap));
            }
        }
        List<String> missing = profilePools.stream()
                .filter(name -> list.pools().stream().noneMatch(p -> name.equals(p.pool()))).toList();
        for (String m : missing) {
            attention.add(new ClusterStatus.Attention(GPU_POOLS, "profile pool " + m + " has no MachineSet on the cluster:"
                    + " run rhoai gpu pools add (or rhoai bootstrap)"));
        }
        return new ClusterStatus.GpuPools(list.pools(), capacity.caps(), inUse, capacity.pendingGpuPods(), missing);
    }

    private static void gitops(GitOpsStatus.StatusResult g, Duration grace, Instant now, List<ClusterStatus.Attention> attention) {
        if (!g.installed()) {
            attention.add(new ClusterStatus.Attention(GITOPS, "OpenShift GitOps is not installed: run rhoai bootstrap (or rhoai gitops bootstrap)"));
            return;
        }
        for (AppState a : g.applications()) {
            boolean degraded = "Degraded".equals(a.health()) || "Missing".equals(a.health());
            boolean outOfSync = "OutOfSync".equals(a.sync());
            if (!degraded && !outOfSync) continue;
            String since = g.lastTransitions().get(a.name());
            Instant at = Fields.time(since);
            if (at != null && Duration.between(at, now).compareTo(grace) <= 0) continue;
            attention.add(new ClusterStatus.Attention(GITOPS, "Application " + a.name() + " is " + a.sync() + "/" + a.health()
                    + (at == null ? " (since unknown)" : " since " + since) + ", beyond the grace of " + grace.toMinutes() + "m"));
        }
    }

    private static ClusterStatus.Certificates certificates(StatusResult c, Duration renewBefore, List<ClusterStatus.Attention> attention) {
        long window = renewBefore.toDays();
        boolean due = false;
        if (c.localStore() == null) {
            attention.add(new ClusterStatus.Attention(CERTIFICATES, "no certificate stored for " + c.profileName() + ": run rhoai bootstrap"
                    + " (or rhoai certs renew)"));
            due = true;
        } else if (c.localStore().daysLeft() <= window) {
            attention.add(new ClusterStatus.Attention(CERTIFICATES, "the stored certificate " + c.localStore().version() + " expires in "
                    + c.localStore().daysLeft() + " days, within the renewal window of " + window + " days: run rhoai certs renew"));
            due = true;
        }
        for (StatusResult.EndpointStatus e : c.endpoints()) {
            if (e.served() == null) {
                attention.add(new ClusterStatus.Attention(CERTIFICATES, e.endpoint() + " " + e.connect() + ": no certificate could be read"));
            } else if (e.served().daysLeft() <= window) {
                attention.add(new ClusterStatus.Attention(CERTIFICATES, e.endpoint() + " serves a certificate that expires in "
                        + e.served().daysLeft() + " days (" + e.served().issuer() + "), within the renewal window of " + window + " days"));
                due = true;
            } else if (Boolean.FALSE.equals(e.servedMatchesStored())) {
                attention.add(new ClusterStatus.Attention(CERTIFICATES, e.endpoint() + " does not serve the stored certificate: run rhoai certs renew"));
            }
        }
        return new ClusterStatus.Certificates(c, window, due);
    }

    /** The models section from {@link ServedModels}: how many are served and Ready, each one that is not, and why. */
    public static ClusterStatus.Extra models(ServedModels.Result r) {
        if (!r.kserve()) {
            return new ClusterStatus.Extra(MODELS, r, List.of("KServe is not installed (the cluster serves no InferenceServices)"), List.of());
        }
        List<String> lines = new ArrayList<>();
        lines.add(r.models().size() + " InferenceServices, " + r.ready() + " Ready");
        for (ServedModels.Model m : r.models()) {
            if (!m.ready()) lines.add("not Ready: " + m.namespace() + "/" + m.name() + " (" + m.reason() + ")");
        }
        return new ClusterStatus.Extra(MODELS, r, List.copyOf(lines), r.attention());
    }
}
