package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Blocking;
import io.rhoai.core.RhoaiException;
import io.rhoai.promote.forge.PullRequest;
import io.rhoai.promote.gate.GateResult;

import java.util.Optional;

/**
 * What {@code rhoai promote} did. Built through the factories below, one per way a run ends.
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
public record PromotionResult(PromotionStatus outcome, PromotionPlan plan, GateResult gate, String branch, String promotedSha,
                              String headSha, String commitMessage, boolean pushed, boolean dryRun, PullRequest pullRequest,
                              String pullRequestBody, String message) implements Blocking {

    /** The promotion branch's head commit and the message it carries. */
    public record Head(String branch, String sha, String commitMessage) { }

    public static PromotionResult nothing(PromotionPlan plan, boolean dryRun, String message) {
        return new PromotionResult(PromotionStatus.NOTHING, plan, null, null, plan.sourceSha(), null, null, false, dryRun, null, null, message);
    }

    /** Stopped before anything was created: drift or conflict in the plan, or a failed gate. */
    public static PromotionResult blocked(PromotionStatus why, PromotionPlan plan, GateResult gate, boolean dryRun, String message) {
        if (!why.blocks()) throw new IllegalArgumentException(why + " does not block");
        return new PromotionResult(why, plan, gate, null, plan.sourceSha(), null, null, false, dryRun, null, null, message);
    }

    public static PromotionResult dryRun(PromotionPlan plan, GateResult gate, Head head, String pullRequestBody, String message) {
        return new PromotionResult(PromotionStatus.DRY_RUN, plan, gate, head.branch(), plan.sourceSha(), head.sha(),
                head.commitMessage(), false, true, null, pullRequestBody, message);
    }

    /** @param pushed false when the branch was already on the remote and reused */
    public static PromotionResult pushed(PromotionPlan plan, GateResult gate, Head head, boolean pushed, String message) {
        return new PromotionResult(PromotionStatus.PUSHED, plan, gate, head.branch(), plan.sourceSha(), head.sha(),
                head.commitMessage(), pushed, false, null, null, message);
    }

    public static PromotionResult prOpened(PromotionPlan plan, GateResult gate, Head head, boolean pushed, PullRequest pr, String message) {
        return new PromotionResult(pr.created() ? PromotionStatus.PR_CREATED : PromotionStatus.PR_EXISTS, plan, gate, head.branch(),
                plan.sourceSha(), head.sha(), head.commitMessage(), pushed, false, pr, null, message);
    }

    @Override
    public Optional<RhoaiException> blockedBy() {
        if (outcome == PromotionStatus.GATE_FAILED) {
            return Optional.of(RhoaiException.precondition(message, "sync the source's Applications at " + promotedSha.substring(0, 7)
                    + " and wait until Healthy, or pass --skip-gate (recorded in the pull request)"));
        }
        if (!outcome.blocks()) return Optional.empty();
        // drift and conflict: the plan's own error, with what this run did about it
        return plan.blockedBy().map(e -> RhoaiException.precondition(message, e.hint()));
    }
}
