package io.rhoai.lifecycle;

import io.rhoai.core.time.Deadline;

/**
 * One stage of {@code rhoai bootstrap}: an existing engine, called with the values the profile holds. A stage reads the
 * cluster first and changes only what is missing (the engines are idempotent), so a run that stopped at a stage
 * continues there on any machine: resumable by observation, with no local state file.
 */
public interface Stage {
    /** The stage's name, as --only/--skip take it. */
    String name();

    /** Why this run skips the stage although the profile configures it ("--skip-cluster-check", "dry run"), or null. */
    default String skipped() {
        return null;
    }

    /** Why the profile does not ask for this stage ("no spec.oauth"), or null when it does. */
    default String notConfigured() {
        return null;
    }

    /**
     * Runs the stage within what is left of the run's one deadline.
     *
     * @throws io.rhoai.core.RhoaiException when the stage fails; its kind is the run's exit code
     */
    Report run(Deadline deadline);

    /**
     * What a stage did.
     *
     * @param changed whether it wrote (or, in a dry run, would write) anything
     * @param checked a read-only stage (identity, applications): it changes nothing by design
     * @param detail  one line for the stage table
     * @param rendered planned without reading the cluster (a client dry run of a stage that reads nothing): whether it
     *                 would change anything is not known
     * @param result  the engine's own result record, for -o json
     */
    record Report(boolean changed, boolean checked, boolean rendered, String detail, Object result) {
        public static Report changes(boolean changed, String detail, Object result) {
            return new Report(changed, false, false, detail, result);
        }

        public static Report check(String detail, Object result) {
            return new Report(false, true, false, detail, result);
        }

        public static Report rendered(String detail, Object result) {
            return new Report(false, false, true, detail, result);
        }
    }
}
