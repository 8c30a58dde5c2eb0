package io.rhoai.promote;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a promotion stands. A plan is one of the first four; a result adds what the run did. The JSON spelling is the
 * lowercase label, unchanged from the string constants this replaces.
 */
@RegisterForReflection
public enum PromotionStatus {
    NOTHING("nothing-to-promote"),
    PENDING("changes-pending"),
    DRIFT("blocked-by-drift"),
    CONFLICT("conflict"),
    GATE_FAILED("gate-failed"),
    DRY_RUN("dry-run"),
    PUSHED("pushed"),
    PR_CREATED("pull-request-created"),
    PR_EXISTS("pull-request-exists");

    private final String label;

    PromotionStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Nothing may be pushed in this state (exit 4). */
    public boolean blocks() {
        return this == DRIFT || this == CONFLICT || this == GATE_FAILED;
    }

    @Override
    public String toString() {
        return label;
    }
}
