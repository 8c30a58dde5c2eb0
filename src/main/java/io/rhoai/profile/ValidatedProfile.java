package io.rhoai.profile;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.gpu.GpuType;

import java.util.List;

/**
 * A profile that passed {@link ProfileValidator}, with what the renderers need resolved: zones as full names,
 * each GPU pool with its catalog type and accelerator label, and the GPU cap of every label (declared or derived).
 */
public record ValidatedProfile(LoadedProfile loaded, String region, List<String> zones, List<PlannedPool> pools,
                               List<GpuCap> gpuCaps, List<String> warnings) {

    public ClusterProfile profile() {
        return loaded.profile();
    }

    public ClusterProfile.Spec spec() {
        return loaded.profile().spec();
    }

    /** A GPU pool resolved against the catalog; {@code zones} are full zone names; max is per zone (per MachineSet). */
    @RegisterForReflection
    public record PlannedPool(String name, GpuType type, String access, String label, List<String> zones,
                              int minReplicas, int maxReplicas, boolean spot) {
        /** The most GPUs this pool can hold in one zone: maxReplicas × GPUs per node. */
        public int maxGpusPerZone() {
            return maxReplicas * type.gpus();
        }
    }

    /**
     * The cluster-wide GPU cap of one accelerator label: from {@code spec.autoscaler.gpuLimits}, or derived from the
     * pools carrying the label (sum of max × GPUs per node over pools and zones) when the profile declares none.
     */
    @RegisterForReflection
    public record GpuCap(String label, int max, boolean derived) { }
}
