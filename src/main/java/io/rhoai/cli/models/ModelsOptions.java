package io.rhoai.cli.models;

import io.rhoai.cli.ProfileOptions;
import io.rhoai.core.Progress;
import io.rhoai.core.time.Deadline;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.models.ModelsLoader;
import io.rhoai.promote.render.KustomizeRenderer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What every {@code models} command reads: the profile, the repository, the model directories, the gateway file. */
public final class ModelsOptions {
    @Mixin public ProfileOptions profile;

    @Option(names = "--repo-dir", paramLabel = "DIR", defaultValue = ".",
            description = "The GitOps repository checkout (default: the current directory).")
    public Path repoDir;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "A directory of InferenceServices and ServingRuntimes, relative to --repo-dir; repeat for more"
                    + " (default: the profile's GitOps overlay, spec.gitops.overlayPath).")
    public List<String> modelsDirs;

    @Option(names = "--gateway", paramLabel = "FILE",
            description = "The gateway declaration (default: gateway.yaml in the first model directory that has one).")
    public Path gateway;

    @Option(names = "--no-kustomize", description = "Read the YAML files as written even where a kustomization would build.")
    public boolean noKustomize;

    /** Loads profile, tree and gateway; kustomize builds share the run's deadline. */
    public ModelsLoader.Loaded load(Map<String, String> env, Deadline deadline, Progress progress) {
        KustomizeRenderer renderer = noKustomize ? null : KustomizeRenderer.locate(env, deadline::remaining);
        var request = new ModelsLoader.Request(profile.repository(env, progress, "rhoai models"), profile.cluster, repoDir.toAbsolutePath().normalize(),
                modelsDirs, gateway, renderer);
        return ModelsLoader.load(request, GpuCatalog.bundled(), progress);
    }

    static Deadline deadline(Duration timeout) {
        return Deadline.in(timeout);
    }
}
