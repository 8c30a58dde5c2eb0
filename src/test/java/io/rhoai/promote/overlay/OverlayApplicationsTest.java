package io.rhoai.promote.overlay;

import io.rhoai.git.TreeFiles;
import io.rhoai.promote.SeedRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OverlayApplicationsTest {
    @TempDir Path tmp;

    @Test
    void overlayPatchesRetargetPathsAndRevisionsPerEnvironment() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            TreeFiles main = TreeFiles.ofCommit(seed.git.getRepository(), seed.remoteBranch("main"));
            OverlayApplications.Resolved prod = new OverlayApplications(main).resolve("clusters/overlays/rhoaibu-cluster-prod");
            OverlayApplications.Resolved dev = new OverlayApplications(main).resolve("clusters/overlays/rhoaibu-cluster-dev");

            assertThat(prod.apps()).extracting(ArgoApp::name).containsExactly(
                    "config-namespaces", "config-console", "nfd", "rhoai-operator", "instance-rhoai", "instance-odf");
            assertThat(path(prod, "config-console")).isEqualTo("components/configs/console/overlays/rhoaibu-cluster-prod");
            assertThat(path(dev, "config-console")).isEqualTo("components/configs/console/overlays/rhoaibu-cluster-dev");
            assertThat(path(prod, "instance-odf")).isEqualTo("components/instances/odf-instance/overlays/rhoaibu-cluster-prod");
            // git directory generator: one app per folder, named by its basename
            assertThat(path(prod, "rhoai-operator")).isEqualTo("components/operators/rhoai-operator");
            assertThat(prod.apps()).allMatch(a -> a.targetRevision().equals("main"));
            assertThat(dev.apps()).allMatch(a -> a.targetRevision().equals("dev"));
            assertThat(prod.revisions()).extracting(RevisionField::value).containsOnly("main");
            assertThat(prod.revisions()).extracting(RevisionField::field).contains("spec.generators[0].git.revision");
            assertThat(prod.notes()).isEmpty();
            // the overlay reads the base and the ApplicationSets it includes
            assertThat(prod.overlay().contains("components/argocd/apps/cluster-operators-applicationset.yaml")).isTrue();
            assertThat(prod.overlay().contains("clusters/overlays/rhoaibu-cluster-dev/kustomization.yaml")).isFalse();
        }
    }

    @Test
    void globsAndTemplateParametersFollowArgoCd() {
        assertThat(OverlayApplications.glob("components/operators/*").matcher("components/operators/nfd").matches()).isTrue();
        assertThat(OverlayApplications.glob("components/operators/*").matcher("components/operators/nfd/base").matches()).isFalse();
        assertThat(OverlayApplications.glob("apps/**").matcher("apps/a/b").matches()).isTrue();
        Map<String, String> p = OverlayApplications.flatten(io.rhoai.core.yaml.Mappers.json().valueToTree(
                Map.of("name", "x", "values", Map.of("path", "a/b"))));
        assertThat(OverlayApplications.substitute("{{values.path}}", p)).isEqualTo("a/b");
        assertThat(OverlayApplications.substitute("{{ .name }}-app", p)).isEqualTo("x-app");
        assertThat(OverlayApplications.substitute("{{missing}}", p)).isEqualTo("{{missing}}");
    }

    private static String path(OverlayApplications.Resolved r, String app) {
        List<ArgoApp> found = r.apps().stream().filter(a -> a.name().equals(app)).toList();
        assertThat(found).hasSize(1);
        return found.get(0).path();
    }
}
