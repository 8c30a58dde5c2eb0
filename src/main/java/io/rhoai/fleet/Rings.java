package io.rhoai.fleet;

import io.rhoai.core.RhoaiException;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileRepository;
import io.rhoai.profile.ProfileValidator;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.rules.LabelRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ring as one GitOps environment, for {@code promote --from ring:canary --to ring:main}: its members are the profiles
 * whose {@code ring} label (default {@code main}) names it, and they must share one repository and one branch, which is
 * what a branch-per-ring promotion merges. Profiles are read as promote reads them (labels checked, the rest of the
 * profile not validated: promotion needs only {@code spec.gitops}).
 */
public final class Rings {
    public static final String PREFIX = "ring:";

    /** One ring: its name, its members (sorted), and the repository, branch and promotion style they share. */
    public record Ring(String name, List<String> members, String repoURL, String revision, String overlayPath, String promotion) {
        /** The environment name promote uses: a valid piece of a git branch name ({@code promote/canary-to-main-…}). */
        public String environmentName() {
            return "ring-" + name;
        }
    }

    private Rings() { }

    public static boolean isRing(String nameOrAlias) {
        return nameOrAlias != null && nameOrAlias.startsWith(PREFIX);
    }

    public static Ring resolve(ProfileRepository repo, String ringRef, String flag) {
        String ring = ringRef.substring(PREFIX.length());
        if (!LabelRules.RINGS.contains(ring)) {
            throw RhoaiException.invalid(flag + ": '" + ring + "' is not a ring", "use " + PREFIX + String.join(" or " + PREFIX, LabelRules.RINGS));
        }
        Map<String, String> revisions = new TreeMap<>();
        List<String> members = new ArrayList<>();
        String repoURL = null, overlay = null, promotion = null;
        for (String name : repo.names()) {
            LoadedProfile loaded = repo.load(name);
            ClusterProfile p = loaded.profile();
            List<ProfileValidator.Problem> problems = new ArrayList<>();
            LabelRules.check(p.metadata().labels(), (path, message, hint) -> problems.add(new ProfileValidator.Problem(name + ".yaml", path, message, hint)));
            if (!problems.isEmpty()) throw RhoaiException.invalid(problems.get(0).line(), problems.get(0).hint());
            if (!ring.equals(LabelRules.ringOf(p.metadata().labels()))) continue;
            ClusterProfile.GitOps g = p.spec().gitops();
            if (g == null || g.repoURL() == null || g.revision() == null) {
                throw RhoaiException.invalid(name + ".yaml: spec.gitops.repoURL and spec.gitops.revision are required for a member of ring " + ring,
                        "set both, or move the profile out of the ring");
            }
            members.add(name);
            revisions.put(name, g.repoURL() + "@" + g.revision());
            if (repoURL == null) {
                repoURL = g.repoURL();
                overlay = ProfileViews.overlayPath(p);
                promotion = g.promotion();
            } else if (!java.util.Objects.equals(promotion, g.promotion())) {
                throw RhoaiException.invalid(name + ".yaml: spec.gitops.promotion is " + g.promotion() + ", but ring " + ring
                        + "'s first member " + members.get(0) + " says " + promotion, "a ring is promoted one way: give its members the same spec.gitops.promotion");
            }
        }
        if (members.isEmpty()) {
            throw RhoaiException.invalid(flag + ": ring " + ring + " has no members in " + repo.source(), "label profiles with ring: " + ring);
        }
        if (revisions.values().stream().distinct().count() > 1) {
            StringBuilder b = new StringBuilder();
            revisions.forEach((n, r) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(" ").append(r));
            throw RhoaiException.invalid(flag + ": the members of ring " + ring + " track different revisions (" + b + ")",
                    "a ring is promoted as one branch: give its members the same spec.gitops.repoURL and revision");
        }
        return new Ring(ring, List.copyOf(members), repoURL, revisions.values().iterator().next().substring(repoURL.length() + 1), overlay, promotion);
    }
}
