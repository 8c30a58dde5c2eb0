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
        return new Environment(name, g.repoURL(), g.revision(), ProfileViews.overlayPath(p), style);
    }

    private static void require(String file, String field, String value, String what) {
        if (value == null || value.isBlank()) throw RhoaiException.invalid(file + ": " + field + " is missing", "set it to " + what);
    }
}
