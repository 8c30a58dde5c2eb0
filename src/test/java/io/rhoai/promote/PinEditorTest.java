package io.rhoai.promote;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PinEditorTest {
    static final String SHA = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    @Test
    void rewritesRevisionPatchValuesAndKeysButNothingElse() {
        String overlay = """
                patches:
                  - target:
                      kind: ApplicationSet
                      name: cluster-config-applicationset
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/source/targetRevision
                        value: main   # prod tracks main
                      - op: replace
                        path: /spec/generators/0/list/elements/1/values/path
                        value: main
                      - path: /spec/generators/0/git/revision
                        op: replace
                        value: "main"
                ---
                spec:
                  source:
                    targetRevision: 'main'
                  other: main
                """;
        String out = PinEditor.repin(overlay, Set.of("main"), SHA);
        assertThat(out).contains("value: " + SHA + "   # prod tracks main")
                .contains("value: \"" + SHA + "\"")
                .contains("targetRevision: '" + SHA + "'")
                // a path value that happens to read "main" and an unrelated key stay
                .contains("path: /spec/generators/0/list/elements/1/values/path\n        value: main\n")
                .contains("other: main");
    }

    @Test
    void leavesValuesItWasNotAskedToReplace() {
        String text = "targetRevision: dev\n";
        assertThat(PinEditor.repin(text, Set.of("main"), SHA)).isEqualTo(text);
    }
}
