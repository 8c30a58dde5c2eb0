package io.rhoai.promote;

/** How a target environment receives changes (profile {@code spec.gitops.promotion}). */
@io.quarkus.runtime.annotations.RegisterForReflection
public enum PromotionStyle {
    /** The target tracks its own branch; promotion merges the source branch's commits into it (the seed's dev → main). */
    BRANCH,
    /** The target overlay pins targetRevision to a commit; promotion sets it to the SHA verified in the source. */
    PINNED;

    public static PromotionStyle parse(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("branch")) return BRANCH;
        if (value.equalsIgnoreCase("pinned")) return PINNED;
        return null;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
