package io.rhoai.profile.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LabelRulesTest {
    static List<String> problems(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        LabelRules.check(labels, (path, message, hint) -> out.add(path + ": " + message));
        return out;
    }

    @Test
    void validLabelsPass() {
        assertThat(problems(Map.of("ring", "canary", "region", "us-east-1", "example.com/team", "ml_ops", "env", ""))).isEmpty();
        assertThat(problems(null)).isEmpty();
    }

    @Test
    void keysValuesRingsAndReservedPrefixesAreChecked() {
        Map<String, String> bad = new HashMap<>();
        bad.put("ring", "blue");
        bad.put("-lead", "x");
        bad.put("Bad_Prefix/x", "y");
        bad.put("region", "us east");
        bad.put("argocd.argoproj.io/secret-type", "cluster");
        bad.put("env", null);
        bad.put("a".repeat(64), "x");
        assertThat(problems(bad)).containsExactlyInAnyOrder(
                "metadata.labels.ring: 'blue' is not a ring",
                "metadata.labels.-lead: '-lead' is not a valid label key",
                "metadata.labels.Bad_Prefix/x: 'Bad_Prefix/x': the prefix 'Bad_Prefix' is not a DNS subdomain",
                "metadata.labels.region: 'us east' is not a valid label value",
                "metadata.labels.argocd.argoproj.io/secret-type: 'argocd.argoproj.io/secret-type' is set by rhoai or Argo CD itself",
                "metadata.labels.env: has no value",
                "metadata.labels." + "a".repeat(64) + ": '" + "a".repeat(64) + "' is not a valid label key");
    }

    @Test
    void aProfileWithoutRingIsInMain() {
        assertThat(LabelRules.ringOf(Map.of())).isEqualTo("main");
        assertThat(LabelRules.ringOf(null)).isEqualTo("main");
        assertThat(LabelRules.ringOf(Map.of("ring", "canary"))).isEqualTo("canary");
    }
}
