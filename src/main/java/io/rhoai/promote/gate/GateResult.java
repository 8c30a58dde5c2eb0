package io.rhoai.promote.gate;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The source cluster's verdict on the commit being promoted.
 *
 * @param status   passed, failed, skipped (--skip-gate) or not-required (back-merge)
 * @param revision the SHA every Application had to be Synced and Healthy at
 * @param server   the API server read, or null
 */
@RegisterForReflection
public record GateResult(String status, String revision, String namespace, String server, String reason,
                         List<AppStatus> applications) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String NOT_REQUIRED = "not-required";

    /** @param problem what keeps this app from passing, or null when it passes */
    @RegisterForReflection
    public record AppStatus(String name, String sync, String health, String revision, String problem) { }

    public static GateResult skipped(String revision, String reason) {
        return new GateResult(SKIPPED, revision, null, null, reason, List.of());
    }

    public boolean passed() {
        return PASSED.equals(status);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
