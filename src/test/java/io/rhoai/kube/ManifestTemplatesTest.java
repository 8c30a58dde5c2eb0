package io.rhoai.kube;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.kube.ManifestTemplates.Mode;
import io.rhoai.kube.ManifestTemplates.Rendered;
import io.rhoai.kube.ManifestTemplates.Template;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTemplatesTest {
    static final String TEMPLATE = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ${name}-config
              namespace: ns
              annotations:
                rhoai.io/stage: one
                keep: "yes"
            data:
              whole: ${count}
              text: "n=${count}, literal $${notAVariable}"
              optional: ${missing}
              encoded: ${token|base64}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: only-if
              annotations:
                rhoai.io/render-if: flag
            """;

    private static Map<String, Object> vars(boolean flag) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", "demo");
        v.put("count", 3);
        v.put("missing", null);
        v.put("flag", flag);
        v.put("token", Secret.of("s3cret-value-123", "test"));
        return v;
    }

    private static List<Rendered> render(Map<String, Object> vars, Mode mode) {
        return ManifestTemplates.render(List.of(new Template("t.yaml", TEMPLATE)), vars, mode);
    }

    @Test
    void placeholdersKeepTypesInterpolateDropNullsAndEscape() {
        Rendered r = render(vars(false), Mode.APPLY).get(0);
        assertThat(r.object().getMetadata().getName()).isEqualTo("demo-config");
        @SuppressWarnings("unchecked") Map<String, Object> data = (Map<String, Object>) r.object().getAdditionalProperties().get("data");
        assertThat(data.get("whole")).isEqualTo(3);
        assertThat(data.get("text")).isEqualTo("n=3, literal ${notAVariable}");
        assertThat(data).doesNotContainKey("optional");
        assertThat(new String(Base64.getDecoder().decode((String) data.get("encoded")))).isEqualTo("s3cret-value-123");
    }

    @Test
    void rhoaiAnnotationsBecomeDirectivesAndRenderIfSelectsDocuments() {
        List<Rendered> off = render(vars(false), Mode.APPLY);
        assertThat(off).hasSize(1);
        assertThat(off.get(0).directive("stage")).isEqualTo("one");
        assertThat(off.get(0).object().getMetadata().getAnnotations()).containsOnlyKeys("keep");
        List<Rendered> on = render(vars(true), Mode.APPLY);
        assertThat(on).hasSize(2);
        assertThat(on.get(1).object().getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void displayModeMasksSecrets() {
        Rendered r = render(vars(false), Mode.DISPLAY).get(0);
        assertThat(r.object().getAdditionalProperties().get("data").toString()).contains("encoded=*****")
                .doesNotContain("s3cret").doesNotContain(Base64.getEncoder().encodeToString("s3cret-value-123".getBytes()));
    }

    @Test
    void unknownVariableNamesTheFileAndVariable() {
        Map<String, Object> v = vars(false);
        v.remove("count");
        assertThatThrownBy(() -> render(v, Mode.APPLY)).isInstanceOf(RhoaiException.class)
                .hasMessage("t.yaml: unknown variable 'count'");
    }

    @Test
    void documentsWithoutKindOrNameAreRejected() {
        assertThatThrownBy(() -> ManifestTemplates.render(List.of(new Template("bad.yaml", "apiVersion: v1\nmetadata: {}\n")),
                Map.of(), Mode.APPLY)).hasMessageContaining("bad.yaml: every document needs apiVersion, kind and metadata.name");
    }
}
