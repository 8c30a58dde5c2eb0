package io.rhoai.profile;

import io.rhoai.core.yaml.Mappers;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.installconfig.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Validator rules the CLI corpus does not reach: derived caps, OVN ranges, node capacity, origin of a field, all problems. */
class ProfileValidatorTest {
    @TempDir Path tmp;
    final ProfileValidator validator = new ProfileValidator(GpuCatalog.bundled());

    ProfileRepository repo(String devSpecAddition) throws IOException {
        for (String f : List.of("_base.yaml", "rhoaibu-cluster-dev.yaml")) Files.copy(Fixtures.PROFILES.resolve(f), tmp.resolve(f));
        Path dev = tmp.resolve("rhoaibu-cluster-dev.yaml");
        Files.writeString(dev, Files.readString(dev).replace("spec:\n", "spec:\n" + devSpecAddition));
        return ProfileRepository.of(tmp);
    }

    List<ProfileValidator.Problem> problems(ProfileRepository repo) {
        LoadedProfile lp = repo.load("rhoaibu-cluster-dev");
        return validator.problems(lp, p -> repo.originOf(lp, p));
    }

    @Test
    void aPoolWhoseLabelHasNoCapGetsADerivedCap() throws IOException {
        ProfileRepository repo = repo("""
                  gpuPools:
                    - name: a100
                      instanceType: p4d.24xlarge
                      access: PRIVATE
                      zones: [a, b]
                      maxReplicas: 2
                """);
        ValidatedProfile v = validator.validate(repo.load("rhoaibu-cluster-dev"), null);
        assertThat(v.gpuCaps()).extracting(c -> c.label() + "=" + c.max() + (c.derived() ? " derived" : "")).containsExactly(
                "Tesla-T4-SHARED=4", "NVIDIA-L40-SHARED=2", "Tesla-T4-PRIVATE=10", "NVIDIA-L40-PRIVATE=10",
                "NVIDIA-A10G-PRIVATE=3", "NVIDIA-L40S-PRIVATE=4", "NVIDIA-L40S-MULTI-PRIVATE=8",
                "NVIDIA-A100-PRIVATE=32 derived");   // 2 nodes × 8 GPUs × 2 zones
    }

    @Test
    void poolsSharingALabelBeyondItsCapGiveAWarningNotAnError() throws IOException {
        ProfileRepository repo = repo("""
                  gpuPools:
                    - name: t4-private-spot
                      instanceType: g4dn.2xlarge
                      access: PRIVATE
                      zones: [b]
                      maxReplicas: 5
                      spot: true
                """);
        ValidatedProfile v = validator.validate(repo.load("rhoaibu-cluster-dev"), null);
        assertThat(v.warnings()).containsExactly("pools labelled Tesla-T4-PRIVATE may ask for 15 GPUs together; the cluster-wide cap of 10 stops the autoscaler first");
        assertThat(v.pools()).filteredOn(ValidatedProfile.PlannedPool::spot).singleElement().extracting(ValidatedProfile.PlannedPool::zones)
                .isEqualTo(List.of("us-west-2b"));
    }

    @Test
    void ovnInternalRangesAndNodeCapacityAreChecked() throws IOException {
        ProfileRepository repo = repo("""
                  networking:
                    clusterNetwork:
                      - cidr: 10.128.0.0/21
                        hostPrefix: 23
                    machineNetwork:
                      - cidr: 100.64.0.0/16
                """);
        assertThat(problems(repo)).extracting(ProfileValidator.Problem::line).containsExactly(
                "rhoaibu-cluster-dev.yaml: spec.networking.machineNetwork[0].cidr: 100.64.0.0/16 overlaps 100.64.0.0/16, the OVN join subnet",
                "rhoaibu-cluster-dev.yaml: spec.networking.clusterNetwork[0].hostPrefix: a /23 per node out of 10.128.0.0/21 fits 4 nodes, but the profile may run 41");
    }

    @Test
    void everyProblemIsReportedWithTheFileThatHoldsTheField() throws IOException {
        ProfileRepository repo = repo("""
                  publish: Public
                  gpuPools:
                    - name: t4-shared
                      maxReplicas: 0
                """);
        Files.writeString(tmp.resolve("_base.yaml"), Files.readString(tmp.resolve("_base.yaml")).replace("hostPrefix: 23", "hostPrefix: 33"));
        assertThat(problems(repo)).extracting(ProfileValidator.Problem::line).containsExactly(
                "_base.yaml: spec.networking.clusterNetwork[0].hostPrefix: 33 does not fit 10.128.0.0/14 (each node gets a /33 out of the /14)",
                "rhoaibu-cluster-dev.yaml: spec.publish: 'Public' is not a publishing strategy",
                "rhoaibu-cluster-dev.yaml: spec.gpuPools[name=t4-shared].maxReplicas: must be at least 1");
    }

    @Test
    void zoneLettersAndFullNamesBothWork() throws IOException {
        ProfileRepository repo = repo("");
        Path dev = tmp.resolve("rhoaibu-cluster-dev.yaml");
        Files.writeString(dev, Files.readString(dev).replace("region: us-west-2", "region: us-west-2\n      zones: [us-west-2a, b]"));
        assertThat(validator.validate(repo.load("rhoaibu-cluster-dev"), null).zones()).containsExactly("us-west-2a", "us-west-2b");
    }

    @Test
    void cidrParsingHandlesIpv6AndRejectsNonsense() {
        assertThat(Cidr.parse("fd01::/48").overlaps(Cidr.parse("fd01:0:0:1::/64"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/16").overlaps(Cidr.parse("10.1.0.0/16"))).isFalse();
        assertThat(Cidr.parse("10.0.1.0/16").networkForm()).isEqualTo("10.0.0.0/16");
        assertThat(Cidr.parse("300.0.0.0/8")).isNull();
        assertThat(Cidr.parse("example.com/8")).isNull();
        assertThat(Cidr.parse("10.0.0.0")).isNull();
    }

    @Test
    void theMergedProfileIsWhatTheBundledFilesSay() throws IOException {
        var merged = Mappers.yaml().readTree(repo("").load("rhoaibu-cluster-dev").canonicalYaml());
        assertThat(merged.path("spec").path("gpuPools")).hasSize(7);
        assertThat(merged.path("spec").path("cluster").path("baseDomain").asText()).isEqualTo("rhoai.example.com");
    }
}
