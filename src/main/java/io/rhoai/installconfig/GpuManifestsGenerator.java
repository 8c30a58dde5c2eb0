package io.rhoai.installconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.FileContent;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.gpu.AutoscalerManifests;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuMachineSetFactory;
import io.rhoai.installconfig.GpuManifestsResult.GpuMachineSet;
import io.rhoai.installconfig.InputRecord.Entry;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.ValidatedProfile;
import io.rhoai.profile.ValidatedProfile.PlannedPool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Day-1 GPU pools: after {@code openshift-install create manifests}, reads the installer's worker MachineSets in
 * {@code <dir>/openshift/} and writes, per GPU pool and zone, a GPU MachineSet (derived by {@link GpuMachineSetFactory})
 * and a MachineAutoscaler, plus the one ClusterAutoscaler with the GPU caps. File names sort after the installer's.
 */
public final class GpuManifestsGenerator {
    public static final String MANIFEST_DIR = "openshift";
    public static final String WORKER_PREFIX = "99_openshift-cluster-api_worker-machineset-";
    public static final String OWN_PREFIX = "99_rhoai_gpu-";
    public static final String CLUSTER_AUTOSCALER_FILE = OWN_PREFIX + "clusterautoscaler.yaml";
    public static final String DIGEST_RECORD = InstallConfigRenderer.STATE_DIR + "/gpu-manifests.inputs.json";

    private final GpuCatalog catalog;
    private final Progress progress;

    public GpuManifestsGenerator(GpuCatalog catalog, Progress progress) {
        this.catalog = catalog;
        this.progress = progress;
    }

    public GpuManifestsResult generate(GpuManifestsInput in) {
        progress.step("Validating profile " + in.cluster());
        ValidatedProfile profile = Profiles.loadValid(in.profiles(), in.cluster(), catalog);
        profile.warnings().forEach(progress::warn);
        if (in.dir() == null) throw RhoaiException.invalid("--dir is required", "pass the installation directory, e.g. --dir out/dev");
        Path manifests = in.dir().resolve(MANIFEST_DIR);
        Map<String, Worker> workers = readWorkers(in.dir(), manifests);
        String infraId = null;
        for (Worker w : workers.values()) {
            String id = GpuMachineSetFactory.infraId(w.node());
            if (infraId != null && !infraId.equals(id)) {
                throw RhoaiException.precondition("worker MachineSets in " + manifests + " belong to two clusters (" + infraId + ", " + id + ")",
                        "run openshift-install create manifests in a clean directory");
            }
            infraId = id;
        }

        List<OutputFiles.Planned> planned = new ArrayList<>();
        List<GpuMachineSet> sets = new ArrayList<>();
        List<Entry> inputs = Profiles.digestInputs(in.profiles(), profile);
        for (Worker w : workers.values()) inputs.add(new Entry("manifest:" + MANIFEST_DIR + "/" + w.file(), InputRecord.sha256(w.bytes())));
        for (PlannedPool pool : profile.pools()) {
            for (String zone : pool.zones()) {
                Worker w = workers.get(zone);
                if (w == null) {
                    throw RhoaiException.precondition("no worker MachineSet for zone " + zone + " (pool " + pool.name() + ") in " + manifests
                                    + "; found: " + found(workers),
                            "render install-config.yaml from this profile and run openshift-install create manifests again");
                }
                String name = GpuMachineSetFactory.machineSetName(infraId, pool.name(), zone);
                if (name.length() > 63) {
                    throw RhoaiException.invalid(in.cluster() + ".yaml: spec.gpuPools[name=" + pool.name() + "].name: MachineSet name " + name
                            + " is " + name.length() + " characters, over 63", "shorten the pool name by " + (name.length() - 63) + " character(s)");
                }
                ObjectNode ms = GpuMachineSetFactory.derive(w.node(), new GpuMachineSetFactory.Request(pool.name(), zone, profile.region(),
                        pool.type(), pool.access(), pool.spot()));
                ObjectNode ma = AutoscalerManifests.machineAutoscaler(name, pool.name(), pool.minReplicas(), pool.maxReplicas());
                planned.add(yaml(MANIFEST_DIR + "/" + OWN_PREFIX + "machineset-" + pool.name() + "-" + zone + ".yaml", ms));
                planned.add(yaml(MANIFEST_DIR + "/" + OWN_PREFIX + "machineautoscaler-" + pool.name() + "-" + zone + ".yaml", ma));
                sets.add(new GpuMachineSet(name, pool.name(), zone, pool.type().instanceType(), pool.label(), pool.type().gpus(),
                        pool.minReplicas(), pool.maxReplicas(), pool.spot(), MANIFEST_DIR + "/" + w.file()));
            }
        }
        ClusterProfile.Autoscaler a = profile.spec().autoscaler();
        if (!profile.pools().isEmpty() || a != null) {
            planned.add(yaml(MANIFEST_DIR + "/" + CLUSTER_AUTOSCALER_FILE, AutoscalerManifests.clusterAutoscaler(ProfileViews.autoscalerSettings(profile.profile()),
                    profile.gpuCaps().stream().map(c -> new AutoscalerManifests.GpuLimit(c.label(), c.max())).toList())));
        }
        planned.sort((x, y) -> x.path().compareTo(y.path()));

        List<Entry> outputs = planned.stream().map(p -> new Entry(p.path(), InputRecord.sha256(p.content().bytes()))).toList();
        InputRecord record = InputRecord.of("gpu-manifests", in.rhoaiVersion(), in.cluster(), inputs, outputs);
        String recordJson = Mappers.toJson(record);
        List<String> removals = stale(manifests, planned);
        List<OutputFiles.Planned> all = new ArrayList<>(planned);
        all.add(new OutputFiles.Planned(DIGEST_RECORD, FileContent.text(recordJson), recordJson));

        List<FileResult> files = OutputFiles.apply(in.dir(), all, removals, in.dryRun());
        boolean changed = files.stream().anyMatch(f -> f.status().changes());
        Map<String, String> preview = null;
        if (in.dryRun()) {
            preview = new LinkedHashMap<>();
            for (OutputFiles.Planned p : all) preview.put(p.path(), p.preview());
        }
        progress.done(in.dryRun() ? "Dry run: nothing written" : changed ? "Wrote " + sets.size() + " GPU MachineSet(s) in " + manifests
                : "GPU manifests for " + in.cluster() + " are up to date");
        return new GpuManifestsResult(profile.spec().cluster().name(), in.cluster(), in.dir().toString(), infraId, in.dryRun(), changed,
                record.digest(), sets, profile.gpuCaps(), files, profile.warnings(), preview);
    }

    private record Worker(String file, JsonNode node, byte[] bytes) { }

    /** The installer's worker MachineSets by zone; the first file (by name) wins when two share a zone. */
    private static Map<String, Worker> readWorkers(Path dir, Path manifests) {
        if (!Files.isDirectory(manifests)) {
            throw RhoaiException.precondition("no installer manifests: " + manifests + " does not exist",
                    "run 'openshift-install create manifests --dir " + dir + "' first");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(manifests)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(WORKER_PREFIX) && (n.endsWith(".yaml") || n.endsWith(".yml"));
            }).sorted().toList();
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot list " + manifests + ": " + e.getMessage(), "check the directory's permissions");
        }
        if (files.isEmpty()) {
            throw RhoaiException.precondition("no worker MachineSets (" + WORKER_PREFIX + "*.yaml) in " + manifests,
                    "run 'openshift-install create manifests --dir " + dir + "' with compute replicas > 0");
        }
        Map<String, Worker> byZone = new TreeMap<>();
        for (Path f : files) {
            byte[] bytes;
            JsonNode node;
            try {
                bytes = Files.readAllBytes(f);
                node = Mappers.yaml().readTree(new String(bytes, StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                var loc = e.getLocation();
                throw RhoaiException.invalid(f + ": invalid YAML" + (loc == null ? "" : " (line " + loc.getLineNr() + ")"),
                        "regenerate it with openshift-install create manifests");
            } catch (IOException e) {
                throw RhoaiException.invalid("cannot read " + f + ": " + e.getClass().getSimpleName(), "check the file's permissions");
            }
            if (node == null || !"MachineSet".equals(node.path("kind").asText())) {
                throw RhoaiException.invalid(f + ": kind is not MachineSet", "leave the installer's " + WORKER_PREFIX + "*.yaml files as it wrote them");
            }
            String zone = GpuMachineSetFactory.zone(node);
            if (zone.isEmpty()) {
                throw RhoaiException.invalid(f + ": spec.template.spec.providerSpec.value.placement.availabilityZone is missing",
                        "regenerate it with openshift-install create manifests");
            }
            byZone.putIfAbsent(zone, new Worker(f.getFileName().toString(), node, bytes));
        }
        return byZone;
    }

    private static String found(Map<String, Worker> workers) {
        List<String> out = new ArrayList<>();
        workers.forEach((zone, w) -> out.add(w.file() + " (" + zone + ")"));
        return String.join(", ", out);
    }

    /** Files this command wrote earlier that the profile no longer produces (a removed pool or zone). */
    private static List<String> stale(Path manifests, List<OutputFiles.Planned> planned) {
        List<String> keep = planned.stream().map(OutputFiles.Planned::path).toList();
        try (Stream<Path> s = Files.list(manifests)) {
            return s.map(p -> MANIFEST_DIR + "/" + p.getFileName())
                    .filter(p -> p.startsWith(MANIFEST_DIR + "/" + OWN_PREFIX) && p.endsWith(".yaml") && !keep.contains(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot list " + manifests + ": " + e.getMessage(), "check the directory's permissions");
        }
    }

    private static OutputFiles.Planned yaml(String path, ObjectNode node) {
        String text = ManifestYaml.write(node);
        return new OutputFiles.Planned(path, FileContent.text(text), text);
    }

}
