package io.rhoai.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * One row of the bootstrap's stage table.
 *
 * @param outcome    what happened to the stage
 * @param reason     why it was skipped (not configured: what the profile lacks; --skip; not in --only; dry run)
 * @param durationMs the stage's wall time
 * @param detail     one line: what the stage found or did, or the error
 * @param error      a failed stage's kind of error (the CLI's exit code table maps it), else null
 * @param hint       a failed stage's fix, else null
 * @param result     the engine's result record (null when the stage did not run)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageResult(String stage, Outcome outcome, String reason, long durationMs, String detail, io.rhoai.core.ErrorKind error,
        String hint, Object result) {

    @RegisterForReflection
    public enum Outcome {
        /** The stage wrote (or, in a dry run, would write) something. */
        CHANGED,
        /** The cluster already was as the profile says: nothing written. */
        UNCHANGED,
        /** A read-only stage (identity, applications) passed. */
        OK,
        /** Planned without reading the cluster (client dry run of gitops): what would change is not known. */
        RENDERED,
        /** Not asked for (not configured, --skip, not in --only, or nothing to do in a dry run). */
        SKIPPED,
        FAILED,
        /** A stage before it failed: not attempted. */
        NOT_RUN;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public String toString() {
            return label();
        }
    }

    static StageResult skipped(String stage, String reason) {
        return new StageResult(stage, Outcome.SKIPPED, reason, 0, null, null, null, null);
    }

    static StageResult notRun(String stage, String failed) {
        return new StageResult(stage, Outcome.NOT_RUN, null, 0, "stage " + failed + " failed before it", null, null, null);
    }

    /** The outcome column: "skipped (not configured)" and the like. */
    public String outcomeText() {
        return outcome == Outcome.SKIPPED && reason != null ? "skipped (" + reason + ")" : outcome.label();
    }
}
