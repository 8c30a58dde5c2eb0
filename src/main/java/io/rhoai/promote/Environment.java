package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One GitOps environment, from a cluster profile's {@code spec.gitops}.
 *
 * @param name        the profile name (rhoaibu-cluster-dev)
 * @param repoURL     the GitOps repository (never with credentials in it)
 * @param revision    the branch its Argo CD tracks (pinned style: the branch holding its overlay)
 * @param overlayPath the cluster overlay (clusters/overlays/rhoaibu-cluster-dev)
 * @param repoUsername the profile's {@code spec.gitops.repoUsername} (the user sent with a token), or null: the host's default
 */
@RegisterForReflection
public record Environment(String name, String repoURL, String revision, String overlayPath, PromotionStyle style, String repoUsername) { }
