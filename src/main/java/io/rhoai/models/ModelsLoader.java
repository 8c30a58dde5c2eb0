package io.rhoai.models;

import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.models.gateway.GatewayDeclaration;
import io.rhoai.installconfig.Profiles;
import io.rhoai.models.tree.ModelTree;
import io.rhoai.models.tree.ModelTreeReader;
import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileRepository;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.ValidatedProfile;
import io.rhoai.promote.render.ManifestRenderer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every {@code models} command starts from: the validated profile, the InferenceServices and runtimes of the model
 * directories (the profile's GitOps overlay unless named), and the gateway declaration when there is one.
 */
public final class ModelsLoader {
    private ModelsLoader() { }

    /**
     * @param modelsDirs    directories relative to {@code repoDir}; empty: the profile's overlay
     * @param gatewayFile   --gateway, or null to look for gateway.yaml in the model directories
     * @param renderer      kustomize, or null to read files only
     */
    public record Request(ProfileRepository profiles, String cluster, Path repoDir, List<String> modelsDirs, Path gatewayFile,
                          ManifestRenderer renderer) { }

    public record Loaded(String profileName, ProfileRepository profiles, ValidatedProfile profile,
                         Path repoDir, List<String> dirs, ModelTree tree, GatewayDeclaration gateway, String gatewayFile,
                         List<ModelSpec> models) {
        public LoadedProfile loadedProfile() {
            return profile.loaded();
        }
    }

    public static Loaded load(Request r, GpuCatalog catalog, Progress progress) {
        ValidatedProfile profile = Profiles.loadValid(r.profiles(), r.cluster(), catalog);
        LoadedProfile loaded = profile.loaded();
        if (!Files.isDirectory(r.repoDir())) {
            throw RhoaiException.invalid("--repo-dir: " + r.repoDir() + " is not a directory", "pass the GitOps repository's folder");
        }
        List<String> dirs = r.modelsDirs() == null || r.modelsDirs().isEmpty() ? List.of(ProfileViews.overlayPath(loaded.profile())) : r.modelsDirs();
        ModelTree tree = new ModelTreeReader(r.repoDir(), r.renderer(), progress).read(dirs);
        if (tree.inferenceServices().isEmpty()) {
            throw RhoaiException.invalid("no InferenceService under " + String.join(", ", dirs) + " (in " + r.repoDir() + ")",
                    "name the model directories with --models-dir, e.g. --models-dir components/configs/maas/model-serving/base");
        }
        Path gw = r.gatewayFile() != null ? r.gatewayFile() : GatewayDeclaration.find(r.repoDir(), dirs);
        GatewayDeclaration gateway = null;
        String gatewayDisplay = null;
        if (gw != null) {
            gatewayDisplay = r.gatewayFile() != null ? gw.toString() : r.repoDir().relativize(gw).toString();
            gateway = GatewayDeclaration.read(gw, gatewayDisplay);
        }
        List<ModelSpec> models = tree.inferenceServices().stream().map(o -> ModelSpec.of(o, catalog)).toList();
        return new Loaded(loaded.profile().name(), r.profiles(), profile, r.repoDir(), dirs, tree, gateway, gatewayDisplay, models);
    }
}
