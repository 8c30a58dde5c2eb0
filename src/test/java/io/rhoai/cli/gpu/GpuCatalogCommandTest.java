package io.rhoai.cli.gpu;

import io.rhoai.core.yaml.Mappers;
import io.rhoai.gpu.GpuType;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GpuCatalogCommandTest {
    @Test
    void textTableListsEveryTypeWithItsRealGpuAndLabelFamily() {
        Cli.Result r = Cli.cli().run("gpu", "catalog");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout().lines()).hasSize(15);
        assertThat(r.stdout().lines().findFirst().orElseThrow()).startsWith("INSTANCE TYPE").contains("LABEL FAMILY");
        assertThat(r.stdout()).containsPattern("g6\\.2xlarge\\s+NVIDIA L4\\s+1\\s+24 GiB\\s+8\\s+32 GiB\\s+NVIDIA-L40\\s+nvidia.com/gpu")
                .containsPattern("dl1\\.24xlarge\\s+Habana Gaudi\\s+8\\s+32 GiB\\s+96\\s+768 GiB\\s+Habana-Gaudi\\s+habana.ai/gaudi");
    }

    @Test
    void jsonParsesBackIntoTheResultRecord() throws Exception {
        Cli.Result r = Cli.cli().run("gpu", "catalog", "-o", "json");
        assertThat(r.exitCode()).isZero();
        GpuCatalogCommand.CatalogResult result = Mappers.json().readValue(r.stdout(), GpuCatalogCommand.CatalogResult.class);
        assertThat(result.gpus()).hasSize(14).extracting(GpuType::instanceType).contains("g4dn.2xlarge", "p5.48xlarge", "g6e.48xlarge");
    }
}
