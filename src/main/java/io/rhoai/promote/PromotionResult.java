package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.promote.forge.PullRequest;
import io.rhoai.promote.gate.GateResult;

/**
 * What {@code rhoai promote} did.
 *
 * @param outcome     nothing-to-promote, blocked-by-drift, conflict, gate-failed, dry-run, pushed,
 *                    pull-request-created, pull-request-exists
 * @param branch      the promotion branch (promote/dev-to-prod-1a2b3c4)
 * @param promotedSha the source commit promoted
 * @param headSha     the promotion branch's commit (a merge, the source commit itself when it fast-forwards, or the pin)
 * @param pushed      whether this run pushed the branch (false when it was already there, or in --dry-run)
 * @param pullRequestBody --dry-run: the body the pull request would get
 */
@RegisterForReflection
public record PromotionResult(String outcome, PromotionPlan plan, GateResult gate, String branch, String promotedSha,
                              String headSha, String commitMessage, boolean pushed, boolean dryRun, PullRequest pullRequest,
                              String pullRequestBody, String message) {
    public static final String GATE_FAILED = "gate-failed";
    public static final String DRY_RUN = "dry-run";
    public static final String PUSHED = "pushed";
    public static final String PR_CREATED = "pull-request-created";
    public static final String PR_EXISTS = "pull-request-exists";

    public boolean blocked() {
        return GATE_FAILED.equals(outcome) || PromotionPlan.DRIFT.equals(outcome) || PromotionPlan.CONFLICT.equals(outcome);
    }
}
