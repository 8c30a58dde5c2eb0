package io.rhoai.models.tree;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What {@link ModelTreeReader} found under the model directories: the InferenceServices, the ServingRuntimes (and
 * ClusterServingRuntimes), and how each directory was read.
 */
public record ModelTree(List<SourceObject> inferenceServices, List<SourceObject> runtimes, List<Source> sources) {
    public static final String KIND_ISVC = "InferenceService";
    public static final String KIND_RUNTIME = "ServingRuntime";
    public static final String KIND_CLUSTER_RUNTIME = "ClusterServingRuntime";

    /**
     * How one directory was read: {@code kustomize} (rendered by {@code tool}) or {@code files} (the YAML files as
     * written), with why kustomize was not used when it was not; {@code buildFailed}: the directory has a kustomization
     * that does not build, so what Argo CD would apply differs from what was checked (needs attention).
     */
    @RegisterForReflection
    public record Source(String dir, String mode, String tool, String reason, boolean buildFailed) {
        public static final String KUSTOMIZE = "kustomize";
        public static final String FILES = "files";
    }
}
