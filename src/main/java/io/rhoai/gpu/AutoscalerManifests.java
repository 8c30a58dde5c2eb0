package io.rhoai.gpu;

import io.rhoai.kube.Ownership;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** MachineAutoscaler and ClusterAutoscaler objects for GPU pools; pure builders like {@link GpuMachineSetFactory}. */
public final class AutoscalerManifests {
    public static final String MACHINE_AUTOSCALER_API = "autoscaling.openshift.io/v1beta1";
    public static final String CLUSTER_AUTOSCALER_API = "autoscaling.openshift.io/v1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AutoscalerManifests() { }

    /** One cluster-wide GPU limit: the autoscaler stops adding nodes with this accelerator label at {@code max} GPUs. */
    public record GpuLimit(String type, int max) { }

    /** ClusterAutoscaler settings; null fields are left out (the operator's defaults apply). */
    public record Settings(Integer logVerbosity, String maxNodeProvisionTime, Integer podPriorityThreshold,
                           Boolean scaleDownEnabled, String delayAfterAdd, String delayAfterDelete, String delayAfterFailure,
                           String unneededTime) {
        /** Nothing set: the ClusterAutoscaler operator's defaults. */
        public static final Settings OPERATOR_DEFAULTS = new Settings(null, null, null, null, null, null, null, null);
    }

    public static ObjectNode machineAutoscaler(String machineSetName, String pool, int min, int max) {
        ObjectNode ma = F.objectNode();
        ma.put("apiVersion", MACHINE_AUTOSCALER_API);
        ma.put("kind", "MachineAutoscaler");
        ObjectNode meta = ma.putObject("metadata");
        meta.put("name", machineSetName);
        meta.put("namespace", GpuMachineSetFactory.NAMESPACE);
        meta.putObject("labels").put(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY).put(GpuMachineSetFactory.POOL_LABEL, pool);
        ObjectNode spec = ma.putObject("spec");
        spec.put("minReplicas", min);
        spec.put("maxReplicas", max);
        spec.putObject("scaleTargetRef").put("apiVersion", GpuMachineSetFactory.API_VERSION).put("kind", "MachineSet")
                .put("name", machineSetName);
        return ma;
    }

    /** The cluster's one ClusterAutoscaler, named {@code default} as the operator requires. */
    public static ObjectNode clusterAutoscaler(Settings s, List<GpuLimit> gpus) {
        ObjectNode ca = F.objectNode();
        ca.put("apiVersion", CLUSTER_AUTOSCALER_API);
        ca.put("kind", "ClusterAutoscaler");
        ObjectNode meta = ca.putObject("metadata");
        meta.put("name", "default");
        meta.putObject("labels").put(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY);
        ObjectNode spec = ca.putObject("spec");
        if (s.logVerbosity() != null) spec.put("logVerbosity", s.logVerbosity());
        if (s.maxNodeProvisionTime() != null) spec.put("maxNodeProvisionTime", s.maxNodeProvisionTime());
        if (s.podPriorityThreshold() != null) spec.put("podPriorityThreshold", s.podPriorityThreshold());
        if (!gpus.isEmpty()) {
            ArrayNode list = spec.putObject("resourceLimits").putArray("gpus");
            for (GpuLimit g : gpus) list.addObject().put("type", g.type()).put("min", 0).put("max", g.max());
        }
        if (s.scaleDownEnabled() != null || s.delayAfterAdd() != null || s.unneededTime() != null) {
            ObjectNode sd = spec.putObject("scaleDown");
            sd.put("enabled", s.scaleDownEnabled() == null || s.scaleDownEnabled());
            if (s.delayAfterAdd() != null) sd.put("delayAfterAdd", s.delayAfterAdd());
            if (s.delayAfterDelete() != null) sd.put("delayAfterDelete", s.delayAfterDelete());
            if (s.delayAfterFailure() != null) sd.put("delayAfterFailure", s.delayAfterFailure());
            if (s.unneededTime() != null) sd.put("unneededTime", s.unneededTime());
        }
        return ca;
    }
}
