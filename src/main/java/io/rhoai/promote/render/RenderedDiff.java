package io.rhoai.promote.render;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The target's rendered manifests before and after the promotion, as a unified diff per kustomization.
 *
 * @param status   "rendered", "unavailable" (no kustomize/kubectl on PATH: the file diff stands in) or "skipped"
 * @param tool     the command used ("kubectl kustomize", "kustomize build"), or null
 * @param sections the target overlay first, then each changed Application's path; only those that differ
 */
@RegisterForReflection
public record RenderedDiff(String status, String tool, String reason, List<Section> sections, String fileDiff) {
    /** @param error why one side could not be built, or null */
    @RegisterForReflection
    public record Section(String name, String path, String diff, String error) { }

    public static RenderedDiff skipped(String reason) {
        return new RenderedDiff("skipped", null, reason, List.of(), null);
    }

    /** No renderer on PATH: the plain file diff stands in. */
    public static RenderedDiff unavailable(String reason, String fileDiff) {
        return new RenderedDiff("unavailable", null, reason, List.of(), fileDiff);
    }
}
