package io.rhoai.gpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GpuCatalogTest {
    final GpuCatalog catalog = GpuCatalog.bundled();

    @Test
    void holdsTheFourteenChoicesOfTheSeedMenuInItsOrder() {
        assertThat(catalog.all()).extracting(GpuType::instanceType).containsExactly(
                "g4dn.2xlarge", "g4dn.12xlarge", "g5.2xlarge", "g5.12xlarge", "g5.48xlarge", "p4d.24xlarge", "p5.48xlarge",
                "dl1.24xlarge", "g6.2xlarge", "g6.12xlarge", "g6.48xlarge", "g6e.2xlarge", "g6e.12xlarge", "g6e.48xlarge");
    }

    @Test
    void g6NamesTheRealL4ButKeepsTheLabelUsersAlreadyCarry() {
        for (String t : List.of("g6.2xlarge", "g6.12xlarge", "g6.48xlarge")) {
            GpuType g = catalog.find(t).orElseThrow();
            assertThat(g.model()).isEqualTo("L4");
            assertThat(g.labelFamily()).isEqualTo("NVIDIA-L40");
            assertThat(g.gpuMemoryGiB()).isEqualTo(24);
        }
        assertThat(catalog.find("g6.2xlarge").orElseThrow().label("PRIVATE")).isEqualTo("NVIDIA-L40-PRIVATE");
    }

    @Test
    void labelFamiliesAreTheSeedsPlusARealOneForGaudi() {
        assertThat(catalog.all().stream().map(GpuType::labelFamily).distinct().toList()).containsExactly(
                "Tesla-T4", "NVIDIA-A10G", "NVIDIA-A100", "NVIDIA-H100", "Habana-Gaudi", "NVIDIA-L40", "NVIDIA-L40S", "NVIDIA-L40S-MULTI");
        assertThat(catalog.labels()).hasSize(16).contains("Tesla-T4-SHARED", "NVIDIA-L40S-MULTI-PRIVATE", "Habana-Gaudi-SHARED");
        GpuType dl1 = catalog.find("dl1.24xlarge").orElseThrow();
        assertThat(dl1.resourceName()).isEqualTo("habana.ai/gaudi");
        assertThat(dl1.nvidia()).isFalse();
        assertThat(catalog.all().stream().filter(g -> !g.instanceType().startsWith("dl1"))).allMatch(GpuType::nvidia);
    }

    @Test
    void sizesAreConsistent() {
        for (GpuType g : catalog.all()) {
            assertThat(g.gpus()).as(g.instanceType()).isIn(1, 4, 8);
            assertThat(g.memoryGiB()).as(g.instanceType()).isGreaterThanOrEqualTo(g.vcpu() * 4);
            assertThat(g.instanceType().endsWith(".2xlarge")).as(g.instanceType()).isEqualTo(g.gpus() == 1);
        }
        assertThat(catalog.find("p5.48xlarge").orElseThrow().gpuMemoryGiB()).isEqualTo(80);
        assertThat(catalog.find("g4dn.2xlarge").orElseThrow().memoryMb()).isEqualTo(32768);
        assertThat(catalog.find("nope.large")).isEmpty();
    }
}
