package io.rhoai.git;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files of one git tree, read without a checkout: path → blob. Used to read overlays and kustomizations at a
 * revision and to export a tree to a directory for {@code kubectl kustomize}.
 */
public final class TreeFiles {
    private final Repository repo;
    private final ObjectId treeId;
    private final Map<String, ObjectId> blobs = new TreeMap<>();
    private final Map<String, FileMode> modes = new TreeMap<>();
    private final Set<String> dirs = new HashSet<>();

    private TreeFiles(Repository repo, ObjectId treeId) {
        this.repo = repo;
        this.treeId = treeId;
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(treeId);
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                blobs.put(path, walk.getObjectId(0));
                modes.put(path, walk.getFileMode(0));
                for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
                    if (!dirs.add(path.substring(0, i))) break;
                }
            }
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot read tree " + treeId.name() + ": " + e.getMessage(), null, e);
        }
        dirs.add("");
    }

    public static TreeFiles ofTree(Repository repo, ObjectId treeId) {
        return new TreeFiles(repo, treeId);
    }

    public static TreeFiles ofCommit(Repository repo, ObjectId commitId) {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(commitId);
            return new TreeFiles(repo, c.getTree().getId());
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot read commit " + commitId.name() + ": " + e.getMessage(), null, e);
        }
    }

    public ObjectId treeId() {
        return treeId;
    }

    public boolean isFile(String path) {
        return blobs.containsKey(path);
    }

    public boolean isDirectory(String path) {
        return dirs.contains(path);
    }

    /** Every file path, sorted. */
    public Set<String> paths() {
        return Collections.unmodifiableSet(blobs.keySet());
    }

    /** Every directory path ("" is the root). */
    public Set<String> directories() {
        return Collections.unmodifiableSet(dirs);
    }

    public ObjectId blob(String path) {
        return blobs.get(path);
    }

    /** The text of a file, or null when there is none. */
    public String read(String path) {
        ObjectId id = blobs.get(path);
        if (id == null) return null;
        try (ObjectReader reader = repo.newObjectReader()) {
            return new String(reader.open(id).getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot read " + path + ": " + e.getMessage(), null, e);
        }
    }

    /** Writes every file of the tree under {@code dir} (symlinks as their target text; modes are not needed to build). */
    public void exportTo(Path dir) {
        try (ObjectReader reader = repo.newObjectReader()) {
            for (Map.Entry<String, ObjectId> e : blobs.entrySet()) {
                if (modes.get(e.getKey()) == FileMode.GITLINK) continue;
                Path target = dir.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, reader.open(e.getValue()).getBytes());
            }
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot export tree to " + dir + ": " + e.getMessage(), null, e);
        }
    }
}
