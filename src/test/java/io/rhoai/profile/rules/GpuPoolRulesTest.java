package io.rhoai.profile.rules;

import io.rhoai.core.RhoaiException;
import io.rhoai.gpu.GpuCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpuPoolRulesTest {
    private final GpuCatalog catalog = GpuCatalog.bundled();

    @Test
    void adHocPoolRejectsBadFlagsNamingTheFlag() {
        assertThatThrownBy(() -> GpuPoolRules.adHocPool(catalog, "t4", "g4dn.2xlarge", "public", "us-west-2a", 0, 1, false))
                .isInstanceOf(RhoaiException.class).hasMessageContaining("--access");
        assertThatThrownBy(() -> GpuPoolRules.adHocPool(catalog, "t4", "g4dn.2xlarge", "shared", "a", 0, 1, false))
                .hasMessageContaining("--zone");
        assertThatThrownBy(() -> GpuPoolRules.adHocPool(catalog, "t4", "g4dn.2xlarge", "shared", "us-west-2a", 3, 1, false))
                .hasMessageContaining("--min 3");
        assertThatThrownBy(() -> GpuPoolRules.adHocPool(catalog, "T4_Shared", "g4dn.2xlarge", "shared", "us-west-2a", 0, 1, false))
                .hasMessageContaining("--pool").hasMessageContaining("T4_Shared");
        assertThat(GpuPoolRules.adHocPool(catalog, "t4", "g4dn.2xlarge", "private", "us-west-2a", 0, 2, true).label())
                .isEqualTo("Tesla-T4-PRIVATE");
    }

    /** One name rule for profile and flags: what counts is the MachineSet name, not an arbitrary 20-character cap. */
    @Test
    void aLongPoolNameIsFineUntilItsMachineSetNameOutgrowsALabelValue() {
        assertThat(GpuPoolRules.adHocPool(catalog, "l40s-multi-private-inference", "g6e.12xlarge", "private", "us-east-1a", 0, 1, false)
                .name()).hasSize(28);
        GpuPoolRules.checkMachineSetName("dev-x7k2p-gpu-l40s-multi-private-inference-us-east-1a", "l40s-multi-private-inference");
        String tooLong = "rhoaibu-cluster-prod-x7k2p-gpu-l40s-multi-private-inference-pool-us-east-1a";
        assertThatThrownBy(() -> GpuPoolRules.checkMachineSetName(tooLong, "l40s-multi-private-inference-pool"))
                .isInstanceOf(RhoaiException.class).hasMessageContaining("over the 63")
                .satisfies(e -> assertThat(((RhoaiException) e).hint()).contains("shorten the pool name"));
    }
}
