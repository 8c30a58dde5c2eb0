package io.rhoai.git;

import io.rhoai.core.RhoaiException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

/** {@code git ls-remote} through JGit: the commit a branch, tag or HEAD of a remote repository points at now. */
public final class RemoteRefs {
    private final Supplier<Duration> timeout;

    public RemoteRefs(Supplier<Duration> timeout) {
        this.timeout = timeout;
    }

    /** @param ref a branch or tag name, or null for HEAD */
    public String resolve(String repoUrl, String ref) {
        String what = (ref == null ? "HEAD" : ref) + " of " + RepoUrls.display(repoUrl);
        Collection<Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(repoUrl)
                    .setTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.get().toSeconds()))).call();
        } catch (GitAPIException | RuntimeException e) {
            // a timeout is exit 5 as for every git call; anything else is the remote failing us (6): a base that cannot
            // be reached from here and one that is gone look alike, and neither is the user's input to fix here
            boolean timedOut = GitErrors.translate(e, "ls-remote", repoUrl, GitAuth.none()).kind() == io.rhoai.core.ErrorKind.TIMEOUT;
            throw new RhoaiException(timedOut ? io.rhoai.core.ErrorKind.TIMEOUT : io.rhoai.core.ErrorKind.REMOTE,
                    "cannot resolve " + what + " (git ls-remote): " + cause(e),
                    "run where the network reaches it, or promote without --pin-remote-bases", e);
        }
        for (String name : ref == null ? new String[] {"HEAD"} : new String[] {"refs/heads/" + ref, "refs/tags/" + ref, ref}) {
            for (Ref r : refs) {
                if (r.getName().equals(name)) {
                    ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
                    if (id != null) return id.name();
                }
            }
        }
        throw RhoaiException.remote("cannot resolve " + what + ": no such branch or tag on the remote",
                "fix the remote base's ?ref=, or promote without --pin-remote-bases", null);
    }

    private static String cause(Throwable e) {
        String m = e.getMessage() == null ? io.rhoai.core.Causes.deepest(e) : e.getMessage();
        String deepest = io.rhoai.core.Causes.deepest(e);
        String line = m.lines().findFirst().orElse(m);
        return deepest.equals(m) || line.contains(deepest) ? line : line + " (" + deepest.lines().findFirst().orElse(deepest) + ")";
    }
}
