package io.rhoai.promote;

import io.rhoai.git.GitAuth;

import java.nio.file.Path;

/**
 * Everything a plan or promotion needs, as the user asked for it.
 *
 * @param direction        promote (source → target) or back-merge (target's hotfixes → source's branch)
 * @param repoDir          a local clone to reuse, or null for a temp dir
 * @param fetch            false: read the clone's branches as last fetched (--no-fetch)
 * @param render           build the target overlay before/after when a renderer is available
 * @param backMergeCommand shown with drift: the command that merges it back
 * @param pinRemoteBases   rewrite floating remote-base refs in the promotion's tree to the commits they resolve to
 */
public record PromotionRequest(Environment from, Environment to, Direction direction, Path repoDir, boolean fetch, GitAuth auth,
                               boolean allowDrift, boolean skipGate, boolean noPr, boolean dryRun, boolean render,
                               String backMergeCommand, boolean pinRemoteBases) {
    public enum Direction { PROMOTE, BACK_MERGE }
}
