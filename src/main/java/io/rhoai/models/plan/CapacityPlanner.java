package io.rhoai.models.plan;

import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuType;
import io.rhoai.models.Capacity;
import io.rhoai.models.Capacity.LabelCapacity;
import io.rhoai.models.Capacity.PoolSupply;
import io.rhoai.models.plan.ModelsPlan.Change;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ValidatedProfile;
import io.rhoai.profile.ValidatedProfile.PlannedPool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the capacity per label into profile changes: a pool for every label no pool carries (the smallest catalog type
 * of the label's family that holds the largest replica), a higher maxReplicas for pools that cannot hold the target
 * (every model at maxReplicas plus one rolling update), and a cap for every label whose declared cap is below it.
 * Pure; {@link #snippet} prints the changes as the profile YAML a person would write.
 */
public final class CapacityPlanner {
    private final GpuCatalog catalog;

    public CapacityPlanner(GpuCatalog catalog) {
        this.catalog = catalog;
    }

    public List<Change> changes(List<LabelCapacity> capacity, ValidatedProfile profile) {
        List<Change> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PlannedPool p : profile.pools()) names.add(p.name());
        for (LabelCapacity c : capacity) {
            if (c.status().equals(Capacity.OK)) continue;
            int newPoolsMax;
            String why = c.models().size() + " model(s), " + c.demandMax() + " GPU(s) at maxReplicas + " + c.largestReplica() + " for a rolling update";
            if (c.pools().isEmpty()) {
                GpuType family = catalog.anyWithLabel(c.label()).orElseThrow();
                String access = c.label().substring(family.labelFamily().length() + 1);
                GpuType type = catalog.all().stream()
                        .filter(t -> t.labelFamily().equals(family.labelFamily()) && t.gpus() >= c.largestReplica())
                        .min(Comparator.comparingInt(GpuType::gpus).thenComparingInt(GpuType::memoryGiB)).orElse(null);
                if (type == null) continue;   // no type of the family is big enough; the check already says so
                int replicas = ceil(c.target(), type.gpus());
                String name = poolName(family.labelFamily(), access, names);
                names.add(name);
                out.add(new Change(ModelsPlan.ADD_POOL, c.label(), name, type.instanceType(), access, List.of(firstZone(profile)),
                        null, replicas, why));
                newPoolsMax = replicas * type.gpus();
            } else {
                newPoolsMax = c.poolsMax();
                if (c.poolsMax() < c.target()) {
                    PoolSupply p = c.pools().stream().filter(x -> x.gpusPerNode() >= c.largestReplica()).findFirst().orElse(c.pools().get(0));
                    int extra = ceil(c.target() - c.poolsMax(), p.gpusPerNode() * p.zones());
                    out.add(new Change(ModelsPlan.RAISE_POOL, c.label(), p.pool(), p.instanceType(), null, null, p.maxReplicas(),
                            p.maxReplicas() + extra, why));
                    newPoolsMax += extra * p.gpusPerNode() * p.zones();
                }
            }
            boolean declared = c.cap() != null && !Boolean.TRUE.equals(c.capDerived());
            boolean anyDeclared = profile.gpuCaps().stream().anyMatch(g -> !g.derived());
            if ((declared && c.cap() < newPoolsMax) || (!declared && anyDeclared)) {
                out.add(new Change(ModelsPlan.SET_CAP, c.label(), null, null, null, null, declared ? c.cap() : null, newPoolsMax,
                        "the cluster-wide cap matches what the pools can hold"));
            }
        }
        return out;
    }

    /** The changes as profile YAML, commented with why; empty when there is nothing to change. */
    public static String snippet(List<Change> changes) {
        if (changes.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("spec:\n");
        List<Change> pools = changes.stream().filter(c -> !c.action().equals(ModelsPlan.SET_CAP)).toList();
        List<Change> caps = changes.stream().filter(c -> c.action().equals(ModelsPlan.SET_CAP)).toList();
        if (!pools.isEmpty()) {
            sb.append("  gpuPools:\n");
            for (Change c : pools) for (String line : poolLines(c)) sb.append("    ").append(line).append('\n');
        }
        if (!caps.isEmpty()) {
            sb.append("  autoscaler:\n    gpuLimits:\n");
            for (Change c : caps) sb.append("      ").append(c.label()).append(": ").append(c.to()).append('\n');
        }
        return sb.toString();
    }

    /** A pool change as list-item lines (first line starts with "- "), without the list's indentation. */
    static List<String> poolLines(Change c) {
        List<String> l = new ArrayList<>();
        if (c.action().equals(ModelsPlan.ADD_POOL)) {
            l.add("# " + c.label() + ": " + c.reason() + " (rhoai models plan)");
            l.add("- name: " + c.pool());
            l.add("  instanceType: " + c.instanceType());
            l.add("  access: " + c.access());
            l.add("  zones: [" + String.join(", ", c.zones()) + "]");
            l.add("  minReplicas: 0");
            l.add("  maxReplicas: " + c.to());
        } else {
            l.add("# " + c.label() + ": " + c.reason() + "; was " + c.from() + " (rhoai models plan)");
            l.add("- name: " + c.pool());
            l.add("  maxReplicas: " + c.to());
        }
        return l;
    }

    /** l40s-multi-private from NVIDIA-L40S-MULTI + PRIVATE; t4-shared from Tesla-T4 + SHARED; unique among {@code taken}. */
    static String poolName(String family, String access, Set<String> taken) {
        String base = family.toLowerCase(Locale.ROOT).replaceFirst("^(nvidia|tesla|habana)-", "") + "-" + access.toLowerCase(Locale.ROOT);
        String name = base;
        for (int i = 2; taken.contains(name); i++) name = base + "-" + i;
        return name;
    }

    private static String firstZone(ValidatedProfile profile) {
        ClusterProfile.Platform platform = profile.spec().platform();
        List<String> raw = platform == null || platform.aws() == null ? null : platform.aws().zones();
        if (raw != null && !raw.isEmpty()) return raw.get(0);
        return profile.zones().isEmpty() ? "a" : profile.zones().get(0);
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
