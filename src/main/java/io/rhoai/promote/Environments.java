package io.rhoai.promote;

import io.rhoai.core.RhoaiException;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.ProfileRepository;

/**
 * Environments come from cluster profiles ({@code spec.gitops}). A name may be the profile's full name or a unique
 * suffix after a dash, as every --cluster takes it ({@link ProfileRepository#resolve}).
 */
public final class Environments {
    private final ProfileRepository profiles;

    public Environments(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    public Environment resolve(String nameOrAlias, String flag) {
        if (io.rhoai.fleet.Rings.isRing(nameOrAlias)) return ring(nameOrAlias, flag);
        String name = profiles.resolve(nameOrAlias, flag);
        ClusterProfile p = profiles.load(name).profile();
        ClusterProfile.GitOps g = p.spec().gitops();
        String file = name + ".yaml";
        if (g == null) {
            throw RhoaiException.invalid(file + ": spec.gitops is missing", "add spec.gitops {repoURL, revision, overlayPath} (docs/promote.md)");
        }
        require(file, "spec.gitops.repoURL", g.repoURL(), "the GitOps repository URL");
        require(file, "spec.gitops.revision", g.revision(), "the branch this cluster's Argo CD tracks, e.g. main");
        PromotionStyle style = PromotionStyle.parse(g.promotion());
        if (style == null) {
            throw RhoaiException.invalid(file + ": spec.gitops.promotion: '" + g.promotion() + "' is not branch or pinned",
                    "set promotion: branch (merge the source branch) or pinned (pin the overlay to a SHA)");
        }
        // overlayPath defaults as for gitops bootstrap: a profile that bootstraps can be promoted
        return new Environment(name, g.repoURL(), g.revision(), ProfileViews.overlayPath(p), style, g.repoUsername());
    }

    /** {@code ring:NAME}: the ring's members share one repository and branch (docs/fleet.md); branch style only. */
    private Environment ring(String ringRef, String flag) {
        io.rhoai.fleet.Rings.Ring ring = io.rhoai.fleet.Rings.resolve(profiles, ringRef, flag);
        if (PromotionStyle.parse(ring.promotion()) != PromotionStyle.BRANCH) {
            throw RhoaiException.invalid(flag + ": ring " + ring.name() + " uses promotion: " + ring.promotion() + "; rings are promoted by merging their branch",
                    "set spec.gitops.promotion: branch on the ring's members");
        }
        return new Environment(ring.environmentName(), ring.repoURL(), ring.revision(), ring.overlayPath(), PromotionStyle.BRANCH, null);
    }

    private static void require(String file, String field, String value, String what) {
        if (value == null || value.isBlank()) throw RhoaiException.invalid(file + ": " + field + " is missing", "set it to " + what);
    }
}
