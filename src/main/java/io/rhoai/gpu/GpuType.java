package io.rhoai.gpu;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One AWS GPU instance type as rhoai knows it. {@code labelFamily} plus "-SHARED" or "-PRIVATE" is the value of the
 * node label {@code cluster-api/accelerator}, the GPU taint and the ClusterAutoscaler GPU type; {@code model} names
 * the real GPU (it may differ from the family, see g6).
 */
@RegisterForReflection
@JsonPropertyOrder({"instanceType", "menuLabel", "vendor", "model", "gpus", "gpuMemoryGiB", "vcpu", "memoryGiB",
        "labelFamily", "resourceName", "note"})
public record GpuType(String instanceType, String menuLabel, String vendor, String model, int gpus, int gpuMemoryGiB,
                      int vcpu, int memoryGiB, String labelFamily, String resourceName, String note) {

    public static final String NVIDIA_RESOURCE = "nvidia.com/gpu";

    /** The accelerator label value for an access mode: Tesla-T4-SHARED. */
    public String label(String access) {
        return labelFamily + "-" + access;
    }

    /** Memory as the autoscaler's machine.openshift.io/memoryMb annotation expects it. */
    public long memoryMb() {
        return memoryGiB * 1024L;
    }

    public boolean nvidia() {
        return NVIDIA_RESOURCE.equals(resourceName);
    }
}
