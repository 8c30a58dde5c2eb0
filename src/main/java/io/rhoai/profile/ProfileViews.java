package io.rhoai.profile;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;
import io.rhoai.gpu.AutoscalerManifests;

import java.time.Duration;

/**
 * The profile's values as the engines use them, each default written once (docs/profiles.md documents them): a
 * command asks here instead of reading the raw fields and choosing its own fallback, so bootstrap and promote cannot
 * read one profile two ways.
 */
public final class ProfileViews {
    /** The overlay an Argo CD root Application points at when {@code spec.gitops.overlayPath} is unset. */
    public static final String DEFAULT_OVERLAY_DIR = "clusters/overlays/";
    public static final Duration DEFAULT_RENEW_BEFORE = Duration.ofDays(30);

    private ProfileViews() { }

    /** {@code spec.gitops.overlayPath}, or {@code clusters/overlays/<profile>}; without leading or trailing slashes. */
    public static String overlayPath(ClusterProfile p) {
        ClusterProfile.GitOps g = p.spec() == null ? null : p.spec().gitops();
        String path = g != null && g.overlayPath() != null && !g.overlayPath().isBlank() ? g.overlayPath() : DEFAULT_OVERLAY_DIR + p.name();
        return path.replaceAll("^/+|/+$", "");
    }

    /** The cluster's name and base domain, which every host name derives from. */
    public record Hosts(String clusterName, String baseDomain) {
        public String apps() {
            return "apps." + clusterName + "." + baseDomain;
        }

        public String api() {
            return "api." + clusterName + "." + baseDomain;
        }
    }

    /** The cluster's host names; the one "name and baseDomain required" message, saying what needs them. */
    public static Hosts hosts(ClusterProfile p, String neededFor, String orElse) {
        ClusterProfile.Cluster c = p == null || p.spec() == null ? null : p.spec().cluster();
        if (c == null || c.name() == null || c.name().isBlank() || c.baseDomain() == null || c.baseDomain().isBlank()) {
            throw RhoaiException.invalid("profile " + (p == null ? "?" : p.name()) + ": spec.cluster.name and spec.cluster.baseDomain are required "
                    + neededFor, "set both in the profile" + (orElse == null ? "" : ", or " + orElse));
        }
        return new Hosts(c.name(), c.baseDomain());
    }

    // ---- which parts of day 1 the profile configures: one rule for bootstrap's stages and status's sections

    /** Why the profile does not configure OpenShift GitOps, or null when it does ({@code spec.gitops.repoURL}). */
    public static String gitopsNotConfigured(ClusterProfile.Spec spec) {
        return spec.gitops() == null || spec.gitops().repoURL() == null || spec.gitops().repoURL().isBlank()
                ? "the profile has no spec.gitops.repoURL" : null;
    }

    /** Why the profile does not configure sign-in, or null ({@code spec.oauth.google} or admins). */
    public static String oauthNotConfigured(ClusterProfile.Spec spec) {
        return google(spec) == null && adminUsers(spec).isEmpty() && adminGroups(spec).isEmpty()
                ? "the profile has no spec.oauth.google or spec.oauth.admins" : null;
    }

    /** Why the profile does not configure certificates, or null ({@code spec.certificates} and the cluster's hosts). */
    public static String certificatesNotConfigured(ClusterProfile.Spec spec) {
        if (spec.certificates() == null) return "the profile has no spec.certificates";
        ClusterProfile.Cluster c = spec.cluster();
        return c == null || c.name() == null || c.name().isBlank() || c.baseDomain() == null || c.baseDomain().isBlank()
                ? "the profile has no spec.cluster.name and baseDomain to name the certificate's hosts" : null;
    }

    public static ClusterProfile.Google google(ClusterProfile.Spec spec) {
        return spec.oauth() == null ? null : spec.oauth().google();
    }

    public static java.util.List<String> adminUsers(ClusterProfile.Spec spec) {
        return spec.oauth() == null || spec.oauth().admins() == null || spec.oauth().admins().users() == null
                ? java.util.List.of() : spec.oauth().admins().users();
    }

    public static java.util.List<String> adminGroups(ClusterProfile.Spec spec) {
        return spec.oauth() == null || spec.oauth().admins() == null || spec.oauth().admins().groups() == null
                ? java.util.List.of() : spec.oauth().admins().groups();
    }

    /** {@code spec.certificates.renewBefore}, or 30 days. */
    public static Duration renewBefore(ClusterProfile p) {
        ClusterProfile.Certificates c = p == null || p.spec() == null ? null : p.spec().certificates();
        if (c != null && c.renewBefore() != null) return Durations.parse(c.renewBefore(), "spec.certificates.renewBefore");
        return DEFAULT_RENEW_BEFORE;
    }

    /** {@code spec.autoscaler} as the ClusterAutoscaler's settings (all null: the operator's defaults). */
    public static AutoscalerManifests.Settings autoscalerSettings(ClusterProfile p) {
        ClusterProfile.Autoscaler a = p == null || p.spec() == null ? null : p.spec().autoscaler();
        if (a == null) return AutoscalerManifests.Settings.OPERATOR_DEFAULTS;
        ClusterProfile.ScaleDown sd = a.scaleDown();
        return new AutoscalerManifests.Settings(a.logVerbosity(), a.maxNodeProvisionTime(), a.podPriorityThreshold(),
                sd == null ? null : sd.enabled(), sd == null ? null : sd.delayAfterAdd(), sd == null ? null : sd.delayAfterDelete(),
                sd == null ? null : sd.delayAfterFailure(), sd == null ? null : sd.unneededTime());
    }
}
