package io.rhoai.promote.overlay;

import io.rhoai.core.RhoaiException;
import io.rhoai.git.GitObjects;
import io.rhoai.git.TreeFiles;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code promote --pin-remote-bases}: every floating remote base ({@code ?ref=main}, {@code HEAD}, no ref) in the tree a
 * promotion writes is rewritten to the commit its ref resolves to now, so the promoted overlay renders the same thing
 * tomorrow. The ref is resolved with {@link Resolver} (git ls-remote); a remote that cannot be reached fails the run.
 */
public final class RemoteBasePins {
    /** Resolves a ref of a git repository to a commit (ls-remote); throws a remote error when it cannot. */
    @FunctionalInterface
    public interface Resolver {
        /** @param ref a branch or tag name, or null for the remote's HEAD */
        String resolve(String repoUrl, String ref);
    }

    /** One rewritten entry. */
    public record Pin(String kustomization, String url, String ref, String commit, String pinnedUrl) { }

    /** The tree with the pins written, and what was pinned (empty: the tree is unchanged). */
    public record Result(ObjectId tree, List<Pin> pins, List<String> notPinned) { }

    private static final Pattern REF = Pattern.compile("([?&])(?:ref|version)=[^&]*");

    private RemoteBasePins() { }

    /**
     * Pins the floating ones of {@code bases} whose kustomization is in {@code tree} (with pinned revisions, an
     * Application's content may come from another commit: those are listed in {@link Result#notPinned()}).
     */
    public static Result pin(Repository repo, ObjectId tree, List<RemoteBase> bases, Resolver resolver) {
        TreeFiles files = TreeFiles.ofTree(repo, tree);
        Map<String, String> edits = new LinkedHashMap<>();
        Map<String, String> resolved = new LinkedHashMap<>();
        List<Pin> pins = new ArrayList<>();
        List<String> notPinned = new ArrayList<>();
        for (RemoteBase b : bases) {
            if (!b.floating()) continue;
            String text = edits.containsKey(b.kustomization()) ? edits.get(b.kustomization())
                    : files.isFile(b.kustomization()) ? files.read(b.kustomization()) : null;
            if (text == null || !text.contains(b.url())) {
                notPinned.add(b.url() + " (" + b.kustomization() + ": not in the promotion's tree)");
                continue;
            }
            String repoUrl = repositoryOf(b.url());
            String commit = resolved.computeIfAbsent(repoUrl + "\n" + b.ref(), k -> resolver.resolve(repoUrl, refName(b.ref())));
            String pinnedUrl = withRef(b.url(), commit);
            String replaced = replaceEntry(text, b.url(), pinnedUrl);
            if (replaced.equals(text)) {
                // an entry the line-wise rewrite does not reach (flow style: resources: [url]): say so, never claim a pin
                notPinned.add(b.url() + " (" + b.kustomization() + ": not a block-style list entry; pin it by hand)");
                continue;
            }
            edits.put(b.kustomization(), replaced);
            pins.add(new Pin(b.kustomization(), b.url(), b.ref(), commit, pinnedUrl));
        }
        ObjectId out = edits.isEmpty() ? tree : new GitObjects(repo).writeTree(tree, edits);
        return new Result(out, List.copyOf(pins), List.copyOf(notPinned));
    }

    /** HEAD and no ref both mean the remote's default branch. */
    private static String refName(String ref) {
        return ref == null || ref.equalsIgnoreCase("HEAD") ? null : ref;
    }

    /** The entry with {@code ?ref=COMMIT} (an existing ref or version parameter replaced). */
    static String withRef(String url, String commit) {
        Matcher m = REF.matcher(url);
        if (m.find()) return url.substring(0, m.start()) + m.group(1) + "ref=" + commit + url.substring(m.end());
        return url + (url.contains("?") ? "&" : "?") + "ref=" + commit;
    }

    /** Replaces the entry where it stands as a whole value (a list item, possibly quoted), nowhere else. */
    private static String replaceEntry(String text, String url, String pinned) {
        return text.replaceAll("(?m)(^\\s*-\\s*[\"']?)" + Pattern.quote(url) + "([\"']?\\s*(?:#.*)?$)",
                "$1" + Matcher.quoteReplacement(pinned) + "$2");
    }

    /**
     * The git repository of a kustomize remote entry: what stands before {@code //} (the subdirectory separator), the
     * query removed; {@code github.com/org/repo/dir} (no scheme) is https://github.com/org/repo; {@code git@host:org/repo}
     * stays ssh.
     */
    public static String repositoryOf(String url) {
        String u = url;
        int q = u.indexOf('?');
        if (q >= 0) u = u.substring(0, q);
        int scheme = u.indexOf("://");
        int from = scheme < 0 ? 0 : scheme + 3;
        if (u.startsWith("file:///")) from = "file:///".length();
        int sub = u.indexOf("//", from);
        if (sub >= 0) return u.substring(0, sub);
        if (scheme < 0 && u.startsWith("github.com/")) {
            String[] parts = u.split("/");
            if (parts.length >= 3) return "https://github.com/" + parts[1] + "/" + parts[2];
        }
        if (scheme >= 0 && u.substring(from).startsWith("github.com/")) {
            String[] parts = u.substring(from).split("/");
            if (parts.length >= 3) return u.substring(0, from) + "github.com/" + parts[1] + "/" + parts[2];
        }
        int git = u.indexOf(".git/");
        if (git >= 0) return u.substring(0, git + 4);
        if (u.isEmpty()) throw RhoaiException.invalid("remote base '" + url + "' names no repository", "write it as URL//path?ref=COMMIT");
        return u;
    }
}
