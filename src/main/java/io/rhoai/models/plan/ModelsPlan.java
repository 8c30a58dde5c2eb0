package io.rhoai.models.plan;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;
import io.rhoai.models.Capacity.LabelCapacity;

import java.util.List;

/**
 * The result of {@code models plan}: GPU supply and demand per accelerator label, the profile changes that cover the
 * demand, the same changes as a profile snippet, and what {@code --write} did ({@code outcome}: rendered without
 * --write, configured when the file changed, unchanged when nothing was needed).
 */
@RegisterForReflection
public record ModelsPlan(String profile, String profileFile, List<LabelCapacity> capacity, List<Change> changes, String snippet,
                         Outcome outcome, boolean written) {
    public static final String ADD_POOL = "add-pool";
    public static final String RAISE_POOL = "raise-pool";
    public static final String SET_CAP = "set-cap";

    public boolean changesPending() {
        return !changes.isEmpty() && !written;
    }

    /**
     * One profile change. add-pool: a new pool ({@code instanceType}, {@code zones}, {@code to} = maxReplicas per zone);
     * raise-pool: an existing pool's maxReplicas {@code from} → {@code to}; set-cap: spec.autoscaler.gpuLimits[label].
     */
    @RegisterForReflection
    public record Change(String action, String label, String pool, String instanceType, String access, List<String> zones,
                         Integer from, int to, String reason) { }
}
