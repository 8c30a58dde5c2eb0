package io.rhoai.profile;

import io.rhoai.gpu.GpuCatalog;
import io.rhoai.installconfig.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BundledProfilesTest {
    @Test
    void indexListsExactlyTheClusterProfilesOnDisk() throws IOException {
        List<String> index = Files.readAllLines(Fixtures.PROFILES.resolve("index.txt")).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> onDisk;
        try (Stream<java.nio.file.Path> s = Files.list(Fixtures.PROFILES)) {
            onDisk = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.startsWith("_"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        assertThat(index).isEqualTo(onDisk);
        assertThat(ProfileRepository.bundled().names()).as("the copy inside the binary").isEqualTo(onDisk);
    }

    @Test
    void bothBundledProfilesLoadFromTheBinaryAndValidate() {
        ProfileRepository bundled = ProfileRepository.bundled();
        ProfileValidator validator = new ProfileValidator(GpuCatalog.bundled());
        ValidatedProfile dev = validator.validate(bundled.load("rhoaibu-cluster-dev"), null);
        ValidatedProfile prod = validator.validate(bundled.load("rhoaibu-cluster-prod"), null);
        assertThat(dev.loaded().files()).containsExactly("_base.yaml", "rhoaibu-cluster-dev.yaml");
        assertThat(dev.zones()).containsExactly("us-west-2a", "us-west-2b", "us-west-2c");
        assertThat(prod.zones()).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(dev.pools()).extracting(p -> p.name() + ":" + p.label() + ":" + p.maxReplicas()).containsExactly(
                "t4-shared:Tesla-T4-SHARED:4", "t4-private:Tesla-T4-PRIVATE:10", "l4-shared:NVIDIA-L40-SHARED:2", "l4-private:NVIDIA-L40-PRIVATE:10",
                "a10g-private:NVIDIA-A10G-PRIVATE:3", "l40s-private:NVIDIA-L40S-PRIVATE:4", "l40s-multi-private:NVIDIA-L40S-MULTI-PRIVATE:2");
        assertThat(prod.pools()).extracting(p -> p.name() + ":" + p.maxReplicas()).containsExactly(
                "t4-shared:3", "t4-private:10", "l4-shared:2", "l4-private:10", "a10g-private:3", "l40s-private:4", "l40s-multi-private:2");
        assertThat(dev.warnings()).isEmpty();
        var g = prod.spec().gitops();
        assertThat(g.repoURL() + " " + g.revision() + " " + g.overlayPath() + " " + g.promotion())
                .isEqualTo("https://github.com/rh-aiservices-bu/rhoaibu-cluster main clusters/overlays/rhoaibu-cluster-prod branch");
        assertThat(dev.spec().gitops().revision()).isEqualTo("dev");
        assertThat(dev.spec().oauth().google().providerName()).isEqualTo("RedHat-Google-Auth");
        assertThat(dev.spec().oauth().google().clientID()).contains("placeholder");
        assertThat(dev.spec().certificates().dns().provider()).isEqualTo("route53");
        assertThat(dev.spec().certificates().email()).endsWith("@rhoai.example.com");
    }

    @Test
    void prodExplainsItsCapResolutionInTheFile() throws IOException {
        assertThat(Files.readString(Fixtures.PROFILES.resolve("rhoaibu-cluster-prod.yaml")))
                .contains("maxReplicas: 10").contains("11").contains("gpuLimits.Tesla-T4-PRIVATE");
    }
}
