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
