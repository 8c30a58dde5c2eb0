package io.rhoai.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Applier;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.core.Outcome;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.KubeClients;
import io.rhoai.kube.MergeWriter;
import io.rhoai.kube.Ownership;
import io.rhoai.kube.Retry;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.ValidatedProfile;
import io.rhoai.profile.ValidatedProfile.PlannedPool;
import io.rhoai.profile.rules.GpuPoolRules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Day-2 GPU pools on a running cluster: adds, lists and removes GPU MachineSets + MachineAutoscalers and keeps the
 * ClusterAutoscaler's GPU limits in step.
 *
 * <p>Unlike the seed's gpu-machineset.sh, the template of each GPU MachineSet is the installer's worker MachineSet
 * OF THE POOL'S ZONE (never "the first non-ocs set"), the new set starts at 0 replicas (the autoscaler starts paid
 * nodes only when pods ask), existence is an exact name match, and a re-run sends no write.
 */
public final class GpuPoolManager {
    public static final String WORKER_ROLE_LABEL = "machine.openshift.io/cluster-api-machine-role";
    /** Set when rhoai creates a GPU MachineSet, then the autoscaler's (see {@link Applier}: fields set only on create). */
    public static final String REPLICAS = "spec.replicas";

    /**
     * Pools to add. {@code region} null: taken from the worker MachineSet. {@code gpuLimits}: label → cluster-wide
     * cap to set on the ClusterAutoscaler (profile: declared or derived caps); labels missing here keep the live limit,
     * or get the pool's own demand when the cluster has none. {@code autoscaler}: settings for a ClusterAutoscaler
     * that does not exist yet (null: operator defaults).
     */
    public record AddRequest(String region, List<PlannedPool> pools, Map<String, Integer> gpuLimits,
                             AutoscalerManifests.Settings autoscaler, Applier.DryRun dryRun, Duration timeout) {
        public boolean isDryRun() { return dryRun.isDryRun(); }

        /** One pool from flags; {@code gpuLimit} (null: keep the live cap) must hold one MachineSet of it. */
        public static AddRequest adHoc(PlannedPool pool, Integer gpuLimit, Applier.DryRun dryRun, Duration timeout) {
            if (gpuLimit != null && gpuLimit < pool.maxGpusPerZone()) {
                throw RhoaiException.invalid("--gpu-limit " + gpuLimit + " is below the pool's " + pool.maxGpusPerZone() + " GPUs (--max "
                        + pool.maxReplicas() + " × " + pool.type().gpus() + ")", "raise --gpu-limit or lower --max");
            }
            Map<String, Integer> limits = gpuLimit == null ? Map.of() : Map.of(pool.label(), gpuLimit);
            return new AddRequest(null, List.of(pool), limits, null, dryRun, timeout);
        }

        /** The profile's pools ({@code only}: just these names, null or empty: all), with its caps and autoscaler settings. */
        public static AddRequest fromProfile(ValidatedProfile profile, List<String> only, Applier.DryRun dryRun, Duration timeout) {
            String name = profile.profile().name();
            List<PlannedPool> selected = profile.pools();
            if (only != null && !only.isEmpty()) {
                for (String p : only) {
                    if (selected.stream().noneMatch(x -> x.name().equals(p))) {
                        throw RhoaiException.invalid("--pool: profile " + name + " has no GPU pool '" + p + "'",
                                "pools in the profile: " + String.join(", ", profile.pools().stream().map(PlannedPool::name).toList()));
                    }
                }
                selected = selected.stream().filter(x -> only.contains(x.name())).toList();
            }
            if (selected.isEmpty()) {
                throw RhoaiException.invalid("profile " + name + ": spec.gpuPools is empty", "add a pool to spec.gpuPools, or use --instance-type for an ad-hoc pool");
            }
            Map<String, Integer> limits = new LinkedHashMap<>();
            profile.gpuCaps().forEach(c -> limits.put(c.label(), c.max()));
            return new AddRequest(profile.region(), selected, limits, ProfileViews.autoscalerSettings(profile.profile()), dryRun, timeout);
        }
    }

    /** {@code dryRun} server: the deletes are sent with dryRun=All, so the API server checks them and deletes nothing. */
    public record RemoveRequest(String pool, String zone, boolean force, Applier.DryRun dryRun, Duration timeout) {
        public boolean isDryRun() { return dryRun.isDryRun(); }
        boolean sends() { return dryRun != Applier.DryRun.CLIENT; }
    }

    @RegisterForReflection
    public record AddResult(boolean dryRun, List<Applied> objects) {
        public boolean changed() {
            return Applier.anyChange(objects);
        }
    }

    @RegisterForReflection
    public record PoolEntry(String pool, String machineSet, String instanceType, String gpu, int gpusPerNode, String zone,
                            int replicas, int readyReplicas, Integer minReplicas, Integer maxReplicas, String label,
                            String taint, boolean managed) { }

    @RegisterForReflection
    public record ListResult(List<PoolEntry> pools) { }

    /** {@code outcome}: deleted or scaled-down (replicas set to 0 before the delete, with --force). */
    @RegisterForReflection
    public record Removed(String kind, String namespace, String name, Outcome outcome) { }

    @RegisterForReflection
    public record RemoveResult(String pool, String zone, boolean dryRun, boolean alreadyGone, List<Removed> objects) { }

    private final KubernetesClient client;
    private final GpuCatalog catalog;
    private final Progress progress;

    public GpuPoolManager(KubernetesClient client, GpuCatalog catalog, Progress progress) {
        this.client = client;
        this.catalog = catalog;
        this.progress = progress;
    }

    /** An object to apply, and the paths set only when it is created. */
    private record Planned(GenericKubernetesResource object, String... createOnly) { }

    public AddResult add(AddRequest req) {
        Deadline deadline = Deadline.in(req.timeout());
        // everything is derived and checked before the first write: a missing zone or a cap leaves the cluster untouched
        List<Planned> planned = new ArrayList<>();
        Map<String, Integer> demand = plan(req, listMachineSets(deadline), planned);
        // read for the cap check only; the write below reads again through MergeWriter, guarded by its resourceVersion
        GenericKubernetesResource liveCa = Retry.call("read ClusterAutoscaler default", deadline,
                () -> client.genericKubernetesResources(Kinds.CLUSTER_AUTOSCALER).withName("default").get());
        Map<String, Integer> wanted = wantedCaps(req, demand, gpuLimits(liveCa));

        Applier.DryRun mode = req.dryRun();
        Applier applier = new Applier(client, new Kinds(client), mode, progress);
        List<Applied> out = new ArrayList<>();
        for (Planned p : planned) {
            out.add(applier.apply(p.object(), false, deadline, p.createOnly()));
            report(out.get(out.size() - 1));
        }
        out.add(mergeClusterAutoscaler(wanted, req.autoscaler(), mode, deadline));
        report(out.get(out.size() - 1));
        return new AddResult(req.isDryRun(), out);
    }

    /** The MachineSet and MachineAutoscaler of every pool and zone, into {@code planned}; returns GPUs wanted per label. */
    private Map<String, Integer> plan(AddRequest req, List<GenericKubernetesResource> sets, List<Planned> planned) {
        Map<String, Integer> demand = new LinkedHashMap<>();
        for (PlannedPool pool : req.pools()) {
            for (String zone : pool.zones()) {
                JsonNode worker = workerTemplate(sets, zone);
                String region = req.region() != null ? req.region()
                        : worker.path("spec").path("template").path("spec").path("providerSpec").path("value").path("placement").path("region").asText();
                ObjectNode ms = GpuMachineSetFactory.derive(worker,
                        new GpuMachineSetFactory.Request(pool.name(), zone, region, pool.type(), pool.access(), pool.spot()));
                String name = ms.path("metadata").path("name").asText();
                GpuPoolRules.checkMachineSetName(name, pool.name());
                GenericKubernetesResource live = sets.stream().filter(s -> name.equals(s.getMetadata().getName())).findFirst().orElse(null);
                if (live != null && !Ownership.isManaged(live)) {
                    throw RhoaiException.precondition("MachineSet " + name + " exists and is not managed by rhoai",
                            "rename the pool, or delete that MachineSet if it is unused");
                }
                // replicas 0 on create only: afterwards they are the autoscaler's, and rhoai neither resets nor owns them
                planned.add(new Planned(toResource(ms), REPLICAS));
                planned.add(new Planned(toResource(AutoscalerManifests.machineAutoscaler(name, pool.name(), pool.minReplicas(), pool.maxReplicas()))));
                demand.merge(pool.label(), pool.maxGpusPerZone(), Integer::sum);
            }
        }
        return demand;
    }

    /**
     * The caps to set per label: declared ones; for undeclared labels the live cap is kept (it must hold one MachineSet
     * of the pool) or, when there is none, the pool's own demand. Every cap must hold one MachineSet of its pool.
     */
    private static Map<String, Integer> wantedCaps(AddRequest req, Map<String, Integer> demand, Map<String, Integer> liveLimits) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> d : demand.entrySet()) {
            String label = d.getKey();
            Integer declared = req.gpuLimits() == null ? null : req.gpuLimits().get(label);
            int maxPerSet = maxPerSet(req, label);
            if (declared != null) {
                wanted.put(label, declared);
            } else if (!liveLimits.containsKey(label)) {
                wanted.put(label, d.getValue());
            } else if (maxPerSet > liveLimits.get(label)) {
                throw RhoaiException.precondition("the ClusterAutoscaler caps " + label + " at " + liveLimits.get(label)
                                + " GPUs, less than one MachineSet of this pool can hold (" + maxPerSet + ")",
                        "lower --max, or raise the cap with --gpu-limit " + maxPerSet + " (or spec.autoscaler.gpuLimits in the profile)");
            }
        }
        for (Map.Entry<String, Integer> w : wanted.entrySet()) {
            int maxPerSet = maxPerSet(req, w.getKey());
            if (maxPerSet > w.getValue()) {
                throw RhoaiException.invalid("GPU cap " + w.getKey() + "=" + w.getValue() + " is below what one MachineSet of the pool can hold ("
                        + maxPerSet + ")", "raise the cap (--gpu-limit or spec.autoscaler.gpuLimits) or lower the pool's max");
            }
        }
        return wanted;
    }

    private static int maxPerSet(AddRequest req, String label) {
        return req.pools().stream().filter(p -> p.label().equals(label)).mapToInt(PlannedPool::maxGpusPerZone).max().orElse(0);
    }

    /** The installer worker MachineSet placing machines in {@code zone}; never a GPU or rhoai-managed set. */
    JsonNode workerTemplate(List<GenericKubernetesResource> sets, String zone) {
        List<JsonNode> workers = sets.stream().map(s -> (JsonNode) Mappers.json().valueToTree(s)).filter(GpuPoolManager::isInstallerWorker)
                .sorted(Comparator.comparing(n -> n.path("metadata").path("name").asText())).toList();
        return workers.stream().filter(w -> zone.equals(GpuMachineSetFactory.zone(w))).findFirst().orElseThrow(() -> {
            String found = workers.isEmpty() ? "none" : String.join(", ", workers.stream()
                    .map(w -> w.path("metadata").path("name").asText() + " (" + GpuMachineSetFactory.zone(w) + ")").toList());
            return RhoaiException.precondition("no worker MachineSet in zone " + zone + " to derive the GPU MachineSet from; worker sets found: " + found,
                    "pick a zone that has a worker MachineSet, or create one there first");
        });
    }

    static boolean isInstallerWorker(JsonNode ms) {
        JsonNode labels = ms.path("metadata").path("labels");
        if (labels.has(GpuMachineSetFactory.POOL_LABEL) || Ownership.isManaged(ms)) return false;
        JsonNode template = ms.path("spec").path("template");
        if (!"worker".equals(template.path("metadata").path("labels").path(WORKER_ROLE_LABEL).asText())) return false;
        return !template.path("spec").path("metadata").path("labels").has(GpuMachineSetFactory.ACCELERATOR_LABEL);
    }

    /**
     * The GPU limits through the one optimistic-concurrency writer: the gpus list is shared with whoever else set
     * limits, so theirs are kept; a concurrent change costs one fresh read and one more write, not a retry storm.
     */
    private Applied mergeClusterAutoscaler(Map<String, Integer> wanted, AutoscalerManifests.Settings settings,
                                           Applier.DryRun mode, Deadline deadline) {
        return new MergeWriter(client, mode).write(Kinds.CLUSTER_AUTOSCALER, null, "default", live -> {
            if (live == null) {
                AutoscalerManifests.Settings s = settings != null ? settings : AutoscalerManifests.Settings.OPERATOR_DEFAULTS;
                List<AutoscalerManifests.GpuLimit> limits = wanted.entrySet().stream().map(e -> new AutoscalerManifests.GpuLimit(e.getKey(), e.getValue())).toList();
                return Mappers.json().valueToTree(Ownership.labelled(toResource(AutoscalerManifests.clusterAutoscaler(s, limits))));
            }
            return mergeLimits(live, wanted) ? live : null;
        }, deadline);
    }

    /** Sets max (and min 0 when new) for each wanted label in spec.resourceLimits.gpus; true when anything changed. */
    static boolean mergeLimits(ObjectNode ca, Map<String, Integer> wanted) {
        ObjectNode spec = ca.with("spec");
        ObjectNode limits = spec.with("resourceLimits");
        ArrayNode gpus = limits.has("gpus") && limits.get("gpus").isArray() ? (ArrayNode) limits.get("gpus") : limits.putArray("gpus");
        boolean changed = false;
        for (Map.Entry<String, Integer> w : wanted.entrySet()) {
            ObjectNode entry = null;
            for (JsonNode g : gpus) if (w.getKey().equals(g.path("type").asText())) entry = (ObjectNode) g;
            if (entry == null) {
                gpus.addObject().put("type", w.getKey()).put("min", 0).put("max", w.getValue());
                changed = true;
            } else if (entry.path("max").asInt(-1) != w.getValue()) {
                entry.put("max", w.getValue());
                changed = true;
            }
        }
        return changed;
    }

    static Map<String, Integer> gpuLimits(GenericKubernetesResource ca) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (ca == null) return out;
        JsonNode tree = Mappers.json().valueToTree(ca);
        for (JsonNode g : tree.path("spec").path("resourceLimits").path("gpus")) out.put(g.path("type").asText(), g.path("max").asInt());
        return out;
    }

    private void report(Applied a) {
        progress.info((a.dryRun() ? "would be " : "") + a.outcome() + ": " + a.ref() + (a.note() == null ? "" : " (" + a.note() + ")"));
    }

    // ---------------------------------------------------------------- capacity

    /**
     * What limits and waits for GPUs: the caps of ClusterAutoscaler {@code default} (accelerator label → max GPUs; empty
     * when there is none) and the Pending pods that request GPUs (cluster-wide). Two requests.
     */
    @RegisterForReflection
    public record Capacity(Map<String, Integer> caps, List<String> pendingGpuPods) { }

    public Capacity capacity(Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        GenericKubernetesResource ca = Retry.call("read ClusterAutoscaler default", deadline,
                () -> client.genericKubernetesResources(Kinds.CLUSTER_AUTOSCALER).withName("default").get());
        List<String> pending = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.Pod pod : Retry.call("list Pending pods", deadline,
                () -> client.pods().inAnyNamespace().withField("status.phase", "Pending").list().getItems())) {
            boolean gpu = pod.getSpec() != null && pod.getSpec().getContainers().stream().anyMatch(c -> c.getResources() != null
                    && c.getResources().getLimits() != null && c.getResources().getLimits().keySet().stream().anyMatch(k -> k.endsWith("/gpu")));
            if (gpu) pending.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
        }
        return new Capacity(gpuLimits(ca), pending);
    }

    // ---------------------------------------------------------------- list

    public ListResult list(Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        List<GenericKubernetesResource> sets = listMachineSets(deadline);
        List<JsonNode> autoscalers = Retry.call("list MachineAutoscalers", deadline, () -> client.genericKubernetesResources(Kinds.MACHINE_AUTOSCALER)
                .inNamespace(GpuMachineSetFactory.NAMESPACE).list().getItems()).stream().map(a -> (JsonNode) Mappers.json().valueToTree(a)).toList();
        List<PoolEntry> out = new ArrayList<>();
        for (GenericKubernetesResource s : sets) {
            JsonNode ms = Mappers.json().valueToTree(s);
            JsonNode labels = ms.path("metadata").path("labels");
            JsonNode nodeLabels = ms.path("spec").path("template").path("spec").path("metadata").path("labels");
            if (!labels.has(GpuMachineSetFactory.POOL_LABEL) && !nodeLabels.has(GpuMachineSetFactory.ACCELERATOR_LABEL)) continue;
            String name = ms.path("metadata").path("name").asText();
            String instanceType = ms.path("spec").path("template").path("spec").path("providerSpec").path("value").path("instanceType").asText("");
            GpuType type = catalog.find(instanceType).orElse(null);
            JsonNode ma = autoscalers.stream().filter(a -> name.equals(a.path("spec").path("scaleTargetRef").path("name").asText())).findFirst().orElse(null);
            JsonNode taint = ms.path("spec").path("template").path("spec").path("taints").path(0);
            out.add(new PoolEntry(labels.path(GpuMachineSetFactory.POOL_LABEL).asText(null), name, instanceType,
                    type == null ? null : type.vendor() + " " + type.model(), type == null ? 0 : type.gpus(), GpuMachineSetFactory.zone(ms),
                    ms.path("spec").path("replicas").asInt(0), ms.path("status").path("readyReplicas").asInt(0),
                    ma == null ? null : ma.path("spec").path("minReplicas").asInt(), ma == null ? null : ma.path("spec").path("maxReplicas").asInt(),
                    nodeLabels.path(GpuMachineSetFactory.ACCELERATOR_LABEL).asText(null),
                    taint.isMissingNode() ? null : taint.path("key").asText() + "=" + taint.path("value").asText() + ":" + taint.path("effect").asText(),
                    Ownership.isManaged(s)));
        }
        return new ListResult(out);
    }

    // ---------------------------------------------------------------- remove

    public RemoveResult remove(RemoveRequest req) {
        Deadline deadline = Deadline.in(req.timeout());
        List<GenericKubernetesResource> sets = listMachineSets(deadline).stream()
                .filter(s -> req.pool().equals(label(s, GpuMachineSetFactory.POOL_LABEL)))
                .filter(s -> req.zone() == null || req.zone().equals(GpuMachineSetFactory.zone(Mappers.json().valueToTree(s)))).toList();
        for (GenericKubernetesResource s : sets) {
            if (!Ownership.isManaged(s)) progress.warn("MachineSet " + s.getMetadata().getName() + " carries pool label " + req.pool() + " but is not managed by rhoai; left alone");
        }
        sets = sets.stream().filter(Ownership::isManaged).toList();
        if (sets.isEmpty()) {
            return new RemoveResult(req.pool(), req.zone(), req.isDryRun(), true, List.of());
        }
        // refuse before touching anything: a set with nodes runs paid GPUs and maybe workloads
        if (!req.force()) {
            for (GenericKubernetesResource s : sets) {
                String name = s.getMetadata().getName();
                int replicas = Mappers.json().valueToTree(s).path("spec").path("replicas").asInt(0);
                int machines = Retry.call("list Machines of " + name, deadline, () -> client.genericKubernetesResources(Kinds.MACHINE)
                        .inNamespace(GpuMachineSetFactory.NAMESPACE).withLabel(GpuMachineSetFactory.MACHINESET_LABEL, name).list().getItems()).size();
                if (replicas > 0 || machines > 0) {
                    throw RhoaiException.precondition("MachineSet " + name + " still has " + replicas + " replica(s) and " + machines + " Machine(s)",
                            "wait until the autoscaler scaled it to 0, or pass --force to delete it with its nodes");
                }
            }
        }
        List<Removed> out = new ArrayList<>();
        for (GenericKubernetesResource s : sets) {
            String name = s.getMetadata().getName();
            GenericKubernetesResource ma = Retry.call("read MachineAutoscaler " + name, deadline, () -> client.genericKubernetesResources(Kinds.MACHINE_AUTOSCALER)
                    .inNamespace(GpuMachineSetFactory.NAMESPACE).withName(name).get());
            // the autoscaler goes first so it cannot scale the set up again while it is being removed
            if (ma != null && Ownership.isManaged(ma)) {
                if (req.sends()) Retry.run("delete MachineAutoscaler " + name, deadline, () -> client.genericKubernetesResources(Kinds.MACHINE_AUTOSCALER)
                        .inNamespace(GpuMachineSetFactory.NAMESPACE).withName(name).dryRun(req.isDryRun()).delete());
                out.add(removed("MachineAutoscaler", name, Outcome.DELETED));
            } else if (ma != null) {
                progress.warn("MachineAutoscaler " + name + " is not managed by rhoai; left alone");
            }
            int replicas = Mappers.json().valueToTree(s).path("spec").path("replicas").asInt(0);
            if (req.force() && replicas > 0) {
                // through the one guarded writer: an autoscaler scaling the set meanwhile costs a fresh read, not a lost update
                if (req.sends()) new MergeWriter(client, req.dryRun()).write(Kinds.MACHINE_SET, GpuMachineSetFactory.NAMESPACE, name,
                        GpuPoolManager::scaledToZero, deadline);
                out.add(removed("MachineSet", name, Outcome.SCALED_DOWN));
            }
            if (req.sends()) Retry.run("delete MachineSet " + name, deadline, () -> client.genericKubernetesResources(Kinds.MACHINE_SET)
                    .inNamespace(GpuMachineSetFactory.NAMESPACE).withName(name).dryRun(req.isDryRun()).delete());
            out.add(removed("MachineSet", name, Outcome.DELETED));
            report(out, req.isDryRun());
        }
        return new RemoveResult(req.pool(), req.zone(), req.isDryRun(), false, out);
    }

    /** The MachineSet with spec.replicas 0; null (nothing to write) when it is gone. */
    private static ObjectNode scaledToZero(ObjectNode live) {
        if (live == null) return null;
        live.with("spec").put("replicas", 0);
        return live;
    }

    private void report(List<Removed> out, boolean dryRun) {
        Removed last = out.get(out.size() - 1);
        progress.info((dryRun ? "would be " : "") + last.outcome() + ": " + last.kind() + " " + last.namespace() + "/" + last.name());
    }

    private static Removed removed(String kind, String name, Outcome outcome) {
        return new Removed(kind, GpuMachineSetFactory.NAMESPACE, name, outcome);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The MachineSets of openshift-machine-api. A 404 on the list means the cluster does not serve the kind at all (no
     * machine.openshift.io: not installer-provisioned, or not OpenShift): a precondition, not a failing remote.
     */
    private List<GenericKubernetesResource> listMachineSets(Deadline deadline) {
        try {
            return Retry.call("list MachineSets in " + GpuMachineSetFactory.NAMESPACE, deadline,
                    () -> client.genericKubernetesResources(Kinds.MACHINE_SET).inNamespace(GpuMachineSetFactory.NAMESPACE).list().getItems());
        } catch (RhoaiException e) {
            if (Retry.status(e) != 404) throw e;
            String server = KubeClients.serverOf(null);
            throw new RhoaiException(ErrorKind.PRECONDITION, "this cluster" + (server == null ? "" : " (" + server + ")")
                    + " does not serve MachineSets (" + Kinds.MACHINE_SET.getGroup() + "/" + Kinds.MACHINE_SET.getVersion()
                    + "); GPU pools need an installer-provisioned OpenShift cluster",
                    "point --kubeconfig/--context at an OpenShift cluster installed with machine management (IPI); "
                            + "'oc api-resources | grep machine.openshift.io' shows whether it does", e);
        }
    }

    private static String label(GenericKubernetesResource r, String key) {
        return r.getMetadata().getLabels() == null ? null : r.getMetadata().getLabels().get(key);
    }

    private static GenericKubernetesResource toResource(JsonNode node) {
        return Mappers.json().convertValue(node, GenericKubernetesResource.class);
    }
}
