package io.rhoai.gpu.profiles;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.installconfig.FileResult;

import java.util.List;
import java.util.Map;

/** The outcome of {@code gpu profiles}: one entry per pool, the files and what happened to each. */
@RegisterForReflection
@JsonPropertyOrder({"cluster", "profile", "dir", "format", "apiVersion", "kind", "namespace", "dryRun", "changed", "profiles", "files",
        "warnings", "preview"})
public record GpuProfilesResult(String cluster, String profile, String dir, String format, String apiVersion, String kind,
                                String namespace, boolean dryRun, boolean changed, List<Entry> profiles, List<FileResult> files,
                                List<String> warnings, Map<String, String> preview) {

    /** One profile: its object name and file, the pool and the label, toleration and node selector it carries. */
    @RegisterForReflection
    @JsonPropertyOrder({"name", "file", "pool", "instanceType", "label", "identifier", "toleration", "nodeSelector", "enabled"})
    public record Entry(String name, String file, String pool, String instanceType, String label, String identifier, String toleration,
                        String nodeSelector, boolean enabled) { }
}
