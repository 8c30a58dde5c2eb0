package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One GitOps environment, from a cluster profile's {@code spec.gitops}.
 *
 * @param name        the profile name (rhoaibu-cluster-dev)
 * @param repoURL     the GitOps repository (never with credentials in it)
 * @param revision    the branch its Argo CD tracks (pinned style: the branch holding its overlay)
 * @param overlayPath the cluster overlay (clusters/overlays/rhoaibu-cluster-dev)
 */
@RegisterForReflection
public record Environment(String name, String repoURL, String revision, String overlayPath, PromotionStyle style) { }
