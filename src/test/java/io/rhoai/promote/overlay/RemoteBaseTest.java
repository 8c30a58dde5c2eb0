package io.rhoai.promote.overlay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteBaseTest {
    @Test
    void onlyACommitPinsAndMainHeadOrNoRefFloat() {
        String k = "components/operators/x/kustomization.yaml";
        assertThat(RemoteBase.of(k, "github.com/redhat-cop/gitops-catalog/gpu-operator-certified/operator/overlays/stable?ref=main").pinning())
                .isEqualTo(RemoteBase.Pinning.FLOATING);
        assertThat(RemoteBase.of(k, "https://github.com/o/r//base?ref=HEAD").floating()).isTrue();
        RemoteBase none = RemoteBase.of(k, "https://github.com/o/r//base");
        assertThat(none.ref()).isNull();
        assertThat(none.floating()).isTrue();
        assertThat(RemoteBase.of(k, "https://github.com/o/r//base?timeout=90s&ref=v1.2.3").pinning()).isEqualTo(RemoteBase.Pinning.NAMED);
        RemoteBase commit = RemoteBase.of(k, "https://github.com/o/r//base?ref=7e7095e0123456789abcdef0123456789abcdef0");
        assertThat(commit.ref()).isEqualTo("7e7095e0123456789abcdef0123456789abcdef0");
        assertThat(commit.pinning()).isEqualTo(RemoteBase.Pinning.COMMIT);
        assertThat(RemoteBase.of(k, "github.com/o/r/base?version=main").floating()).isTrue();
    }
}
