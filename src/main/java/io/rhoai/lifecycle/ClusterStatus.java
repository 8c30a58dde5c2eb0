package io.rhoai.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.certs.status.StatusResult;
import io.rhoai.gitops.GitOpsStatus;
import io.rhoai.gpu.GpuPoolManager;
import io.rhoai.kube.ClusterIdentity;
import io.rhoai.oauth.OAuthStatus;

import java.time.Instant;
import java.util.List;

/**
 * {@code rhoai status}: the cluster against its profile, one section per part; a section the profile does not configure
 * is null and named in {@code notConfigured}. {@code attention} lists what needs a person, each naming its section; empty
 * means all is well.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterStatus(String profile, Instant checkedAt, Identity identity, GpuPools gpuPools, GitOpsStatus.StatusResult gitops,
        OAuthStatus signIn, Certificates certificates, List<Extra> more, List<String> notConfigured, List<Attention> attention) {

    public boolean healthy() {
        return attention.isEmpty();
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identity(ClusterIdentity.Identity cluster, String expectedApiURL, String version) { }

    /**
     * @param inUse per accelerator label, the GPUs its MachineSets' replicas hold (replicas × GPUs per node)
     * @param missing profile pools with no MachineSet on the cluster
     */
    @RegisterForReflection
    public record GpuPools(List<GpuPoolManager.PoolEntry> machineSets, java.util.Map<String, Integer> caps,
            java.util.Map<String, Integer> inUse, List<String> pendingGpuPods, List<String> missing) { }

    /** The certificate status and the renewal window it was judged by. */
    @RegisterForReflection
    public record Certificates(StatusResult status, long renewBeforeDays, boolean renewalDue) { }

    /** A section another part adds (models, once it lands): its data for -o json, its text lines and attention items. */
    @RegisterForReflection
    public record Extra(String section, Object data, List<String> lines, List<String> attention) { }

    /** Something that needs a person: which section, and why. */
    @RegisterForReflection
    public record Attention(String section, String why) { }
}
