package io.rhoai.profile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * A kept, reviewed description of one cluster: {@code install-configs/<name>.yaml}. Format documented in
 * docs/profiles.md. Every section other than cluster, platform and networking is optional; later commands read
 * their own section (gitops, oauth, certificates).
 */
/** Jackson binds it in the native binary too: registered for reflection with every nested record. */
@RegisterForReflection
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "base", "spec"})
public record ClusterProfile(String apiVersion, String kind, Metadata metadata, String base, Spec spec) {
    public static final String API_VERSION = "rhoai.io/v1alpha1";
    public static final String KIND = "ClusterProfile";

    public String name() {
        return metadata.name();
    }

    /**
     * {@code labels}: fleet membership and selection ({@code ring}, {@code region}, {@code env}, …), Kubernetes label
     * syntax; checked by {@link io.rhoai.profile.rules.LabelRules}; copied onto the cluster's Argo CD cluster Secret by
     * {@code rhoai fleet register} (docs/fleet.md).
     */
    public record Metadata(String name, String description, java.util.SortedMap<String, String> labels) {
        /** The labels, never null. */
        public java.util.SortedMap<String, String> labelsOrEmpty() {
            return labels == null ? java.util.Collections.emptySortedMap() : labels;
        }
    }

    @JsonPropertyOrder({"cluster", "platform", "controlPlane", "compute", "networking", "publish", "gpuPools",
            "autoscaler", "gitops", "oauth", "certificates"})
    public record Spec(
            Cluster cluster,
            Platform platform,
            MachinePool controlPlane,
            MachinePool compute,
            Networking networking,
            String publish,
            List<GpuPool> gpuPools,
            Autoscaler autoscaler,
            GitOps gitops,
            OAuth oauth,
            Certificates certificates) { }

    /** {@code name} is the installer's metadata.name (dev, prod); hosts are {@code *.apps.<name>.<baseDomain>}. */
    public record Cluster(String name, String baseDomain) { }

    public record Platform(Aws aws) { }

    /** {@code zones}: full names (us-west-2a) or letters (a, b, c) completed with the region. */
    public record Aws(String region, List<String> zones, RootVolume rootVolume) { }

    public record RootVolume(Integer size, String type, Integer iops) { }

    public record MachinePool(String instanceType, Integer replicas, String architecture, String hyperthreading) { }

    public record Networking(String networkType, List<ClusterNetwork> clusterNetwork, List<MachineNetwork> machineNetwork,
                             List<String> serviceNetwork) { }

    public record ClusterNetwork(String cidr, Integer hostPrefix) { }

    public record MachineNetwork(String cidr) { }

    /**
     * A GPU MachineSet + MachineAutoscaler per zone. {@code access} SHARED (open to regular users) or PRIVATE
     * (internal, model serving) picks the accelerator label suffix.
     */
    @JsonPropertyOrder({"name", "instanceType", "access", "zones", "minReplicas", "maxReplicas", "spot"})
    public record GpuPool(String name, String instanceType, String access, List<String> zones,
                          Integer minReplicas, Integer maxReplicas, Boolean spot) { }

    /** ClusterAutoscaler settings; {@code gpuLimits} caps GPUs per accelerator label cluster-wide. */
    public record Autoscaler(Map<String, Integer> gpuLimits, Integer logVerbosity, String maxNodeProvisionTime,
                             Integer podPriorityThreshold, ScaleDown scaleDown) { }

    public record ScaleDown(Boolean enabled, String delayAfterAdd, String delayAfterDelete, String delayAfterFailure,
                            String unneededTime) { }

    /**
     * Where the cluster's Argo CD reads its configuration. {@code promotion}: "branch" (the revision is a branch,
     * promoted by merging) or "pinned" (the target overlay pins a verified SHA). {@code repoUsername}: the user sent with
     * a repository token (default by host, {@link io.rhoai.git.TokenUser}).
     */
    public record GitOps(String repoURL, String revision, String overlayPath, String promotion, String repoUsername) { }

    public record OAuth(Google google, Admins admins) { }

    public record Google(String providerName, String clientID, String hostedDomain, String mappingMethod) { }

    public record Admins(List<String> users, List<String> groups) { }

    /** {@code server}: letsencrypt, letsencrypt-staging or a directory URL. */
    public record Certificates(String server, String email, String keyType, String renewBefore, Dns dns) { }

    /** {@code provider}: a name from {@code rhoai certs dns-providers}; {@code zone} pins the DNS zone. */
    public record Dns(String provider, String zone) { }
}
