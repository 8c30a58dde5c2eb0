package io.rhoai.promote.overlay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.rhoai.git.TreeFiles;
import io.rhoai.promote.SeedRepo;
import io.rhoai.promote.gate.ArgoApplicationGateTest;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test data is what Argo CD would accept: the fixture's ApplicationSets, as the overlay patches them, validate
 * against the upstream ApplicationSet CRD, and the gate's Application objects against the Application CRD.
 */
class ArgoSchemasTest {
    @TempDir Path tmp;

    @Test
    void patchedApplicationSetsOfBothOverlaysMatchTheCrd() throws Exception {
        Path crd = SharedSchemas.require("argocd/applicationset-crd.yaml");
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            TreeFiles main = TreeFiles.ofCommit(seed.git.getRepository(), seed.remoteBranch("main"));
            for (String env : List.of("rhoaibu-cluster-dev", "rhoaibu-cluster-prod")) {
                List<ObjectNode> objects = new KustomizeReader(main).build("clusters/overlays/" + env, true).objects();
                assertThat(objects).extracting(o -> o.path("kind").asText()).containsOnly("ApplicationSet").hasSize(3);
                for (ObjectNode o : objects) {
                    assertThat(SchemaValidator.validateAgainstCrd(crd, "v1alpha1", o)).as(env + " " + o.path("metadata").path("name")).isEmpty();
                    // the overlays remove auto-sync from every template, as the seed's do
                    assertThat(o.path("spec").path("template").path("spec").has("syncPolicy")).isFalse();
                }
            }
        }
    }

    @Test
    void gateTestApplicationsMatchTheCrd() {
        Path crd = SharedSchemas.require("argocd/application-crd.yaml");
        GenericKubernetesResource app = ArgoApplicationGateTest.application("rhoai-operator", "https://github.com/acme/x",
                "Synced", "Healthy", "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d");
        assertThat(SchemaValidator.validateAgainstCrd(crd, "v1alpha1", app)).isEmpty();
    }
}
