package io.rhoai.git;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tree surgery without a checkout: merges, edited trees and commits are written straight into the object database, so
 * the work tree, the index and every ref of the repository stay as they are. Unreferenced objects left by a plan or a
 * dry run are ordinary garbage for {@code git gc}.
 */
public final class GitObjects {
    private final Repository repo;

    public GitObjects(Repository repo) {
        this.repo = repo;
    }

    /** @param tree the merged tree, or null when the merge conflicts; @param conflicts the files it cannot combine */
    public record Merge(ObjectId tree, List<String> conflicts) {
        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    /** Merges {@code source} into {@code target} in memory (recursive strategy, as {@code git merge} would). */
    public Merge merge(ObjectId target, ObjectId source) {
        try {
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
            if (merger.merge(target, source)) return new Merge(merger.getResultTreeId(), List.of());
            TreeSet<String> files = new TreeSet<>(merger.getUnmergedPaths());
            if (merger.getFailingPaths() != null) files.addAll(merger.getFailingPaths().keySet());
            return new Merge(null, new ArrayList<>(files));
        } catch (IOException e) {
            throw internal("merge failed", e);
        }
    }

    /** A tree like {@code baseTree} with the files of {@code edits} (path → text) replaced or added as regular files. */
    public ObjectId writeTree(ObjectId baseTree, Map<String, String> edits) {
        try (ObjectInserter ins = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
            DirCache dc = DirCache.read(reader, baseTree);
            DirCacheEditor editor = dc.editor();
            for (Map.Entry<String, String> e : edits.entrySet()) {
                ObjectId blob = ins.insert(Constants.OBJ_BLOB, e.getValue().getBytes(StandardCharsets.UTF_8));
                editor.add(new DirCacheEditor.PathEdit(e.getKey()) {
                    @Override public void apply(DirCacheEntry ent) {
                        ent.setFileMode(FileMode.REGULAR_FILE);
                        ent.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            ObjectId tree = dc.writeTree(ins);
            ins.flush();
            return tree;
        } catch (IOException e) {
            throw internal("cannot write the edited tree", e);
        }
    }

    /** Writes a commit of {@code tree} with {@code parents} (in order), authored and committed by {@code who}. */
    public ObjectId commit(ObjectId tree, List<ObjectId> parents, String message, PersonIdent who) {
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentIds(parents);
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(message);
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId id = ins.insert(cb);
            ins.flush();
            return id;
        } catch (IOException e) {
            throw internal("cannot write the commit", e);
        }
    }

    private static RhoaiException internal(String what, IOException e) {
        return new RhoaiException(ErrorKind.INTERNAL, what + ": " + e.getMessage(), null, e);
    }
}
