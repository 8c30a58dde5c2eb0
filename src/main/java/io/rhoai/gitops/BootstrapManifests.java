package io.rhoai.gitops;

import io.rhoai.kube.ManifestTemplates;
import io.rhoai.kube.ManifestTemplates.Template;

import java.nio.file.Path;
import java.util.List;

/** The bootstrap templates: the bundled {@code bootstrap-manifests/} folder, or a directory given with --manifests-dir. */
public final class BootstrapManifests {
    public static final String FOLDER = "bootstrap-manifests";
    /** The bundled files in apply order (a jar cannot be listed; a test checks this matches the folder). */
    public static final List<String> BUNDLED = List.of(
            "00-operator.yaml", "10-argocd.yaml", "11-controller-rbac.yaml", "20-repository.yaml",
            "30-appprojects.yaml", "40-root-application.yaml");

    private BootstrapManifests() { }

    public static List<Template> load(Path dir) {
        return dir == null ? ManifestTemplates.fromClasspath(FOLDER, BUNDLED) : ManifestTemplates.fromDirectory(dir);
    }
}
