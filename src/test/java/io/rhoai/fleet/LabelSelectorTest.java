package io.rhoai.fleet;

import io.rhoai.core.RhoaiException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {
    final Map<String, String> canaryEast = Map.of("ring", "canary", "region", "us-east-1");

    @Test
    void equalityInequalityAndExistenceAsKubectlReadsThem() {
        assertThat(LabelSelector.parse("ring=canary", "-l").matches(canaryEast)).isTrue();
        assertThat(LabelSelector.parse("ring==canary,region=us-east-1", "-l").matches(canaryEast)).isTrue();
        assertThat(LabelSelector.parse("ring=main", "-l").matches(canaryEast)).isFalse();
        assertThat(LabelSelector.parse("env!=prod", "-l").matches(canaryEast)).as("!= holds when the key is absent").isTrue();
        assertThat(LabelSelector.parse("region", "-l").matches(canaryEast)).isTrue();
        assertThat(LabelSelector.parse("!region", "-l").matches(canaryEast)).isFalse();
        assertThat(LabelSelector.parse("!env", "-l").matches(canaryEast)).isTrue();
        assertThat(LabelSelector.parse(null, "-l").matches(canaryEast)).isTrue();
    }

    @Test
    void aMalformedTermIsRefusedNamingTheFlagAndTheTerm() {
        assertThatThrownBy(() -> LabelSelector.parse("ring in (canary)", "--selector"))
                .isInstanceOf(RhoaiException.class).hasMessageContaining("--selector: 'ring in (canary)'");
        assertThatThrownBy(() -> LabelSelector.parse("!ring=canary", "--selector")).isInstanceOf(RhoaiException.class);
    }
}
