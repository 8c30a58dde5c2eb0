package io.rhoai.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.models.tree.ModelTree;
import io.rhoai.models.tree.SourceObject;

import java.util.ArrayList;
import java.util.List;

/** A ServingRuntime or ClusterServingRuntime as the checks need it: its formats and the port it serves on. */
public record RuntimeSpec(SourceObject source, String name, String namespace, boolean cluster, List<Format> formats, int port) {
    public static final int DEFAULT_PORT = 8080;

    public record Format(String name, String version, boolean autoSelect) { }

    public static RuntimeSpec of(SourceObject o) {
        List<Format> formats = new ArrayList<>();
        for (JsonNode f : o.body().path("spec").path("supportedModelFormats")) {
            formats.add(new Format(f.path("name").asText(""), f.hasNonNull("version") ? f.path("version").asText() : null,
                    f.path("autoSelect").asBoolean(false)));
        }
        int port = o.body().path("spec").path("containers").path(0).path("ports").path(0).path("containerPort").asInt(DEFAULT_PORT);
        return new RuntimeSpec(o, o.name(), o.namespace(), o.kind().equals(ModelTree.KIND_CLUSTER_RUNTIME), formats, port);
    }

    /** Whether it serves the format (case-insensitive, as KServe matches), and the version when the model names one. */
    public boolean supports(String format, String version) {
        for (Format f : formats) {
            if (!f.name().equalsIgnoreCase(format)) continue;
            if (version == null || f.version() == null || f.version().equals(version)) return true;
        }
        return false;
    }

    public List<String> formatNames() {
        return formats.stream().map(Format::name).toList();
    }
}
