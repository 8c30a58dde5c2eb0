package io.rhoai.installconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object rhoai renders for the bundled profiles (rendered afresh here by the real command line) and the installer
 * fixture validate against the upstream schemas in ../shared/schemas: the installer's InstallConfig, the machine API
 * MachineSet CRD and the cluster-autoscaler-operator CRDs. Skipped, saying why, when ../shared is absent.
 */
class SchemaConformanceTest {
    static final List<String> PROFILES = Fixtures.BUNDLED;
    static final String INSTALL_CONFIG = "openshift/installer/install.openshift.io_installconfigs.yaml";
    static final String MACHINESET = "openshift/api/0000_10_machine-api_01_machinesets-Default.crd.yaml";
    static final String MACHINE_AUTOSCALER = "openshift/cluster-autoscaler-operator/02_machineautoscaler.crd.yaml";
    static final String CLUSTER_AUTOSCALER = "openshift/cluster-autoscaler-operator/01_clusterautoscaler.crd.yaml";

    @TempDir Path tmp;

    /** Renders install-config + GPU manifests for a bundled profile into a fresh directory. */
    Path rendered(String profile) {
        Path dir = tmp.resolve(profile);
        Cli.Result r = Cli.cli().run("install-config", "render", "-c", profile, "--dir", dir.toString(), "--profiles-dir", Fixtures.PROFILES.toString(),
                "--pull-secret-file", Fixtures.PULL_SECRET.toString(), "--ssh-public-key-file", Fixtures.SSH_KEY.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Fixtures.createManifests(profile, dir);
        r = Cli.cli().run("install-config", "gpu-manifests", "-c", profile, "--dir", dir.toString(), "--profiles-dir", Fixtures.PROFILES.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return dir;
    }

    @ParameterizedTest
    @FieldSource("PROFILES")
    void renderedInstallConfigMatchesTheInstallerSchema(String profile) throws IOException {
        Path schema = SharedSchemas.require(INSTALL_CONFIG);
        JsonNode ic = read(rendered(profile).resolve("install-config.yaml"));
        assertThat(SchemaValidator.validateAgainstCrd(schema, "v1", ic)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("PROFILES")
    void everyGpuManifestMatchesItsUpstreamSchema(String profile) throws IOException {
        Path machineSet = SharedSchemas.require(MACHINESET);
        Path machineAutoscaler = SharedSchemas.require(MACHINE_AUTOSCALER);
        Path clusterAutoscaler = SharedSchemas.require(CLUSTER_AUTOSCALER);
        Path dir = rendered(profile);
        List<String> files = Fixtures.listFiles(dir).stream().filter(f -> f.startsWith("openshift/99_rhoai_")).toList();
        assertThat(files).hasSize(15);   // 7 pools × (MachineSet + MachineAutoscaler) + the ClusterAutoscaler
        for (String f : files) {
            JsonNode obj = read(dir.resolve(f));
            List<String> errors = switch (obj.path("kind").asText()) {
                case "MachineSet" -> SchemaValidator.validateAgainstCrd(machineSet, "v1beta1", obj);
                case "MachineAutoscaler" -> SchemaValidator.validateAgainstCrd(machineAutoscaler, "v1beta1", obj);
                case "ClusterAutoscaler" -> SchemaValidator.validateAgainstCrd(clusterAutoscaler, "v1", obj);
                default -> List.of("unexpected kind " + obj.path("kind").asText());
            };
            assertThat(errors).as(f).isEmpty();
        }
    }

    @Test
    void installerFixtureIsAValidMachineSet() throws IOException {
        Path schema = SharedSchemas.require(MACHINESET);
        for (String profile : PROFILES) {
            for (String f : Fixtures.listFiles(Fixtures.installerManifests(profile))) {
                assertThat(SchemaValidator.validateAgainstCrd(schema, "v1beta1", read(Fixtures.installerManifests(profile).resolve(f))))
                        .as(profile + "/" + f).isEmpty();
            }
        }
    }

    @Test
    void theValidatorCatchesAWrongField() throws IOException {
        // guards the guard: a misspelled field must fail the schema check, or the tests above prove nothing
        Path schema = SharedSchemas.require(MACHINE_AUTOSCALER);
        JsonNode ma = read(Fixtures.GOLDEN.resolve("rhoaibu-cluster-dev/openshift/99_rhoai_gpu-machineautoscaler-t4-shared-us-west-2a.yaml"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) ma.path("spec")).put("maxReplica", 3);
        ((com.fasterxml.jackson.databind.node.ObjectNode) ma.path("spec")).put("minReplicas", -1);
        assertThat(SchemaValidator.validateAgainstCrd(schema, "v1beta1", ma)).hasSizeGreaterThanOrEqualTo(2);
    }

    static JsonNode read(Path file) throws IOException {
        return Mappers.yaml().readTree(Files.readString(file));
    }
}
