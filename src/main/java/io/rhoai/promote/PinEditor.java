package io.rhoai.promote;

import io.rhoai.core.RhoaiException;
import io.rhoai.git.GitObjects;
import io.rhoai.git.TreeFiles;
import io.rhoai.promote.overlay.OverlayApplications;
import io.rhoai.promote.overlay.RevisionField;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the revisions a cluster overlay pins, as text so comments and layout survive: {@code targetRevision:} and
 * {@code revision:} keys, and the {@code value:} of JSON6902 operations whose {@code path} ends in
 * {@code targetRevision} or {@code revision}. {@link #repinTree} re-reads the overlay to check every revision was set.
 */
final class PinEditor {
    private static final Pattern KEY = Pattern.compile("^(\\s*(?:-\\s*)?(?:targetRevision|revision)\\s*:\\s*)([\"']?)([^\"'#\\s]+)\\2(\\s*(?:#.*)?)$");
    private static final Pattern VALUE = Pattern.compile("^(\\s*(?:-\\s*)?value\\s*:\\s*)([\"']?)([^\"'#\\s]+)\\2(\\s*(?:#.*)?)$");
    private static final Pattern REVISION_PATH = Pattern.compile("path\\s*:\\s*[\"']?/\\S*(?:targetRevision|/revision)[\"']?\\s*$");

    private PinEditor() { }

    /** The text with every pinned revision in {@code oldValues} replaced by {@code sha}; the same text when none is. */
    static String repin(String text, Set<String> oldValues, String sha) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher k = KEY.matcher(line);
            Matcher v = VALUE.matcher(line);
            if (k.matches() && oldValues.contains(k.group(3))) {
                line = k.group(1) + k.group(2) + sha + k.group(2) + k.group(4);
            } else if (v.matches() && oldValues.contains(v.group(3)) && revisionOp(lines, i)) {
                line = v.group(1) + v.group(2) + sha + v.group(2) + v.group(4);
            }
            out.add(line);
        }
        return String.join("\n", out);
    }

    /** Whether the JSON6902 operation (list item) holding line {@code i} has a path ending in a revision. */
    private static boolean revisionOp(String[] lines, int i) {
        int start = -1, indent = -1;
        for (int j = i; j >= 0; j--) {
            String s = lines[j];
            if (s.stripLeading().startsWith("- ")) {
                start = j;
                indent = s.length() - s.stripLeading().length();
                break;
            }
        }
        if (start < 0) return false;
        int end = lines.length;
        for (int j = start + 1; j < lines.length; j++) {
            String s = lines[j];
            if (!s.isBlank() && s.length() - s.stripLeading().length() <= indent) {
                end = j;
                break;
            }
        }
        for (int j = start; j < end; j++) {
            if (REVISION_PATH.matcher(lines[j]).find()) return true;
        }
        return false;
    }

    /** A tree like the target's, with the target overlay's pins set to {@code sha}; checked by re-reading the overlay. */
    static ObjectId repinTree(Repository repo, ObjectId target, Environment to, Set<String> oldValues, String sha) {
        TreeFiles files = TreeFiles.ofCommit(repo, target);
        String prefix = to.overlayPath().replaceAll("/+$", "") + "/";
        Map<String, String> edited = new LinkedHashMap<>();
        for (String p : files.paths()) {
            if (!p.startsWith(prefix) || !(p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith("Kustomization"))) continue;
            String text = files.read(p);
            String repinned = PinEditor.repin(text, oldValues, sha);
            if (!repinned.equals(text)) edited.put(p, repinned);
        }
        ObjectId tree = new GitObjects(repo).writeTree(files.treeId(), edited);
        List<String> unpinned = new ArrayList<>();
        for (RevisionField f : new OverlayApplications(TreeFiles.ofTree(repo, tree)).resolve(to.overlayPath()).revisions()) {
            if (!f.value().equals(sha)) unpinned.add(f.object() + " " + f.field() + "=" + f.value());
        }
        if (!unpinned.isEmpty()) {
            throw RhoaiException.invalid(to.name() + ": cannot pin " + String.join(", ", unpinned) + " from " + to.overlayPath(),
                    "set those revisions in the overlay itself (a targetRevision patch per ApplicationSet), so rhoai can rewrite them");
        }
        return tree;
    }
}
