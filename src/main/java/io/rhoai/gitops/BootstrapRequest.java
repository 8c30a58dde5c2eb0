package io.rhoai.gitops;

import io.rhoai.core.secret.Secret;
import io.rhoai.kube.Applier.DryRun;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one bootstrap needs, as plain values.
 *
 * @param cluster          profile name; also the root Application's name
 * @param repoURL          the profile's spec.gitops.repoURL
 * @param revision         branch, tag or SHA the root Application follows
 * @param overlayPath      the cluster overlay in the repo (clusters/overlays/&lt;cluster&gt;)
 * @param channel          operator channel, or null to use the PackageManifest's default channel
 * @param manualApproval   Subscription with installPlanApproval Manual
 * @param approve          approve the InstallPlan that installs the subscribed CSV
 * @param controllerRole   ClusterRole bound to the application controller
 * @param repoUsername     repository user, or null for a public repository
 * @param repoToken        repository token, or null for a public repository
 * @param autoSync         automated sync on the root Application
 * @param waitApps         wait until every Application is Synced and Healthy
 * @param degradedGrace    how long an Application may stay Degraded before the wait fails
 * @param timeout          the one deadline for all stages
 * @param manifestsDir     templates directory, or null for the bundled ones
 */
public record BootstrapRequest(String cluster, String repoURL, String revision, String overlayPath,
                               String channel, boolean manualApproval, boolean approve, String controllerRole,
                               String repoUsername, Secret repoToken, boolean autoSync, boolean waitApps,
                               Duration degradedGrace, Duration timeout, DryRun dryRun, Path manifestsDir) {
    public static final String DEFAULT_CONTROLLER_ROLE = "cluster-admin";
    public static final String NARROW_CONTROLLER_ROLE = "rhoai-gitops-cluster-config";
}
