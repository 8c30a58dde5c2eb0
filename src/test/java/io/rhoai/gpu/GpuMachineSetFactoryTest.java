package io.rhoai.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.installconfig.Fixtures;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure derivation "worker MachineSet + pool → GPU MachineSet", on the installer fixture and on a live-cluster copy. */
class GpuMachineSetFactoryTest {
    static final GpuCatalog CATALOG = GpuCatalog.bundled();

    static ObjectNode worker(String zoneIndex) throws IOException {
        return (ObjectNode) Mappers.yaml().readTree(Files.readString(Fixtures.installerManifests("rhoaibu-cluster-dev")
                .resolve("99_openshift-cluster-api_worker-machineset-" + zoneIndex + ".yaml")));
    }

    static GpuMachineSetFactory.Request request(String type, String access, String zone, boolean spot) {
        return new GpuMachineSetFactory.Request("pool-x", zone, "us-west-2", CATALOG.find(type).orElseThrow(), access, spot);
    }

    static JsonNode provider(JsonNode ms) {
        return ms.path("spec").path("template").path("spec").path("providerSpec").path("value");
    }

    @Test
    void movingToAnotherZoneSetsPlacementAndSubnetNotJustTheName() throws IOException {
        // the seed's script changed only the name: an "az2" set still landed in the template's zone
        ObjectNode ms = GpuMachineSetFactory.derive(worker("0"), request("g6e.12xlarge", "PRIVATE", "us-west-2c", false));
        assertThat(ms.path("metadata").path("name").asText()).isEqualTo("dev-x7k2p-gpu-pool-x-us-west-2c");
        assertThat(provider(ms).path("placement").path("availabilityZone").asText()).isEqualTo("us-west-2c");
        assertThat(provider(ms).path("placement").path("region").asText()).isEqualTo("us-west-2");
        assertThat(provider(ms).path("subnet").path("filters").get(0).path("values").get(0).asText()).isEqualTo("dev-x7k2p-subnet-private-us-west-2c");
        assertThat(provider(ms).toString()).doesNotContain("us-west-2a");
    }

    @Test
    void setsInstanceTypeLabelTaintReplicasAndScaleFromZeroAnnotations() throws IOException {
        ObjectNode ms = GpuMachineSetFactory.derive(worker("0"), request("g6e.12xlarge", "PRIVATE", "us-west-2a", false));
        assertThat(ms.path("spec").path("replicas").asInt()).isZero();
        assertThat(provider(ms).path("instanceType").asText()).isEqualTo("g6e.12xlarge");
        JsonNode tspec = ms.path("spec").path("template").path("spec");
        assertThat(tspec.path("metadata").path("labels").toString()).isEqualTo("{\"cluster-api/accelerator\":\"NVIDIA-L40S-MULTI-PRIVATE\"}");
        assertThat(tspec.path("taints").toString()).isEqualTo("[{\"key\":\"nvidia.com/gpu\",\"value\":\"NVIDIA-L40S-MULTI-PRIVATE\",\"effect\":\"NoSchedule\"}]");
        JsonNode ann = ms.path("metadata").path("annotations");
        assertThat(ann.path("machine.openshift.io/GPU").asText()).isEqualTo("4");
        assertThat(ann.path("machine.openshift.io/vCPU").asText()).isEqualTo("48");
        assertThat(ann.path("machine.openshift.io/memoryMb").asText()).isEqualTo(String.valueOf(384 * 1024));
        assertThat(ann.path("capacity.cluster-autoscaler.kubernetes.io/labels").asText())
                .isEqualTo("kubernetes.io/arch=amd64,cluster-api/accelerator=NVIDIA-L40S-MULTI-PRIVATE");
        assertThat(ann.path("capacity.cluster-autoscaler.kubernetes.io/taints").asText()).isEqualTo("nvidia.com/gpu=NVIDIA-L40S-MULTI-PRIVATE:NoSchedule");
        String name = ms.path("metadata").path("name").asText();
        assertThat(ms.path("spec").path("selector").path("matchLabels").path("machine.openshift.io/cluster-api-machineset").asText()).isEqualTo(name);
        assertThat(ms.path("spec").path("template").path("metadata").path("labels").path("machine.openshift.io/cluster-api-machineset").asText()).isEqualTo(name);
        assertThat(ms.path("metadata").path("labels").path("cluster-api/accelerator").asText()).isEqualTo("NVIDIA-L40S-MULTI-PRIVATE");
        // inherited from the installer's worker: AMI, disks, IAM profile, security groups, user data
        assertThat(provider(ms).path("ami").path("id").asText()).isEqualTo("ami-0c5e8a7f3d2b19a46");
        assertThat(provider(ms).path("iamInstanceProfile").path("id").asText()).isEqualTo("dev-x7k2p-worker-profile");
        assertThat(provider(ms).path("userDataSecret").path("name").asText()).isEqualTo("worker-user-data");
        assertThat(provider(ms).path("securityGroups")).hasSize(2);
        assertThat(provider(ms).has("spotMarketOptions")).isFalse();
    }

    @Test
    void spotAddsSpotMarketOptionsAndNonSpotRemovesInheritedOnes() throws IOException {
        ObjectNode spot = GpuMachineSetFactory.derive(worker("1"), request("g4dn.2xlarge", "SHARED", "us-west-2b", true));
        assertThat(provider(spot).path("spotMarketOptions").isObject()).isTrue();
        ObjectNode spotWorker = worker("1");
        ((ObjectNode) provider(spotWorker)).putObject("spotMarketOptions").put("maxPrice", "0.5");
        ObjectNode onDemand = GpuMachineSetFactory.derive(spotWorker, request("g4dn.2xlarge", "SHARED", "us-west-2b", false));
        assertThat(provider(onDemand).has("spotMarketOptions")).isFalse();
    }

    @Test
    void fromALiveClusterCopyServerFieldsWorkerLabelsAndAutoscalerBoundsAreDropped() throws IOException {
        ObjectNode live = worker("0");
        ObjectNode meta = (ObjectNode) live.path("metadata");
        meta.put("uid", "be5a9880-eaa0-4054-a77f-e5c4432eb51f").put("resourceVersion", "22985").put("generation", 3)
                .put("creationTimestamp", "2026-04-01T10:00:00Z");
        meta.putArray("managedFields").addObject().put("manager", "machineset-controller");
        meta.putObject("annotations").put("machine.openshift.io/cluster-api-autoscaler-node-group-max-size", "6")
                .put("machine.openshift.io/GPU", "0").put("machine.openshift.io/vCPU", "16");
        live.putObject("status").put("replicas", 1).put("readyReplicas", 1);
        ObjectNode nodeMeta = (ObjectNode) live.path("spec").path("template").path("spec").path("metadata");
        nodeMeta.putObject("labels").put("cluster.ocs.openshift.io/openshift-storage", "");
        ((ObjectNode) live.path("spec").path("template").path("spec")).putArray("taints").addObject().put("key", "node.ocs.openshift.io/storage").put("effect", "NoSchedule");
        String before = live.toString();

        ObjectNode ms = GpuMachineSetFactory.derive(live, request("g4dn.2xlarge", "SHARED", "us-west-2a", false));
        assertThat(GpuMachineSetFactory.isClean(ms)).isTrue();
        assertThat(ms.toString()).doesNotContain("resourceVersion", "managedFields", "node-group-max-size", "openshift-storage", "22985", "readyReplicas");
        assertThat(ms.path("metadata").path("annotations").path("machine.openshift.io/GPU").asText()).isEqualTo("1");
        assertThat(ms.path("spec").path("template").path("spec").path("taints")).hasSize(1);
        assertThat(live.toString()).as("the input is not modified").isEqualTo(before);
        assertThat(GpuMachineSetFactory.derive(live, request("g4dn.2xlarge", "SHARED", "us-west-2a", false))).as("pure: same output").isEqualTo(ms);
    }

    @Test
    void gaudiIsTaintedWithItsOwnResourceAndDoesNotPretendToBeAnNvidiaGpu() throws IOException {
        ObjectNode ms = GpuMachineSetFactory.derive(worker("0"), request("dl1.24xlarge", "PRIVATE", "us-west-2a", false));
        assertThat(ms.path("spec").path("template").path("spec").path("taints").get(0).path("key").asText()).isEqualTo("habana.ai/gaudi");
        assertThat(ms.path("spec").path("template").path("spec").path("taints").get(0).path("value").asText()).isEqualTo("Habana-Gaudi-PRIVATE");
        assertThat(ms.path("metadata").path("annotations").path("machine.openshift.io/GPU").asText()).isEqualTo("0");
    }

    @Test
    void aSubnetPinnedByIdCannotMoveZonesButStaysWhenTheZoneDoesNot() throws IOException {
        ObjectNode byId = worker("0");
        ((ObjectNode) provider(byId)).putObject("subnet").put("id", "subnet-0123456789abcdef0");
        assertThat(provider(GpuMachineSetFactory.derive(byId, request("g5.2xlarge", "SHARED", "us-west-2a", false))).path("subnet").path("id").asText())
                .isEqualTo("subnet-0123456789abcdef0");
        assertThatThrownBy(() -> GpuMachineSetFactory.derive(byId, request("g5.2xlarge", "SHARED", "us-west-2b", false)))
                .isInstanceOf(RhoaiException.class)
                .hasMessage("MachineSet dev-x7k2p-worker-us-west-2a selects its subnet in us-west-2a by id subnet-0123456789abcdef0; it cannot be moved to us-west-2b");
    }

    @Test
    void aWorkerFromAnotherRegionIsRefused() throws IOException {
        var r = new GpuMachineSetFactory.Request("p", "us-east-1a", "us-east-1", CATALOG.find("g5.2xlarge").orElseThrow(), "SHARED", false);
        assertThatThrownBy(() -> GpuMachineSetFactory.derive(worker("0"), r)).hasMessageContaining("is in region us-west-2, the profile in us-east-1");
    }

    @Test
    void derivedMachineSetMatchesTheMachineSetSchema() throws IOException {
        var schema = SharedSchemas.require("openshift/api/0000_10_machine-api_01_machinesets-Default.crd.yaml");
        for (var t : CATALOG.all()) {
            ObjectNode ms = GpuMachineSetFactory.derive(worker("2"), request(t.instanceType(), "SHARED", "us-west-2a", true));
            assertThat(SchemaValidator.validateAgainstCrd(schema, "v1beta1", ms)).as(t.instanceType()).isEmpty();
        }
    }
}
