package io.rhoai.installconfig;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rhoai.core.yaml.Mappers;

/**
 * YAML for files other tools read (install-config.yaml, manifests): the project's mapper without line splitting, so a
 * long value (the pull secret, an SSH key) stays on one line instead of being folded at 80 columns.
 */
public final class ManifestYaml {
    private static final YAMLMapper MAPPER = Mappers.yaml().copy().configure(YAMLGenerator.Feature.SPLIT_LINES, false);

    private ManifestYaml() { }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot render YAML: " + e.getMessage(), e);
        }
    }
}
