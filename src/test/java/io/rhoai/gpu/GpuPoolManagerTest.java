package io.rhoai.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.yaml.Mappers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GpuPoolManagerTest {

    @Test
    void mergeLimitsKeepsOtherLabelsAndReportsNoChangeWhenEqual() throws Exception {
        ObjectNode ca = (ObjectNode) Mappers.yaml().readTree("""
                spec:
                  resourceLimits:
                    gpus:
                    - {type: nvidia-A100, min: 0, max: 8}
                    - {type: Tesla-T4-SHARED, min: 1, max: 2}
                """);
        assertThat(GpuPoolManager.mergeLimits(ca, Map.of("Tesla-T4-SHARED", 4))).isTrue();
        JsonNode gpus = ca.path("spec").path("resourceLimits").path("gpus");
        assertThat(gpus).hasSize(2);
        assertThat(gpus.get(0).path("max").asInt()).isEqualTo(8);
        assertThat(gpus.get(1).path("max").asInt()).isEqualTo(4);
        assertThat(gpus.get(1).path("min").asInt()).as("someone else's min is kept").isEqualTo(1);
        assertThat(GpuPoolManager.mergeLimits(ca, Map.of("Tesla-T4-SHARED", 4))).isFalse();
    }

    @Test
    void installerWorkerExcludesGpuAndRhoaiSets() throws Exception {
        JsonNode worker = Mappers.yaml().readTree("""
                metadata: {name: w, labels: {}}
                spec: {template: {metadata: {labels: {machine.openshift.io/cluster-api-machine-role: worker}}}}
                """);
        JsonNode gpu = Mappers.yaml().readTree("""
                metadata: {name: g, labels: {}}
                spec: {template: {metadata: {labels: {machine.openshift.io/cluster-api-machine-role: worker}},
                                  spec: {metadata: {labels: {cluster-api/accelerator: Tesla-T4-SHARED}}}}}
                """);
        JsonNode infra = Mappers.yaml().readTree("""
                metadata: {name: i, labels: {}}
                spec: {template: {metadata: {labels: {machine.openshift.io/cluster-api-machine-role: infra}}}}
                """);
        assertThat(GpuPoolManager.isInstallerWorker(worker)).isTrue();
        assertThat(GpuPoolManager.isInstallerWorker(gpu)).isFalse();
        assertThat(GpuPoolManager.isInstallerWorker(infra)).isFalse();
    }
}
