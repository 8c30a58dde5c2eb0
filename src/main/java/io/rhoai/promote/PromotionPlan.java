package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What a promotion would do, computed from git alone (no cluster, no push).
 *
 * @param direction        "promote" or "back-merge"
 * @param status           {@link #NOTHING}, {@link #PENDING}, {@link #DRIFT} or {@link #CONFLICT}
 * @param sourceSha        the commit being promoted (the SHA verified in the source)
 * @param targetSha        the target branch's commit now
 * @param pinnedSha        pinned style: what the target overlay pins now
 * @param commits          commits to promote, newest first (earlier promotion merges left out)
 * @param drift            commits the target has and the source lacks (hotfixes), newest first
 * @param backMergeCommand the command that brings the drift back into the source
 * @param conflicts        files the merge cannot combine
 * @param files            files that change in the target
 * @param applications     the same files grouped by Argo CD Application
 */
@RegisterForReflection
public record PromotionPlan(String direction, Environment from, Environment to, String style, String status,
                            String sourceRevision, String sourceSha, String targetRevision, String targetSha, String pinnedSha,
                            List<CommitInfo> commits, List<CommitInfo> drift, boolean driftAllowed, String backMergeCommand,
                            List<String> conflicts, List<FileChange> files, List<AppChanges> applications,
                            RenderedDiff rendered, List<String> notes) {
    public static final String NOTHING = "nothing-to-promote";
    public static final String PENDING = "changes-pending";
    public static final String DRIFT = "blocked-by-drift";
    public static final String CONFLICT = "conflict";

    public boolean blocked() {
        return DRIFT.equals(status) || CONFLICT.equals(status);
    }
}
