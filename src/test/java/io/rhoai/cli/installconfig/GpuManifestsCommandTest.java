package io.rhoai.cli.installconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.installconfig.FileResult;
import io.rhoai.installconfig.Fixtures;
import io.rhoai.installconfig.GpuManifestsResult;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai install-config gpu-manifests} through the real command line, on the installer-style fixtures. */
class GpuManifestsCommandTest {
    @TempDir Path tmp;

    Cli.Result run(String profile, Path dir, String... extra) {
        String[] base = {"install-config", "gpu-manifests", "--cluster", profile, "--dir", dir.toString(), "--profiles-dir", Fixtures.PROFILES.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra)).toArray(String[]::new);
        return Cli.cli().run(args);
    }

    @Test
    void prodPoolsReproduceTheSeedIntentWithTheZoneReallySet() throws IOException {
        Path dir = tmp.resolve("prod");
        Fixtures.createManifests("rhoaibu-cluster-prod", dir);
        Cli.Result r = run("rhoaibu-cluster-prod", dir, "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        GpuManifestsResult result = Mappers.json().readValue(r.stdout(), GpuManifestsResult.class);
        assertThat(result.infraID()).isEqualTo("prod-4b9tq");
        assertThat(result.machineSets()).extracting(GpuManifestsResult.GpuMachineSet::pool, GpuManifestsResult.GpuMachineSet::label,
                GpuManifestsResult.GpuMachineSet::maxReplicas).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t4-shared", "Tesla-T4-SHARED", 3),
                org.assertj.core.groups.Tuple.tuple("t4-private", "Tesla-T4-PRIVATE", 10),
                org.assertj.core.groups.Tuple.tuple("l4-shared", "NVIDIA-L40-SHARED", 2),
                org.assertj.core.groups.Tuple.tuple("l4-private", "NVIDIA-L40-PRIVATE", 10),
                org.assertj.core.groups.Tuple.tuple("a10g-private", "NVIDIA-A10G-PRIVATE", 3),
                org.assertj.core.groups.Tuple.tuple("l40s-private", "NVIDIA-L40S-PRIVATE", 4),
                org.assertj.core.groups.Tuple.tuple("l40s-multi-private", "NVIDIA-L40S-MULTI-PRIVATE", 2));
        assertThat(result.gpuLimits()).extracting(c -> c.label() + "=" + c.max()).containsExactly(
                "Tesla-T4-SHARED=4", "NVIDIA-L40-SHARED=2", "Tesla-T4-PRIVATE=10", "NVIDIA-L40-PRIVATE=10",
                "NVIDIA-A10G-PRIVATE=3", "NVIDIA-L40S-PRIVATE=4", "NVIDIA-L40S-MULTI-PRIVATE=8");
        JsonNode ms = Mappers.yaml().readTree(Files.readString(dir.resolve("openshift/99_rhoai_gpu-machineset-l4-private-us-east-1a.yaml")));
        JsonNode provider = ms.path("spec").path("template").path("spec").path("providerSpec").path("value");
        assertThat(provider.path("placement").path("availabilityZone").asText()).isEqualTo("us-east-1a");
        assertThat(provider.path("subnet").path("filters").get(0).path("values").get(0).asText()).isEqualTo("prod-4b9tq-subnet-private-us-east-1a");
        assertThat(provider.path("instanceType").asText()).isEqualTo("g6.2xlarge");
        assertThat(ms.path("spec").path("replicas").asInt()).isZero();
        assertThat(ms.path("spec").path("template").path("spec").path("taints").toString())
                .isEqualTo("[{\"key\":\"nvidia.com/gpu\",\"value\":\"NVIDIA-L40-PRIVATE\",\"effect\":\"NoSchedule\"}]");
        assertThat(r.stderr()).doesNotContain("error");
    }

    @Test
    void textOutputListsMachineSetsCapsAndFiles() {
        Path dir = tmp.resolve("dev");
        Fixtures.createManifests("rhoaibu-cluster-dev", dir);
        Cli.Result r = run("rhoaibu-cluster-dev", dir);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("MACHINESET", "dev-x7k2p-gpu-t4-shared-us-west-2a", "Tesla-T4-SHARED", "GPU LABEL",
                "created  openshift/99_rhoai_gpu-clusterautoscaler.yaml", "created  .rhoai/gpu-manifests.inputs.json");
        assertThat(r.stderr()).contains("Validating profile");
    }

    @Test
    void rerunIsUnchangedAndOutputIsDeterministic() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        Fixtures.createManifests("rhoaibu-cluster-dev", a);
        Fixtures.createManifests("rhoaibu-cluster-dev", b);
        assertThat(run("rhoaibu-cluster-dev", a).exitCode()).isZero();
        assertThat(run("rhoaibu-cluster-dev", b).exitCode()).isZero();
        for (String f : Fixtures.listFiles(a)) assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        GpuManifestsResult again = Mappers.json().readValue(run("rhoaibu-cluster-dev", a, "-o", "json").stdout(), GpuManifestsResult.class);
        assertThat(again.changed()).isFalse();
        assertThat(again.files()).extracting(FileResult::status).containsOnly(FileResult.Status.UNCHANGED);
    }

    @Test
    void dryRunWritesNothingAndPreviewsEveryManifest() throws IOException {
        Path dir = tmp.resolve("dev");
        Fixtures.createManifests("rhoaibu-cluster-dev", dir);
        List<String> before = Fixtures.listFiles(dir);
        Cli.Result r = run("rhoaibu-cluster-dev", dir, "--dry-run", "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(Fixtures.listFiles(dir)).isEqualTo(before);
        GpuManifestsResult result = Mappers.json().readValue(r.stdout(), GpuManifestsResult.class);
        assertThat(result.dryRun()).isTrue();
        assertThat(result.preview()).hasSize(16).containsKey("openshift/99_rhoai_gpu-clusterautoscaler.yaml");
    }

    @Test
    void aPoolRemovedFromTheProfileHasItsFilesRemoved() throws IOException {
        Path dir = tmp.resolve("dev");
        Fixtures.createManifests("rhoaibu-cluster-dev", dir);
        assertThat(run("rhoaibu-cluster-dev", dir).exitCode()).isZero();
        Path profiles = Files.createDirectories(tmp.resolve("profiles"));
        for (String f : List.of("_base.yaml", "rhoaibu-cluster-dev.yaml")) Files.copy(Fixtures.PROFILES.resolve(f), profiles.resolve(f));
        String base = Files.readString(profiles.resolve("_base.yaml"));
        int from = base.indexOf("    - name: l4-shared"), to = base.indexOf("    - name: l4-private");
        Files.writeString(profiles.resolve("_base.yaml"), base.substring(0, from) + base.substring(to)
                .replace("      NVIDIA-L40-SHARED: 2\n", ""));
        Cli.Result r = Cli.cli().run("install-config", "gpu-manifests", "-c", "rhoaibu-cluster-dev", "--dir", dir.toString(),
                "--profiles-dir", profiles.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        GpuManifestsResult result = Mappers.json().readValue(r.stdout(), GpuManifestsResult.class);
        Map<String, FileResult.Status> status = new java.util.HashMap<>();
        result.files().forEach(f -> status.put(f.path(), f.status()));
        assertThat(status).containsEntry("openshift/99_rhoai_gpu-machineset-l4-shared-us-west-2a.yaml", FileResult.Status.REMOVED)
                .containsEntry("openshift/99_rhoai_gpu-clusterautoscaler.yaml", FileResult.Status.UPDATED)
                .containsEntry("openshift/99_rhoai_gpu-machineset-t4-shared-us-west-2a.yaml", FileResult.Status.UNCHANGED);
        assertThat(dir.resolve("openshift/99_rhoai_gpu-machineset-l4-shared-us-west-2a.yaml")).doesNotExist();
        assertThat(dir.resolve("openshift/99_openshift-cluster-api_worker-machineset-0.yaml")).exists();
    }
}
