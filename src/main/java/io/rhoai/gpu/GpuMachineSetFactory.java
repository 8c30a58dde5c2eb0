package io.rhoai.gpu;

import io.rhoai.kube.Ownership;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.RhoaiException;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives a GPU MachineSet from a worker MachineSet: a pure function (no I/O, same inputs → same object), used on
 * day 1 with the installer's manifests and on day 2 with a live cluster's MachineSets.
 *
 * <p>What it takes from the worker: infrastructure ID, AMI, block devices, IAM instance profile, security groups,
 * tags, user-data and credentials secrets. What it sets: name, replicas 0, instance type, the zone in BOTH
 * {@code placement.availabilityZone} and the subnet (the seed changed only the name), node label and taint for the
 * accelerator, spot, and the capacity annotations the cluster autoscaler needs to scale from zero. Server-populated
 * fields are dropped, as are the worker's own annotations, node labels and taints (they belong to the worker role).
 */
public final class GpuMachineSetFactory {
    public static final String API_VERSION = "machine.openshift.io/v1beta1";
    public static final String NAMESPACE = "openshift-machine-api";
    public static final String ACCELERATOR_LABEL = "cluster-api/accelerator";
    public static final String POOL_LABEL = "rhoai.io/gpu-pool";
    public static final String CLUSTER_LABEL = "machine.openshift.io/cluster-api-cluster";
    public static final String MACHINESET_LABEL = "machine.openshift.io/cluster-api-machineset";
    /** Scale-from-zero annotations the OpenShift cluster autoscaler reads from MachineSets. */
    public static final String GPU_ANNOTATION = "machine.openshift.io/GPU";
    public static final String MEMORY_ANNOTATION = "machine.openshift.io/memoryMb";
    public static final String VCPU_ANNOTATION = "machine.openshift.io/vCPU";
    public static final String LABELS_ANNOTATION = "capacity.cluster-autoscaler.kubernetes.io/labels";
    /** The autoscaler's cluster-api provider builds a scale-from-zero node's taints from this annotation only. */
    public static final String TAINTS_ANNOTATION = "capacity.cluster-autoscaler.kubernetes.io/taints";
    private static final List<String> SERVER_FIELDS = List.of("uid", "resourceVersion", "generation", "creationTimestamp",
            "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences", "finalizers");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GpuMachineSetFactory() { }

    /**
     * One GPU MachineSet to derive.
     * @param pool   pool name (a DNS label)
     * @param zone   full zone name, e.g. us-west-2a
     * @param region the cluster's region; the worker must be in it
     * @param access SHARED or PRIVATE
     */
    public record Request(String pool, String zone, String region, GpuType type, String access, boolean spot) {
        public String label() {
            return type.label(access);
        }
    }

    /**
     * The taint every node of a pool carries: key the device's resource name, value the accelerator label, NoSchedule.
     * The one place it is computed: the MachineSet, its autoscaler annotation and the OpenShift AI profiles'
     * tolerations ({@link DashboardProfiles}) all take it from here.
     */
    public record Taint(String key, String value, String effect) {
        /** As the autoscaler's capacity annotation spells it: {@code key=value:effect}. */
        public String annotation() {
            return key + "=" + value + ":" + effect;
        }
    }

    /** The taint of a pool's nodes (see {@link Taint}). */
    public static Taint taint(GpuType type, String access) {
        return new Taint(type.resourceName(), type.label(access), "NoSchedule");
    }

    /** The node labels a pool's nodes carry, as MachineSet, node selectors and the OpenShift AI profiles use them. */
    public static Map<String, String> nodeLabels(GpuType type, String access) {
        return Map.of(ACCELERATOR_LABEL, type.label(access));
    }

    /** {@code <infraID>-gpu-<pool>-<zone>}: installer-style prefix, no dots, unique per pool and zone. */
    public static String machineSetName(String infraId, String pool, String zone) {
        return infraId + "-gpu-" + pool + "-" + zone;
    }

    /** The infrastructure ID a worker MachineSet belongs to (its cluster-api-cluster label). */
    public static String infraId(JsonNode worker) {
        String id = worker.path("metadata").path("labels").path(CLUSTER_LABEL).asText("");
        if (id.isEmpty()) {
            throw RhoaiException.invalid("MachineSet " + name(worker) + ": metadata.labels." + CLUSTER_LABEL + " is missing",
                    "derive from a MachineSet made by openshift-install or the machine API");
        }
        return id;
    }

    /** The zone a worker MachineSet places machines in (providerSpec placement). */
    public static String zone(JsonNode worker) {
        return providerValue(worker).path("placement").path("availabilityZone").asText("");
    }

    public static ObjectNode derive(JsonNode worker, Request r) {
        ObjectNode provider = providerValue(worker).deepCopy();
        if (!"AWSMachineProviderConfig".equals(provider.path("kind").asText())) {
            throw RhoaiException.invalid("MachineSet " + name(worker) + ": providerSpec.value.kind is '" + provider.path("kind").asText()
                    + "', not AWSMachineProviderConfig", "derive GPU MachineSets from an AWS worker MachineSet");
        }
        String infraId = infraId(worker);
        String name = machineSetName(infraId, r.pool(), r.zone());
        String label = r.label();
        Taint taint = taint(r.type(), r.access());
        String templateZone = zone(worker);
        String templateRegion = provider.path("placement").path("region").asText("");
        if (!templateRegion.isEmpty() && !templateRegion.equals(r.region())) {
            throw RhoaiException.invalid("MachineSet " + name(worker) + " is in region " + templateRegion + ", the profile in " + r.region(),
                    "derive from a MachineSet of the profile's cluster");
        }

        ObjectNode ms = F.objectNode();
        ms.put("apiVersion", API_VERSION);
        ms.put("kind", "MachineSet");
        ObjectNode meta = ms.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", NAMESPACE);
        ObjectNode labels = meta.putObject("labels");
        labels.put(CLUSTER_LABEL, infraId);
        labels.put(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY);
        labels.put(POOL_LABEL, r.pool());
        labels.put(ACCELERATOR_LABEL, label);
        ObjectNode annotations = meta.putObject("annotations");
        annotations.put(LABELS_ANNOTATION, "kubernetes.io/arch=amd64," + ACCELERATOR_LABEL + "=" + label);
        // without it the autoscaler would think pods that do not tolerate the GPU taint fit on a new GPU node
        annotations.put(TAINTS_ANNOTATION, taint.annotation());
        // the autoscaler counts machine.openshift.io/GPU as nvidia.com/gpu; other devices must not pretend to be NVIDIA
        annotations.put(GPU_ANNOTATION, String.valueOf(r.type().nvidia() ? r.type().gpus() : 0));
        annotations.put(MEMORY_ANNOTATION, String.valueOf(r.type().memoryMb()));
        annotations.put(VCPU_ANNOTATION, String.valueOf(r.type().vcpu()));

        JsonNode workerSpec = worker.path("spec");
        ObjectNode spec = ms.putObject("spec");
        spec.put("replicas", 0);
        ObjectNode match = spec.putObject("selector").putObject("matchLabels");
        match.put(CLUSTER_LABEL, infraId);
        match.put(MACHINESET_LABEL, name);

        ObjectNode template = spec.putObject("template");
        ObjectNode templateLabels = template.putObject("metadata").putObject("labels");
        workerSpec.path("template").path("metadata").path("labels").fields()
                .forEachRemaining(e -> templateLabels.set(e.getKey(), e.getValue().deepCopy()));
        templateLabels.put(CLUSTER_LABEL, infraId);
        templateLabels.put(MACHINESET_LABEL, name);

        ObjectNode templateSpec = template.putObject("spec");
        JsonNode hooks = workerSpec.path("template").path("spec").path("lifecycleHooks");
        if (!hooks.isMissingNode()) templateSpec.set("lifecycleHooks", hooks.deepCopy());
        ObjectNode nodeLabels = templateSpec.putObject("metadata").putObject("labels");
        new TreeMap<>(nodeLabels(r.type(), r.access())).forEach(nodeLabels::put);
        ArrayNode taints = templateSpec.putArray("taints");
        taints.addObject().put("key", taint.key()).put("value", taint.value()).put("effect", taint.effect());

        provider.put("instanceType", r.type().instanceType());
        ObjectNode placement = provider.path("placement").isObject() ? (ObjectNode) provider.get("placement") : provider.putObject("placement");
        placement.put("availabilityZone", r.zone());
        placement.put("region", r.region());
        retargetSubnet(worker, provider, templateZone, r.zone());
        if (r.spot()) provider.putObject("spotMarketOptions");
        else provider.remove("spotMarketOptions");
        templateSpec.putObject("providerSpec").set("value", provider);
        return ms;
    }

    /**
     * Points the subnet at the target zone. Installer MachineSets select the subnet by a {@code tag:Name} filter
     * {@code <infraID>-subnet-private-<zone>} (4.16+, older ones {@code <infraID>-private-<zone>}); a subnet pinned by
     * id can only be kept when the zone does not change.
     */
    static void retargetSubnet(JsonNode worker, ObjectNode provider, String fromZone, String toZone) {
        JsonNode subnet = provider.path("subnet");
        if (subnet.isMissingNode() || subnet.isNull()) {
            throw RhoaiException.invalid("MachineSet " + name(worker) + ": providerSpec.value.subnet is missing",
                    "derive from a MachineSet made by openshift-install");
        }
        if (fromZone.equals(toZone)) return;
        boolean changed = false;
        if (subnet.has("filters")) {
            for (JsonNode filter : subnet.path("filters")) {
                if (!"tag:Name".equals(filter.path("name").asText())) continue;
                ArrayNode values = (ArrayNode) filter.path("values");
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i).asText();
                    if (v.endsWith("-" + fromZone)) {
                        values.set(i, F.textNode(v.substring(0, v.length() - fromZone.length()) + toZone));
                        changed = true;
                    }
                }
            }
        }
        if (!changed) {
            throw RhoaiException.invalid("MachineSet " + name(worker) + " selects its subnet in " + fromZone
                    + (subnet.has("id") ? " by id " + subnet.path("id").asText() : " by a filter that does not name the zone")
                    + "; it cannot be moved to " + toZone, "derive from the worker MachineSet of zone " + toZone);
        }
    }

    private static JsonNode providerValue(JsonNode worker) {
        return worker.path("spec").path("template").path("spec").path("providerSpec").path("value");
    }

    private static String name(JsonNode ms) {
        return ms.path("metadata").path("name").asText("(unnamed)");
    }

    /** Metadata fields the API server fills in; they must not travel into a new object. */
    public static List<String> serverFields() {
        return SERVER_FIELDS;
    }

    /** True when the object carries none of the server-populated fields (for tests and day-2 checks). */
    public static boolean isClean(JsonNode ms) {
        for (Iterator<Map.Entry<String, JsonNode>> it = ms.path("metadata").fields(); it.hasNext(); ) {
            if (SERVER_FIELDS.contains(it.next().getKey())) return false;
        }
        return !ms.has("status");
    }
}
