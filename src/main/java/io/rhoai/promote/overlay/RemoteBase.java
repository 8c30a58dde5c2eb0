package io.rhoai.promote.overlay;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import io.rhoai.git.TreeFiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kustomization entry that kustomize fetches over the network ({@code github.com/org/repo/path?ref=main}). Its
 * content is not in the GitOps repository, so what it renders depends on the ref: only a commit is reproducible.
 *
 * @param kustomization the kustomization file that lists it
 * @param url           the entry as written
 * @param ref           the {@code ?ref=} (or legacy {@code ?version=}) value, or null when there is none
 * @param applications  the Argo CD Applications (or "(cluster overlay)") that build it; filled in by the caller
 */
@RegisterForReflection
public record RemoteBase(String kustomization, String url, String ref, Pinning pinning, List<String> applications) {
    private static final Pattern REF = Pattern.compile("[?&](?:ref|version)=([^&]*)");
    private static final List<String> FLOATING = List.of("head", "main", "master");

    /** How firmly the ref fixes the content: a commit; a tag or branch (offline rhoai cannot tell which); nothing. */
    @RegisterForReflection
    public enum Pinning {
        COMMIT, NAMED, FLOATING;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static RemoteBase of(String kustomization, String url) {
        Matcher m = REF.matcher(url);
        String ref = m.find() && !m.group(1).isBlank() ? m.group(1) : null;
        Pinning pinning = ref == null || FLOATING.contains(ref.toLowerCase(Locale.ROOT)) ? Pinning.FLOATING
                : ref.matches("[0-9a-fA-F]{40}") ? Pinning.COMMIT : Pinning.NAMED;
        return new RemoteBase(kustomization, url, ref, pinning, List.of());
    }

    public boolean floating() {
        return pinning == Pinning.FLOATING;
    }

    /** The same base, also built by {@code application}. */
    public RemoteBase usedBy(String application) {
        if (applications.contains(application)) return this;
        List<String> apps = new ArrayList<>(applications);
        apps.add(application);
        return new RemoteBase(kustomization, url, ref, pinning, List.copyOf(apps));
    }

    /**
     * Every remote base the overlay at {@code overlayPath} and its Applications build, each listed once per
     * kustomization with the Applications (or {@code overlayName}) that use it.
     *
     * @param content the tree Applications take their content from (the overlay's own tree, except with pinned revisions)
     */
    public static List<RemoteBase> collect(TreeFiles overlayFiles, String overlayPath, TreeFiles content, String overlayName) {
        OverlayApplications.Resolved overlay = new OverlayApplications(overlayFiles).resolve(overlayPath);
        Map<String, RemoteBase> found = new LinkedHashMap<>();
        overlay.overlay().remoteBases().forEach(b -> found.merge(b.kustomization() + " " + b.url(), b.usedBy(overlayName),
                (x, y) -> x.usedBy(overlayName)));
        KustomizeReader reader = new KustomizeReader(content);
        for (ArgoApp app : overlay.apps()) {
            if (app.path() == null) continue;
            for (RemoteBase b : reader.build(app.path(), false).remoteBases()) {
                found.merge(b.kustomization() + " " + b.url(), b.usedBy(app.name()), (x, y) -> x.usedBy(app.name()));
            }
        }
        return List.copyOf(found.values());
    }
}
