package io.rhoai.installconfig;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.profile.ValidatedProfile.GpuCap;

import java.util.List;
import java.util.Map;

/** The outcome of {@code install-config gpu-manifests}: one entry per GPU MachineSet, the GPU caps, the files. */
@RegisterForReflection
@JsonPropertyOrder({"cluster", "profile", "dir", "infraID", "dryRun", "changed", "inputDigest", "machineSets", "gpuLimits",
        "files", "warnings", "preview"})
public record GpuManifestsResult(String cluster, String profile, String dir, String infraID, boolean dryRun, boolean changed,
                                 String inputDigest, List<GpuMachineSet> machineSets, List<GpuCap> gpuLimits,
                                 List<FileResult> files, List<String> warnings, Map<String, String> preview) {

    /** One GPU MachineSet and its MachineAutoscaler bounds; {@code derivedFrom} is the installer's worker MachineSet. */
    @RegisterForReflection
    @JsonPropertyOrder({"name", "pool", "zone", "instanceType", "label", "gpusPerNode", "minReplicas", "maxReplicas", "spot", "derivedFrom"})
    public record GpuMachineSet(String name, String pool, String zone, String instanceType, String label, int gpusPerNode,
                                int minReplicas, int maxReplicas, boolean spot, String derivedFrom) { }
}
