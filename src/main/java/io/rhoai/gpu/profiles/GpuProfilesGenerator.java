package io.rhoai.gpu.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.FileContent;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuMachineSetFactory;
import io.rhoai.gpu.profiles.DashboardProfiles.Format;
import io.rhoai.installconfig.FileResult;
import io.rhoai.installconfig.ManifestYaml;
import io.rhoai.installconfig.OutputFiles;
import io.rhoai.installconfig.Profiles;
import io.rhoai.kube.Ownership;
import io.rhoai.profile.ValidatedProfile;
import io.rhoai.profile.ValidatedProfile.PlannedPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code gpu profiles}: per GPU pool of a validated profile, the OpenShift AI AcceleratorProfile or HardwareProfile
 * ({@link DashboardProfiles}), written atomically into a directory of the GitOps repository, one file per pool with a
 * deterministic name. A re-run writes nothing when nothing changed; a profile file of this format that rhoai wrote for a
 * pool the profile no longer has (its {@code app.kubernetes.io/managed-by: rhoai} label says so) is removed; files
 * anyone else wrote are never touched.
 */
public final class GpuProfilesGenerator {
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final GpuCatalog catalog;
    private final Progress progress;

    public GpuProfilesGenerator(GpuCatalog catalog, Progress progress) {
        this.catalog = catalog;
        this.progress = progress;
    }

    public GpuProfilesResult generate(GpuProfilesInput in) {
        if (in.dir() == null) throw RhoaiException.invalid("--dir is required", "pass the GitOps directory for the profiles, e.g. --dir components/gpu-profiles");
        if (in.namespace() == null || !NAMESPACE.matcher(in.namespace()).matches()) {
            throw RhoaiException.invalid("--namespace: '" + in.namespace() + "' is not a valid namespace name",
                    "use the dashboard's namespace: " + DashboardProfiles.DEFAULT_NAMESPACE + " (OpenShift AI) or opendatahub (Open Data Hub)");
        }
        if (Files.exists(in.dir()) && !Files.isDirectory(in.dir())) {
            throw RhoaiException.invalid("--dir: " + in.dir() + " is not a directory", "pass a directory (it is created when missing)");
        }
        progress.step("Validating profile " + in.cluster());
        ValidatedProfile profile = Profiles.loadValid(in.profiles(), in.cluster(), catalog);
        profile.warnings().forEach(progress::warn);
        List<String> warnings = new ArrayList<>(profile.warnings());
        if (profile.pools().isEmpty()) warnings.add("profile " + in.cluster() + " has no GPU pools (spec.gpuPools): no profiles to write");

        Format format = in.format();
        List<OutputFiles.Planned> planned = new ArrayList<>();
        List<GpuProfilesResult.Entry> entries = new ArrayList<>();
        for (PlannedPool pool : profile.pools()) {
            ObjectNode object = DashboardProfiles.render(format, pool, in.namespace());
            String file = DashboardProfiles.fileName(format, pool);
            String text = "# " + format.kind + " for GPU pool " + pool.name() + " of cluster " + profile.spec().cluster().name()
                    + ", rendered by 'rhoai gpu profiles'.\n# Its " + (format == Format.ACCELERATOR ? "toleration is the pool's taint" : "toleration and node selector are the pool's taint and label")
                    + ": change the cluster profile, not this file.\n"
                    + ManifestYaml.write(object);
            planned.add(new OutputFiles.Planned(file, FileContent.text(text), text));
            GpuMachineSetFactory.Taint taint = GpuMachineSetFactory.taint(pool.type(), pool.access());
            Map<String, String> selector = new TreeMap<>(GpuMachineSetFactory.nodeLabels(pool.type(), pool.access()));
            entries.add(new GpuProfilesResult.Entry(DashboardProfiles.objectName(pool), file, pool.name(), pool.type().instanceType(), pool.label(),
                    pool.type().resourceName(), taint.annotation(),
                    format == Format.ACCELERATOR ? null : selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse(""),
                    DashboardProfiles.enabled(pool)));
        }
        planned.sort((x, y) -> x.path().compareTo(y.path()));
        List<String> removals = stale(in.dir(), format, planned);
        List<FileResult> files = OutputFiles.apply(in.dir(), planned, removals, in.dryRun());
        boolean changed = files.stream().anyMatch(f -> f.status().changes());
        Map<String, String> preview = null;
        if (in.dryRun()) {
            preview = new LinkedHashMap<>();
            for (OutputFiles.Planned p : planned) preview.put(p.path(), p.preview());
        }
        progress.done(in.dryRun() ? "Dry run: nothing written" : changed ? "Wrote " + entries.size() + " " + format.kind + "(s) in " + in.dir()
                : format.kind + "s for " + in.cluster() + " are up to date");
        return new GpuProfilesResult(profile.spec().cluster().name(), in.cluster(), in.dir().toString(), format.word(), format.apiVersion,
                format.kind, in.namespace(), in.dryRun(), changed, entries, files, warnings, preview);
    }

    /** Files of this format rhoai wrote earlier (managed-by label) for pools the profile no longer has. */
    private static List<String> stale(Path dir, Format format, List<OutputFiles.Planned> planned) {
        if (!Files.isDirectory(dir)) return List.of();
        List<String> keep = planned.stream().map(OutputFiles.Planned::path).toList();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(format.filePrefix + "-") || !name.endsWith(".yaml") || keep.contains(name) || !Files.isRegularFile(p)) continue;
                if (ours(p, format)) out.add(name);
            }
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot list " + dir + ": " + e.getMessage(), "check the directory's permissions");
        }
        return out;
    }

    private static boolean ours(Path file, Format format) {
        try {
            if (Files.size(file) > 1024 * 1024) return false;
            JsonNode node = Mappers.yaml().readTree(Files.readString(file));
            return node != null && format.kind.equals(node.path("kind").asText())
                    && Ownership.MANAGED_BY.equals(node.path("metadata").path("labels").path(Ownership.MANAGED_BY_LABEL).asText());
        } catch (IOException | RuntimeException e) {
            return false;   // not YAML rhoai wrote: leave it alone
        }
    }
}
