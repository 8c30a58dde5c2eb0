package io.rhoai.promote.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KustomizeRendererTest {
    @Test
    void kubectlsMultiLineKlogFormGivesKustomizesOwnFirstLine() {
        // as kubectl v1.32 prints a remote base it cannot fetch
        String stderr = """
                E1202 06:55:51.461614   16885 run.go:72] "command failed" err=<
                \taccumulating resources: accumulation err='accumulating resources from 'github.com/o/r/base?ref=main': \
                failed to run '/usr/bin/git fetch --depth=1 https://github.com/o/r main': fatal: Could not resolve host: github.com
                \t: exit status 128
                 >
                """;
        assertThat(KustomizeRenderer.readable(stderr)).startsWith("accumulating resources: accumulation err=")
                .endsWith("Could not resolve host: github.com");
    }

    @Test
    void oneLineFormsKeepTheirErrorText() {
        assertThat(KustomizeRenderer.readable("E1202 12:00:00.1 1 run.go:72] \"command failed\" err=\"missing file x.yaml\"\n"))
                .isEqualTo("missing file x.yaml");
        assertThat(KustomizeRenderer.readable("Error: accumulating resources: missing\n")).isEqualTo("accumulating resources: missing");
    }
}
