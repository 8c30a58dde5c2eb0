package io.rhoai.cli.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.gpu.profiles.GpuProfilesResult;
import io.rhoai.installconfig.FileResult;
import io.rhoai.installconfig.Fixtures;
import io.rhoai.testing.Cli;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai gpu profiles} through the real command line on the bundled profiles: the toleration and node selector
 * of each profile are compared with the MachineSet {@code install-config gpu-manifests} renders for the same pool.
 */
class GpuProfilesCommandTest {
    static final String PROD = "rhoaibu-cluster-prod";
    static final List<String> PROD_POOLS = List.of("l4-private", "l4-shared", "t4-private", "t4-shared");

    @TempDir Path tmp;

    static Cli.Result run(String profile, Path dir, String... extra) {
        String[] base = {"gpu", "profiles", "--cluster", profile, "--dir", dir.toString(), "--profiles-dir", Fixtures.PROFILES.toString()};
        return Cli.cli().run(Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new));
    }

    static JsonNode read(Path file) throws IOException {
        return Mappers.yaml().readTree(Files.readString(file));
    }

    @Test
    void tolerationAndNodeSelectorAreExactlyTheTaintAndLabelOfThePoolsMachineSet() throws IOException {
        Path install = tmp.resolve("install");
        Fixtures.createManifests(PROD, install);
        Cli.Result manifests = Cli.cli().run("install-config", "gpu-manifests", "--cluster", PROD, "--dir", install.toString(),
                "--profiles-dir", Fixtures.PROFILES.toString());
        assertThat(manifests.exitCode()).as(manifests.toString()).isZero();
        Path acc = tmp.resolve("acc"), hw = tmp.resolve("hw");
        assertThat(run(PROD, acc).exitCode()).isZero();
        assertThat(run(PROD, hw, "--format", "hardware").exitCode()).isZero();

        for (String pool : PROD_POOLS) {
            JsonNode ms = read(install.resolve("openshift/99_rhoai_gpu-machineset-" + pool + "-us-east-1a.yaml"));
            JsonNode taint = ms.path("spec").path("template").path("spec").path("taints").get(0);
            JsonNode nodeLabels = ms.path("spec").path("template").path("spec").path("metadata").path("labels");
            ObjectNode expectedToleration = ((ObjectNode) taint.deepCopy()).put("operator", "Equal");

            JsonNode a = read(acc.resolve("acceleratorprofile-" + pool + ".yaml"));
            assertThat(a.path("spec").path("tolerations")).as(pool).containsExactly(expectedToleration);
            assertThat(a.path("spec").path("identifier").asText()).isEqualTo(taint.path("key").asText());

            JsonNode h = read(hw.resolve("hardwareprofile-" + pool + ".yaml"));
            JsonNode node = h.path("spec").path("scheduling").path("node");
            assertThat(node.path("tolerations")).as(pool).containsExactly(expectedToleration);
            assertThat(node.path("nodeSelector")).as(pool).isEqualTo(nodeLabels);
            assertThat(h.path("spec").path("scheduling").path("type").asText()).isEqualTo("Node");
        }
        // the seed's own profile for Tesla-T4-SHARED: toleration key nvidia.com/gpu, value the label, NoSchedule
        JsonNode t4 = read(acc.resolve("acceleratorprofile-t4-shared.yaml"));
        assertThat(t4.path("spec").path("tolerations").toString())
                .isEqualTo("[{\"key\":\"nvidia.com/gpu\",\"operator\":\"Equal\",\"value\":\"Tesla-T4-SHARED\",\"effect\":\"NoSchedule\"}]");
        assertThat(t4.path("metadata").path("namespace").asText()).isEqualTo("redhat-ods-applications");
        assertThat(t4.path("spec").path("enabled").asBoolean()).isTrue();
        assertThat(read(acc.resolve("acceleratorprofile-t4-private.yaml")).path("spec").path("enabled").asBoolean())
                .as("PRIVATE pools are rendered disabled").isFalse();
    }

    @Test
    void hardwareProfileIdentifiersAreBoundedByTheInstanceType() throws IOException {
        Path hw = tmp.resolve("hw");
        assertThat(run(PROD, hw, "--format", "hardware").exitCode()).isZero();
        JsonNode ids = read(hw.resolve("hardwareprofile-t4-shared.yaml")).path("spec").path("identifiers");   // g4dn.2xlarge: 8 vCPU, 32 GiB, 1 T4
        assertThat(ids.toString()).isEqualTo("[{\"displayName\":\"CPU\",\"identifier\":\"cpu\",\"resourceType\":\"CPU\",\"minCount\":1,\"defaultCount\":2,\"maxCount\":7},"
                + "{\"displayName\":\"Memory\",\"identifier\":\"memory\",\"resourceType\":\"Memory\",\"minCount\":\"2Gi\",\"defaultCount\":\"16Gi\",\"maxCount\":\"28Gi\"},"
                + "{\"displayName\":\"NVIDIA T4\",\"identifier\":\"nvidia.com/gpu\",\"resourceType\":\"Accelerator\",\"minCount\":1,\"defaultCount\":1,\"maxCount\":1}]");
        JsonNode meta = read(hw.resolve("hardwareprofile-t4-private.yaml")).path("metadata");
        assertThat(meta.path("annotations").path("opendatahub.io/disabled").asText()).isEqualTo("true");
        assertThat(meta.path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("rhoai");
    }

    @Test
    void acceleratorProfilesValidateAgainstTheDashboardCrd() throws IOException {
        Path crd = SharedSchemas.require("opendatahub/odh-dashboard/acceleratorprofiles.opendatahub.io.crd.yaml");
        Path acc = tmp.resolve("acc");
        assertThat(run(PROD, acc).exitCode()).isZero();
        for (String pool : PROD_POOLS) {
            JsonNode object = read(acc.resolve("acceleratorprofile-" + pool + ".yaml"));
            assertThat(object.path("apiVersion").asText()).isEqualTo("dashboard.opendatahub.io/v1");
            // this CRD's root schema lists only spec; the API server always accepts apiVersion, kind and metadata, so
            // the strict validator is given the spec alone (an unknown field inside spec still fails)
            ObjectNode specOnly = Mappers.json().createObjectNode();
            specOnly.set("spec", object.path("spec"));
            assertThat(SchemaValidator.validateAgainstCrd(crd, "v1", specOnly)).as(pool).isEmpty();
        }
        ObjectNode typo = Mappers.json().createObjectNode();
        typo.putObject("spec").put("displayName", "x").put("enabled", true).put("identifer", "nvidia.com/gpu");
        assertThat(SchemaValidator.validateAgainstCrd(crd, "v1", typo)).as("the check can fail").isNotEmpty();
    }

    @Test
    void hardwareProfilesValidateAgainstOpenDataHub3() throws IOException {
        Path v1 = SharedSchemas.require("alternates/opendatahub-3.x/infrastructure.opendatahub.io_hardwareprofiles.yaml");
        Path v1alpha1 = SharedSchemas.require("opendatahub/infrastructure.opendatahub.io_hardwareprofiles.yaml");
        Path hw = tmp.resolve("hw");
        assertThat(run(PROD, hw, "--format", "hardware").exitCode()).isZero();
        for (String pool : PROD_POOLS) {
            JsonNode object = read(hw.resolve("hardwareprofile-" + pool + ".yaml"));
            assertThat(object.path("apiVersion").asText()).isEqualTo("infrastructure.opendatahub.io/v1");
            assertThat(SchemaValidator.validateAgainstCrd(v1, "v1", object)).as(pool).isEmpty();
            // the 2.2x v1alpha1 schema has the same spec: the file works there with only apiVersion changed
            ObjectNode older = object.deepCopy();
            older.put("apiVersion", "infrastructure.opendatahub.io/v1alpha1");
            assertThat(SchemaValidator.validateAgainstCrd(v1alpha1, "v1alpha1", older)).as(pool).isEmpty();
        }
    }

    @Test
    void rerunIsUnchangedAndDeterministic() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertThat(run(PROD, a).exitCode()).isZero();
        assertThat(run(PROD, b).exitCode()).isZero();
        for (String f : Fixtures.listFiles(a)) assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        assertThat(Fixtures.listFiles(a)).containsExactly("acceleratorprofile-a10g-private.yaml", "acceleratorprofile-l4-private.yaml",
                "acceleratorprofile-l4-shared.yaml", "acceleratorprofile-l40s-multi-private.yaml", "acceleratorprofile-l40s-private.yaml",
                "acceleratorprofile-t4-private.yaml", "acceleratorprofile-t4-shared.yaml");
        Cli.Result again = run(PROD, a, "-o", "json");
        GpuProfilesResult result = Mappers.json().readValue(again.stdout(), GpuProfilesResult.class);
        assertThat(result.changed()).isFalse();
        assertThat(result.files()).extracting(FileResult::status).containsOnly(FileResult.Status.UNCHANGED);
        assertThat(run(PROD, a).stdout()).contains("Up to date, nothing written");
    }

    @Test
    void dryRunWritesNothingAndShowsTheFiles() throws IOException {
        Path dir = tmp.resolve("out");
        Cli.Result r = run(PROD, dir, "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(dir).doesNotExist();
        assertThat(r.stdout()).containsPattern("created +acceleratorprofile-t4-shared.yaml").contains("Dry run, nothing written",
                "--- acceleratorprofile-t4-shared.yaml", "value: Tesla-T4-SHARED");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("acceleratorprofile-t4-shared.yaml"), "old\n");
        Cli.Result again = run(PROD, dir, "--dry-run", "-o", "json");
        GpuProfilesResult result = Mappers.json().readValue(again.stdout(), GpuProfilesResult.class);
        assertThat(result.files()).extracting(f -> f.path() + "=" + f.status().word()).contains("acceleratorprofile-t4-shared.yaml=updated");
        assertThat(Files.readString(dir.resolve("acceleratorprofile-t4-shared.yaml"))).isEqualTo("old\n");
        assertThat(Fixtures.listFiles(dir)).containsExactly("acceleratorprofile-t4-shared.yaml");
    }

    @Test
    void aPoolLeavingTheProfileLosesItsFileButOtherFilesStay() throws IOException {
        Path dir = tmp.resolve("out");
        assertThat(run(PROD, dir).exitCode()).isZero();
        String ours = Files.readString(dir.resolve("acceleratorprofile-t4-shared.yaml")).replace("t4-shared", "old-pool");
        Files.writeString(dir.resolve("acceleratorprofile-old-pool.yaml"), ours);
        Files.writeString(dir.resolve("acceleratorprofile-by-hand.yaml"), "apiVersion: dashboard.opendatahub.io/v1\nkind: AcceleratorProfile\n");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\n");
        Cli.Result r = run(PROD, dir, "-o", "json");
        GpuProfilesResult result = Mappers.json().readValue(r.stdout(), GpuProfilesResult.class);
        assertThat(result.files()).extracting(f -> f.path() + "=" + f.status().word()).contains("acceleratorprofile-old-pool.yaml=removed");
        List<String> left = new ArrayList<>(Fixtures.listFiles(dir));
        assertThat(left).contains("acceleratorprofile-by-hand.yaml", "kustomization.yaml").doesNotContain("acceleratorprofile-old-pool.yaml");
    }

    @Test
    void badInputIsOneLineWithAHint() {
        Cli.Result format = run(PROD, tmp.resolve("x"), "--format", "gaudi");
        assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.stderr()).contains("--format: 'gaudi' is not accelerator or hardware");
        Cli.Result ns = run(PROD, tmp.resolve("x"), "--namespace", "Bad_NS");
        assertThat(ns.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(ns.stderr()).contains("error: --namespace: 'Bad_NS' is not a valid namespace name", "hint: ");
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}
