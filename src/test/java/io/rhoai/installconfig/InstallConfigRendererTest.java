package io.rhoai.installconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.Progress;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.core.secret.Secret;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.profile.ProfileRepository;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on its own (no picocli): optional install-config fields and what it reports through Progress. */
class InstallConfigRendererTest {
    @TempDir Path tmp;

    @Test
    void rootVolumeGoesToBothPoolsAndStillMatchesTheInstallerSchema() throws IOException {
        Path profiles = Files.createDirectories(tmp.resolve("profiles"));
        Files.copy(Fixtures.PROFILES.resolve("_base.yaml"), profiles.resolve("_base.yaml"));
        Files.writeString(profiles.resolve("lab.yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: lab
                base: _base.yaml
                spec:
                  cluster:
                    name: lab
                  platform:
                    aws:
                      region: eu-west-1
                      zones: [a, b]
                      rootVolume: {size: 300, type: gp3, iops: 6000}
                  publish: Internal
                """);
        List<String> said = new ArrayList<>();
        Progress progress = new Progress() {
            @Override public void step(String m) { said.add("step " + m); }
            @Override public void done(String m) { said.add("done " + m); }
            @Override public void info(String m) { said.add("info " + m); }
            @Override public void warn(String m) { said.add("warn " + m); }
        };
        RenderResult r = new InstallConfigRenderer(GpuCatalog.bundled(), progress).render(new RenderInput(ProfileRepository.of(profiles), "lab",
                tmp.resolve("out"), Secret.of(Files.readString(Fixtures.PULL_SECRET), "test"), null, "--ssh-public-key-file", false, "test"));
        assertThat(r.changed()).isTrue();
        assertThat(said).containsExactly("step Validating profile lab",
                "warn no SSH key: nodes will not accept SSH logins (pass --ssh-public-key-file to allow them)",
                "done Wrote install-config for lab in " + tmp.resolve("out"));
        JsonNode ic = Mappers.yaml().readTree(Files.readString(tmp.resolve("out/install-config.yaml")));
        for (JsonNode pool : List.of(ic.path("compute").get(0), ic.path("controlPlane"))) {
            assertThat(pool.path("platform").path("aws").path("rootVolume").toString()).isEqualTo("{\"iops\":6000,\"size\":300,\"type\":\"gp3\"}");
            assertThat(pool.path("platform").path("aws").path("zones").toString()).isEqualTo("[\"eu-west-1a\",\"eu-west-1b\"]");
        }
        assertThat(ic.path("publish").asText()).isEqualTo("Internal");
        assertThat(ic.has("sshKey")).isFalse();
        Path schema = SharedSchemas.require("openshift/installer/install.openshift.io_installconfigs.yaml");
        assertThat(SchemaValidator.validateAgainstCrd(schema, "v1", ic)).isEmpty();
    }
}
