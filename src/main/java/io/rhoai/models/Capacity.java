package io.rhoai.models;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.profile.ValidatedProfile;
import io.rhoai.profile.ValidatedProfile.GpuCap;
import io.rhoai.profile.ValidatedProfile.PlannedPool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GPU supply and demand per accelerator label: what the models ask for at their minReplicas and maxReplicas, what the
 * profile's pools can hold (maxReplicas × GPUs per node × zones) and the ClusterAutoscaler's cap. {@code available} is
 * the smaller of pools and cap. {@code target} adds one rolling update: a RawDeployment surges one new pod before the
 * old one goes, so the largest single replica needs room once more (docs/models.md, "Capacity").
 */
public final class Capacity {
    public static final String OK = "ok";
    public static final String NO_HEADROOM = "no-headroom";
    public static final String TOO_SMALL = "too-small";
    public static final String MISSING = "missing";

    private Capacity() { }

    @RegisterForReflection
    public record PoolSupply(String pool, String instanceType, int gpusPerNode, int zones, int maxReplicas, int maxGpus) { }

    @RegisterForReflection
    public record LabelCapacity(String label, List<String> models, int demandMin, int demandMax, int largestReplica, int target,
                                List<PoolSupply> pools, int poolsMax, Integer cap, Boolean capDerived, int available,
                                String status) {
        public int headroomAtMin() {
            return available - demandMin;
        }
    }

    /** One row per label some model asks for, sorted by label. CPU-only models and models with no label are left out. */
    public static List<LabelCapacity> of(List<ModelSpec> models, ValidatedProfile profile) {
        Map<String, List<ModelSpec>> byLabel = new TreeMap<>();
        for (ModelSpec m : models) {
            if (m.gpus() > 0 && m.label() != null) byLabel.computeIfAbsent(m.label(), k -> new ArrayList<>()).add(m);
        }
        List<LabelCapacity> out = new ArrayList<>();
        for (var e : byLabel.entrySet()) {
            String label = e.getKey();
            int min = 0, max = 0, largest = 0;
            List<String> names = new ArrayList<>();
            for (ModelSpec m : e.getValue()) {
                min += m.minReplicas() * m.gpus();
                max += m.maxReplicas() * m.gpus();
                largest = Math.max(largest, m.gpus());
                names.add(m.name());
            }
            List<PoolSupply> pools = new ArrayList<>();
            int poolsMax = 0;
            for (PlannedPool p : profile.pools()) {
                if (!p.label().equals(label)) continue;
                int gpus = p.maxGpusPerZone() * p.zones().size();
                pools.add(new PoolSupply(p.name(), p.type().instanceType(), p.type().gpus(), p.zones().size(), p.maxReplicas(), gpus));
                poolsMax += gpus;
            }
            GpuCap cap = profile.gpuCaps().stream().filter(c -> c.label().equals(label)).findFirst().orElse(null);
            int available = cap == null ? poolsMax : Math.min(poolsMax, cap.max());
            int target = max + largest;
            String status = pools.isEmpty() ? MISSING : available < min ? TOO_SMALL : available < target ? NO_HEADROOM : OK;
            out.add(new LabelCapacity(label, List.copyOf(names), min, max, largest, target, List.copyOf(pools), poolsMax,
                    cap == null ? null : cap.max(), cap == null ? null : cap.derived(), available, status));
        }
        return out;
    }
}
