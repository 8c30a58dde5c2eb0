package io.rhoai.promote;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Commit-graph questions a promotion asks, answered with JGit's RevWalk. */
final class History {
    private final Repository repo;

    History(Repository repo) {
        this.repo = repo;
    }

    /** Commits reachable from {@code include} and from none of {@code exclude}, newest first (topological). */
    List<RevCommit> between(AnyObjectId include, Collection<? extends AnyObjectId> exclude) {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.sort(RevSort.TOPO);
            walk.markStart(walk.parseCommit(include));
            for (AnyObjectId x : exclude) walk.markUninteresting(walk.parseCommit(x));
            List<RevCommit> out = new ArrayList<>();
            for (RevCommit c : walk) out.add(c);
            return out;
        } catch (IOException e) {
            throw internal(e);
        }
    }

    boolean isAncestor(AnyObjectId ancestor, AnyObjectId of) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
        } catch (IOException e) {
            throw internal(e);
        }
    }

    /**
     * The commits of {@code candidates} (reachable from the target, not from the source) that are real drift. A merge
     * is not drift when everything it brought in is in the source or is itself an earlier promotion merge: that is how
     * dev → main promotions look from main. Non-merge commits are always drift.
     */
    List<RevCommit> drift(List<RevCommit> candidates, AnyObjectId source) {
        Set<ObjectId> inCandidates = new HashSet<>();
        candidates.forEach(c -> inCandidates.add(c.getId()));
        Map<ObjectId, Boolean> isDrift = new HashMap<>();
        // oldest first, so whatever a merge brought is classified before the merge
        for (int i = candidates.size() - 1; i >= 0; i--) {
            RevCommit c = candidates.get(i);
            if (c.getParentCount() < 2) {
                isDrift.put(c.getId(), true);
                continue;
            }
            List<ObjectId> extraParents = new ArrayList<>();
            for (int p = 1; p < c.getParentCount(); p++) extraParents.add(c.getParent(p).getId());
            boolean drift = false;
            for (ObjectId extra : extraParents) {
                List<ObjectId> excl = new ArrayList<>(List.of(c.getParent(0).getId(), source.toObjectId()));
                for (RevCommit brought : between(extra, excl)) {
                    if (inCandidates.contains(brought.getId()) && Boolean.TRUE.equals(isDrift.get(brought.getId()))) {
                        drift = true;
                        break;
                    }
                }
                if (drift) break;
            }
            isDrift.put(c.getId(), drift);
        }
        List<RevCommit> out = new ArrayList<>();
        for (RevCommit c : candidates) if (Boolean.TRUE.equals(isDrift.get(c.getId()))) out.add(c);
        return out;
    }

    /** Files a commit changed against its first parent (all its files for a root commit). */
    List<String> filesOf(RevCommit c) {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(c);
            ObjectId parentTree = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)).getTree().getId();
            List<String> files = new ArrayList<>();
            for (DiffEntry d : diff(parentTree, commit.getTree().getId())) files.add(path(d));
            return files;
        } catch (IOException e) {
            throw internal(e);
        }
    }

    /** File-level changes from one tree to another (no rename detection, so every path is plain). */
    List<DiffEntry> diff(ObjectId fromTree, ObjectId toTree) {
        try (DiffFormatter f = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            f.setRepository(repo);
            f.setDetectRenames(false);
            return f.scan(fromTree, toTree);
        } catch (IOException e) {
            throw internal(e);
        }
    }

    /** The unified diff text between two trees, as {@code git diff} shows it. */
    String patch(ObjectId fromTree, ObjectId toTree) {
        var out = new java.io.ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setRepository(repo);
            f.setDetectRenames(false);
            f.format(fromTree, toTree);
            f.flush();
        } catch (IOException e) {
            throw internal(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String path(DiffEntry d) {
        return d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath();
    }

    ObjectId treeOf(AnyObjectId commit) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(commit).getTree().getId();
        } catch (IOException e) {
            throw internal(e);
        }
    }

    RevCommit parse(AnyObjectId commit) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(commit);
        } catch (IOException e) {
            throw internal(e);
        }
    }

    private static RhoaiException internal(IOException e) {
        return new RhoaiException(ErrorKind.INTERNAL, "reading git history: " + e.getMessage(), null, e);
    }
}
