package io.rhoai.models.check;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.models.Capacity.LabelCapacity;
import io.rhoai.models.tree.ModelTree;

import java.util.List;

/** The result of {@code models check}: per model, each check with its file and field; the capacity per label. */
@RegisterForReflection
public record ModelsCheck(String profile, String repoDir, List<ModelTree.Source> sources, String gateway,
                          List<ModelReport> models, List<LabelCapacity> capacity, int failed, int warnings) {
    public static final String OK = "ok";
    public static final String FAIL = "fail";
    public static final String WARN = "warn";
    public static final String UNKNOWN = "unknown";
    public static final String NOT_APPLICABLE = "n/a";

    /** A failed check, or a kustomization that does not build (a CI gate must not pass on a tree Argo CD cannot render). */
    public boolean attention() {
        return failed > 0 || sources.stream().anyMatch(ModelTree.Source::buildFailed);
    }

    @RegisterForReflection
    public record ModelReport(String name, String namespace, String file, String runtime, int gpus, String gpuResource,
                              String label, String pool, List<Finding> checks) {
        public boolean failed() {
            return checks.stream().anyMatch(c -> c.status().equals(FAIL));
        }
    }

    /** One check of one model: {@code file} and {@code field} say where to look or what to change. */
    @RegisterForReflection
    public record Finding(String check, String status, String file, String field, String message) { }
}
