package io.rhoai.promote.gate;

import io.rhoai.core.Progress;

/** Checks that the source environment runs a commit well before it is promoted. */
@FunctionalInterface
public interface SourceGate {
    /** @param repoURL the GitOps repository; only Applications from it count */
    GateResult check(String repoURL, String sha, Progress progress);
}
