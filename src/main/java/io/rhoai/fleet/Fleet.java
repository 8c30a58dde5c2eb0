package io.rhoai.fleet;

import io.rhoai.core.RhoaiException;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileRepository;
import io.rhoai.profile.ProfileValidator;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.rules.LabelRules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fleet: every profile of one profiles directory. Each profile is loaded and validated as any command validates it
 * (a broken profile fails the whole command, naming its file: a fleet rendered without one cluster would silently
 * drop that cluster's Application). The hub ({@code --hub}) runs Argo CD for the others and is not a member: its own
 * configuration is its root Application from {@code gitops bootstrap}.
 */
public final class Fleet {
    /** The namespace of the hub's Argo CD (OpenShift GitOps' default instance) and of every member's. */
    public static final String ARGOCD_NAMESPACE = "openshift-gitops";
    /** Label on every generated Application and cluster Secret: the member's profile name. */
    public static final String MEMBER_LABEL = "rhoai.io/fleet-member";
    /** Label on generated Applications and ApplicationSets: the ring. */
    public static final String RING_LABEL = "rhoai.io/ring";

    private final ProfileRepository repo;
    private final GpuCatalog catalog;

    private final Map<String, ClusterProfile> profiles = new HashMap<>();

    public Fleet(ProfileRepository repo, GpuCatalog catalog) {
        this.repo = repo;
        this.catalog = catalog;
    }

    public String source() {
        return repo.source();
    }

    /** The hub's full profile name (name or unique suffix), checked to exist and be valid. */
    public String hub(String nameOrSuffix) {
        String name = repo.resolve(nameOrSuffix, "--hub");
        member(name);
        return name;
    }

    /** Every member matching the selector, sorted by name; {@code hub} (a full name, or null) is left out. */
    public List<Member> members(String hub, LabelSelector selector) {
        List<Member> out = new ArrayList<>();
        for (String name : repo.names()) {
            if (name.equals(hub)) continue;
            Member m = member(name);
            if (selector.matches(m.labels())) out.add(m);
        }
        return out;
    }

    /** {@code fleet list}: every profile of the directory matching the selector (no hub: all of them). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Listing(String profiles, String selector, List<Member> clusters) { }

    public Listing list(LabelSelector selector) {
        return new Listing(source(), selector.text(), members(null, selector));
    }

    /** One member by name or unique suffix (flag for messages). */
    public Member member(String nameOrSuffix, String flag) {
        return member(repo.resolve(nameOrSuffix, flag));
    }

    /** A profile this fleet has read (full name), loaded and validated once. */
    public ClusterProfile profile(String name) {
        return profiles.computeIfAbsent(name, n -> {
            LoadedProfile loaded = repo.load(n);
            new ProfileValidator(catalog).validate(loaded, path -> repo.originOf(loaded, path));
            return loaded.profile();
        });
    }

    private Member member(String name) {
        ClusterProfile p = profile(name);
        TreeMap<String, String> labels = new TreeMap<>(p.metadata().labelsOrEmpty());
        ClusterProfile.GitOps g = p.spec().gitops();
        ProfileViews.Hosts hosts = ProfileViews.hosts(p, "for a fleet member's API server", null);
        return new Member(p.name(), labels, LabelRules.ringOf(labels), g == null ? null : g.repoURL(),
                g == null ? null : g.revision(), ProfileViews.overlayPath(p), "https://" + hosts.api() + ":6443");
    }

    /** The member's GitOps source, required by render and promotion. */
    public static void requireGitOps(Member m) {
        if (m.repoURL() == null || m.repoURL().isBlank() || m.revision() == null || m.revision().isBlank()) {
            throw RhoaiException.invalid(m.name() + ".yaml: spec.gitops.repoURL and spec.gitops.revision are required for a fleet member",
                    "set both (the repository and branch the hub points this cluster at), or move the profile out of the fleet directory");
        }
    }
}
