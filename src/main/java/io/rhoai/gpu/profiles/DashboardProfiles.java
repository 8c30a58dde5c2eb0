package io.rhoai.gpu.profiles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuMachineSetFactory;
import io.rhoai.gpu.GpuMachineSetFactory.Taint;
import io.rhoai.gpu.GpuType;
import io.rhoai.kube.Ownership;
import io.rhoai.profile.ValidatedProfile.PlannedPool;

import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenShift AI dashboard's view of a GPU pool, rendered from the pool and the GPU catalog: a pure function (same
 * pool → same object). The toleration and node selector come from {@link GpuMachineSetFactory#taint} and
 * {@link GpuMachineSetFactory#nodeLabels}, the code that puts the taint and the label on the pool's nodes, so the
 * profile matches the pool by construction.
 *
 * <ul>
 *   <li>{@link Format#ACCELERATOR}: {@code dashboard.opendatahub.io/v1 AcceleratorProfile} (OpenShift AI 2.x). It has no
 *       node selector; its toleration is what steers a workload to the pool (every other GPU pool's taint has another
 *       value, and only GPU nodes offer the device resource).</li>
 *   <li>{@link Format#HARDWARE}: {@code infrastructure.opendatahub.io/v1 HardwareProfile} (OpenShift AI 3.x): CPU,
 *       memory and device identifiers bounded by the instance type, node scheduling with the node selector and the
 *       toleration.</li>
 * </ul>
 */
public final class DashboardProfiles {
    /** Where the dashboard reads its profiles on OpenShift AI ({@code opendatahub} on Open Data Hub). */
    public static final String DEFAULT_NAMESPACE = "redhat-ods-applications";
    static final String DISPLAY_NAME = "opendatahub.io/display-name";
    static final String DESCRIPTION = "opendatahub.io/description";
    static final String DISABLED = "opendatahub.io/disabled";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public enum Format {
        ACCELERATOR("dashboard.opendatahub.io/v1", "AcceleratorProfile", "acceleratorprofile"),
        HARDWARE("infrastructure.opendatahub.io/v1", "HardwareProfile", "hardwareprofile");

        public final String apiVersion;
        public final String kind;
        /** File name prefix: {@code <prefix>-<pool>.yaml}. */
        public final String filePrefix;

        Format(String apiVersion, String kind, String filePrefix) {
            this.apiVersion = apiVersion;
            this.kind = kind;
            this.filePrefix = filePrefix;
        }

        public String word() {
            return name().toLowerCase();
        }
    }

    private DashboardProfiles() { }

    /** {@code gpu-<pool>}: pool names are DNS labels, so this is a valid object name. */
    public static String objectName(PlannedPool pool) {
        return "gpu-" + pool.name();
    }

    public static String fileName(Format format, PlannedPool pool) {
        return format.filePrefix + "-" + pool.name() + ".yaml";
    }

    /** Only SHARED pools are offered to every user; PRIVATE ones are rendered disabled for an administrator to enable. */
    public static boolean enabled(PlannedPool pool) {
        return GpuCatalog.SHARED.equals(pool.access());
    }

    public static String displayName(PlannedPool pool) {
        GpuType t = pool.type();
        return t.gpus() + "x " + t.vendor() + " " + t.model() + " (" + t.gpuMemoryGiB() + " GiB) - " + pool.label();
    }

    public static String description(PlannedPool pool) {
        GpuType t = pool.type();
        return "GPU pool " + pool.name() + ": " + t.instanceType() + " nodes with " + t.gpus() + " " + t.vendor() + " " + t.model()
                + " (" + t.gpuMemoryGiB() + " GiB each), label " + GpuMachineSetFactory.ACCELERATOR_LABEL + "=" + pool.label()
                + (enabled(pool) ? "" : "; PRIVATE pool: restricted, enable it only for the teams allowed to use it")
                + ". Rendered by rhoai from the cluster profile; edit the profile, not this file.";
    }

    public static ObjectNode render(Format format, PlannedPool pool, String namespace) {
        ObjectNode o = F.objectNode();
        o.put("apiVersion", format.apiVersion);
        o.put("kind", format.kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", objectName(pool));
        meta.put("namespace", namespace);
        ObjectNode labels = meta.putObject("labels");
        labels.put(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY);
        labels.put(GpuMachineSetFactory.POOL_LABEL, pool.name());
        Taint taint = GpuMachineSetFactory.taint(pool.type(), pool.access());
        if (format == Format.ACCELERATOR) {
            ObjectNode spec = o.putObject("spec");
            spec.put("displayName", displayName(pool));
            spec.put("description", description(pool));
            spec.put("enabled", enabled(pool));
            spec.put("identifier", pool.type().resourceName());
            toleration(spec.putArray("tolerations"), taint);
            return o;
        }
        ObjectNode annotations = meta.putObject("annotations");
        annotations.put(DESCRIPTION, description(pool));
        annotations.put(DISABLED, String.valueOf(!enabled(pool)));
        annotations.put(DISPLAY_NAME, displayName(pool));
        ObjectNode spec = o.putObject("spec");
        ArrayNode ids = spec.putArray("identifiers");
        GpuType t = pool.type();
        int cpuMax = Math.max(1, t.vcpu() - 1);
        int memMax = Math.max(2, t.memoryGiB() - (t.memoryGiB() + 9) / 10);
        ids.addObject().put("displayName", "CPU").put("identifier", "cpu").put("resourceType", "CPU")
                .put("minCount", 1).put("defaultCount", Math.min(2, cpuMax)).put("maxCount", cpuMax);
        ids.addObject().put("displayName", "Memory").put("identifier", "memory").put("resourceType", "Memory")
                .put("minCount", "2Gi").put("defaultCount", Math.min(16, memMax) + "Gi").put("maxCount", memMax + "Gi");
        ids.addObject().put("displayName", t.vendor() + " " + t.model()).put("identifier", t.resourceName()).put("resourceType", "Accelerator")
                .put("minCount", 1).put("defaultCount", 1).put("maxCount", t.gpus());
        ObjectNode scheduling = spec.putObject("scheduling");
        scheduling.put("type", "Node");
        ObjectNode node = scheduling.putObject("node");
        ObjectNode selector = node.putObject("nodeSelector");
        Map<String, String> nodeLabels = new TreeMap<>(GpuMachineSetFactory.nodeLabels(pool.type(), pool.access()));
        nodeLabels.forEach(selector::put);
        toleration(node.putArray("tolerations"), taint);
        return o;
    }

    private static void toleration(ArrayNode tolerations, Taint taint) {
        tolerations.addObject().put("key", taint.key()).put("operator", "Equal").put("value", taint.value()).put("effect", taint.effect());
    }
}
