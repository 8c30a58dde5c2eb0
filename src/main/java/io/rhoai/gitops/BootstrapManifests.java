package io.rhoai.gitops;

import io.rhoai.core.RhoaiException;
import io.rhoai.kube.Fields;
import io.rhoai.kube.ManifestTemplates;
import io.rhoai.kube.ManifestTemplates.Mode;
import io.rhoai.kube.ManifestTemplates.Rendered;
import io.rhoai.kube.ManifestTemplates.Template;

import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * What the bootstrap's root Application sets that every Application pointing a cluster at its overlay must share
     * ({@code fleet render}): its AppProject, its sync policy (automated with {@code autoSync}, none otherwise), the Argo CD
     * namespace, and the names of the AppProjects the bootstrap creates. Read from the templates themselves, so a
     * changed template changes both.
     */
    public record RootSettings(String project, Object syncPolicy, String namespace, List<String> appProjects) { }

    public static RootSettings rootSettings(Path dir, boolean autoSync) {
        BootstrapRequest probe = new BootstrapRequest("probe", "https://example.invalid/repo", "main", "probe", null, false, false,
                BootstrapRequest.DEFAULT_CONTROLLER_ROLE, null, null, autoSync, false, Duration.ZERO, Duration.ZERO,
                io.rhoai.kube.Applier.DryRun.CLIENT, dir);
        List<Rendered> rendered = ManifestTemplates.render(load(dir), GitOpsBootstrap.variables(probe, GitOpsNames.FALLBACK_CHANNEL), Mode.DISPLAY);
        List<String> projects = rendered.stream().filter(r -> "projects".equals(r.directive(GitOpsBootstrap.STAGE)))
                .filter(r -> "AppProject".equals(r.object().getKind())).map(r -> r.object().getMetadata().getName()).sorted().toList();
        Rendered root = rendered.stream().filter(r -> "root".equals(r.directive(GitOpsBootstrap.STAGE)))
                .filter(r -> "Application".equals(r.object().getKind())).findFirst()
                .orElseThrow(() -> RhoaiException.invalid("the bootstrap templates hold no root Application (rhoai.io/stage: root)",
                        "restore 40-root-application.yaml, or drop --manifests-dir"));
        String project = Fields.text(root.object(), "spec", "project");
        if (project == null || !projects.contains(project)) {
            throw RhoaiException.invalid(root.source() + ": the root Application's project '" + project + "' is not one of the AppProjects the templates create ("
                    + String.join(", ", projects) + ")", "make spec.project name one of them");
        }
        return new RootSettings(project, Fields.at(root.object(), "spec", "syncPolicy"), root.object().getMetadata().getNamespace(), projects);
    }
}
