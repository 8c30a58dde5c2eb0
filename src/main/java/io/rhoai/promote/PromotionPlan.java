package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Blocking;
import io.rhoai.core.RhoaiException;
import io.rhoai.promote.overlay.RemoteBase;
import io.rhoai.promote.render.RenderedDiff;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a promotion would do, computed from git alone (no cluster, no push).
 *
 * @param direction        "promote" or "back-merge"
 * @param status           nothing to promote, changes pending, blocked by drift, or conflict
 * @param sourceSha        the commit being promoted (the SHA verified in the source)
 * @param targetSha        the target branch's commit now
 * @param pinnedSha        pinned style: what the target overlay pins now
 * @param commits          commits to promote, newest first (earlier promotion merges left out)
 * @param drift            commits the target has and the source lacks (hotfixes), newest first
 * @param backMergeCommand the command that brings the drift back into the source
 * @param conflicts        files the merge cannot combine
 * @param files            files that change in the target
 * @param applications     the same files grouped by Argo CD Application
 * @param remoteBases      every remote base the target builds (after the promotion, or now when nothing is pending)
 */
@RegisterForReflection
public record PromotionPlan(String direction, Environment from, Environment to, PromotionStyle style, PromotionStatus status,
                            String sourceRevision, String sourceSha, String targetRevision, String targetSha, String pinnedSha,
                            List<CommitInfo> commits, List<CommitInfo> drift, boolean driftAllowed, String backMergeCommand,
                            List<String> conflicts, List<FileChange> files, List<AppChanges> applications,
                            RenderedDiff rendered, List<RemoteBase> remoteBases, List<String> notes) implements Blocking {

    @Override
    public Optional<RhoaiException> blockedBy() {
        if (status == PromotionStatus.DRIFT) {
            return Optional.of(RhoaiException.precondition(to.name() + " has " + drift.size() + " commit(s) " + from.name()
                    + " lacks (drift): " + listed(drift) + (commits.isEmpty() ? "; nothing is pending from " + from.name() : ""),
                    backMergeCommand + " (or pass --allow-drift to promote anyway)"));
        }
        if (status == PromotionStatus.CONFLICT) {
            return Optional.of(RhoaiException.precondition("merging " + sourceRevision + " into " + targetRevision
                    + " conflicts in " + String.join(", ", conflicts), "merge " + targetRevision + " into " + sourceRevision
                    + " and resolve the conflict there, then re-run"));
        }
        return Optional.empty();
    }

    /** The first commits by short SHA and subject, so the one error line says which. */
    private static String listed(List<CommitInfo> commits) {
        String shown = commits.stream().limit(3).map(c -> c.shortSha() + " " + c.subject()).collect(Collectors.joining(", "));
        return commits.size() > 3 ? shown + ", and " + (commits.size() - 3) + " more" : shown;
    }
}
