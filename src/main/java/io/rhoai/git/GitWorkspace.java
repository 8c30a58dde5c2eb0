package io.rhoai.git;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Interrupts;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A local copy of a GitOps repository, reached through JGit. The copy is a bare repository in a temp dir (deleted by
 * {@link #close()}), in {@code --repo-dir} (kept and reused), or a clone the user already has. Remote branches are
 * fetched to {@code refs/remotes/origin/*} (unless --no-fetch); rhoai never touches the working tree, HEAD or a local
 * branch of a repository it is given: promotion commits are pushed by their id.
 */
public final class GitWorkspace implements AutoCloseable {
    public static final String REMOTE_PREFIX = "refs/remotes/origin/";

    private final String url;
    private final Path dir;
    private final Repository repo;
    private final Git git;
    private final GitAuth auth;
    private final Supplier<Duration> timeout;
    private final boolean fetched;
    /** Removes the temp dir once: from {@link #close()}, or from the Ctrl-C hook; null for a kept directory. */
    private final Interrupts.Registration removal;

    private GitWorkspace(String url, Path dir, Interrupts.Registration removal, Repository repo, GitAuth auth,
                         Supplier<Duration> timeout, boolean fetched) {
        this.url = url;
        this.dir = dir;
        this.removal = removal;
        this.repo = repo;
        this.git = new Git(repo);
        this.auth = auth;
        this.timeout = timeout;
        this.fetched = fetched;
    }

    /**
     * Opens (or creates) the local copy and, when {@code fetch}, fetches every branch of {@code url}.
     *
     * @param repoDir an existing clone or a directory to keep the copy in; null for a temp dir
     * @param timeout asked before each fetch or push for that operation's timeout; it throws when the run's overall
     *                budget is spent, so no operation starts without time left
     * @param fetch   false: use the clone's {@code refs/remotes/origin/*} as they are (offline, or a CI checkout); the
     *                run says so on stderr and {@link #lastFetched()} tells the plan how old they are
     */
    public static GitWorkspace open(String url, Path repoDir, GitAuth auth, Supplier<Duration> timeout, boolean fetch,
                                    Progress progress) {
        checkTokenTransport(url, auth);
        // a password or token written into the URL itself must be masked wherever JGit echoes the URL
        java.util.regex.Matcher userInfo = java.util.regex.Pattern.compile("(?i)^https?://[^:@/]+:([^@/]+)@").matcher(url);
        if (userInfo.find()) io.rhoai.core.secret.Redactor.register(userInfo.group(1));
        if (!fetch && (repoDir == null || !isRepository(repoDir))) {
            throw RhoaiException.invalid("--no-fetch needs an existing clone of " + RepoUrls.display(url)
                    + (repoDir == null ? "" : "; " + repoDir + " is none"), "pass --repo-dir <clone>, or run rhoai inside the clone");
        }
        Path dir = repoDir;
        Interrupts.Registration removal = null;
        Repository repo = null;
        boolean owned = false;
        try {
            if (repoDir == null) {
                Path temp = Files.createTempDirectory("rhoai-promote-");
                dir = temp;
                removal = Interrupts.onInterrupt("the temporary clone " + temp, () -> deleteQuietly(temp));
            } else if (isRepository(dir)) {
                progress.info("using the clone at " + dir);
            }
            repo = openOrInit(dir);
            GitWorkspace ws = new GitWorkspace(url, dir, removal, repo, auth, timeout, fetch);
            owned = true;   // repo and removal belong to ws now
            try {
                if (fetch) ws.fetch(progress); else ws.useAsFetched(progress);
                return ws;
            } catch (RuntimeException e) {
                ws.close();
                throw e;
            }
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INVALID_INPUT, "cannot prepare the local clone in " + dir + ": " + e.getMessage(),
                    "check --repo-dir points at a writable directory (or an existing clone of the repo)", e);
        } finally {
            if (!owned) {
                if (repo != null) repo.close();
                if (removal != null) removal.close();
            }
        }
    }

    /**
     * The clone of {@code url} that {@code start} lies in (its work tree, or the bare repository), or null when
     * {@code start} is in no repository or in one whose {@code origin} is another repository.
     */
    public static Path findClone(Path start, String url) {
        FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(start.toFile());
        if (b.getGitDir() == null) return null;
        try (Repository r = b.setMustExist(true).build()) {
            String origin = r.getConfig().getString("remote", "origin", "url");
            if (origin == null || !RepoUrls.normalise(origin).equals(RepoUrls.normalise(url))) return null;
            return (r.isBare() ? r.getDirectory() : r.getWorkTree()).toPath();
        } catch (IOException | IllegalArgumentException e) {
            return null;   // unreadable: not a clone rhoai can use
        }
    }

    private static boolean isRepository(Path dir) {
        boolean bare = Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"));
        return bare || Files.exists(dir.resolve(".git"));   // .git is a file in a linked worktree
    }

    private static Repository openOrInit(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (isRepository(dir)) {
            FileRepositoryBuilder b = new FileRepositoryBuilder();
            if (Files.exists(dir.resolve(".git"))) b.setWorkTree(dir.toFile()); else b.setGitDir(dir.toFile());
            return b.setMustExist(true).build();
        }
        try (Stream list = new Stream(dir)) {
            if (list.nonEmpty) {
                throw RhoaiException.invalid("--repo-dir: " + dir + " is neither empty nor a git repository",
                        "pass an empty directory, an existing clone, or leave --repo-dir out to use a temp dir");
            }
        }
        try {
            return Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository();
        } catch (GitAPIException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Tiny helper so the directory listing is closed. */
    private static final class Stream implements AutoCloseable {
        final boolean nonEmpty;
        private final java.util.stream.Stream<Path> s;

        Stream(Path dir) throws IOException {
            s = Files.list(dir);
            nonEmpty = s.findAny().isPresent();
        }

        @Override public void close() { s.close(); }
    }

    private static void checkTokenTransport(String url, GitAuth auth) {
        if (auth.token() != null && RepoUrls.kind(url) == RepoUrls.Kind.HTTP) {
            String host = RepoUrls.host(url);
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
            if (!loopback) {
                throw RhoaiException.invalid("refusing to send the git token over plain http to " + host,
                        "use the https:// URL of the repository in the profile's spec.gitops.repoURL");
            }
        }
    }

    public void fetch(Progress progress) {
        int seconds = timeoutSeconds();   // outside the try: a spent budget is its own error, not a git failure
        progress.step("Fetching " + RepoUrls.display(url));
        try {
            git.fetch().setRemote(url)
                    .setRefSpecs(new RefSpec("+refs/heads/*:" + REMOTE_PREFIX + "*"))
                    .setRemoveDeletedRefs(true)
                    .setTimeout(seconds)
                    .setTransportConfigCallback(transport())
                    .call();
        } catch (GitAPIException e) {
            throw GitErrors.translate(e, "fetch", url, auth);
        } catch (RuntimeException e) {
            throw GitErrors.translate(e, "fetch", url, auth);
        }
    }

    /** --no-fetch: the branches are read as the clone has them; say so, and refuse a clone that never fetched. */
    private void useAsFetched(Progress progress) {
        try {
            if (repo.getRefDatabase().getRefsByPrefix(REMOTE_PREFIX).isEmpty()) {
                throw RhoaiException.invalid("--no-fetch: " + dir + " has no fetched branches (" + REMOTE_PREFIX + "*)",
                        "fetch once (git fetch origin), or leave --no-fetch out");
            }
        } catch (IOException e) {
            throw internal(e);
        }
        progress.warn("not fetching (--no-fetch): using the branches of " + dir + " as last fetched "
                + lastFetched().map(t -> "at " + t).orElse("(time unknown)") + "; the remote may have moved since");
    }

    /** Whether this run fetched; false with --no-fetch. */
    public boolean fetched() {
        return fetched;
    }

    /** When the clone last fetched (FETCH_HEAD's time), when git recorded it. */
    public Optional<Instant> lastFetched() {
        try {
            Path fetchHead = repo.getDirectory().toPath().resolve("FETCH_HEAD");
            if (!Files.isRegularFile(fetchHead)) return Optional.empty();
            return Optional.of(Files.getLastModifiedTime(fetchHead).toInstant().truncatedTo(ChronoUnit.SECONDS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The commit a remote branch points at, or null when the branch does not exist. */
    public ObjectId remoteBranch(String branch) {
        try {
            Ref ref = repo.exactRef(REMOTE_PREFIX + branch);
            return ref == null ? null : ref.getObjectId();
        } catch (IOException e) {
            throw internal(e);
        }
    }

    /** A branch name or a (short) SHA, resolved to a commit id; null when unknown. */
    public ObjectId resolve(String revision) {
        ObjectId branch = remoteBranch(revision);
        if (branch != null) return branch;
        if (!revision.matches("[0-9a-fA-F]{7,40}")) return null;
        try {
            ObjectId id = repo.resolve(revision + "^{commit}");
            return id;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Creates the remote branch {@code branch} at {@code commit}; never forces. The commit is pushed by its id, so no
     * local branch is created: the repository keeps exactly the refs it had (a clone the user works in included).
     */
    public void push(ObjectId commit, String branch, Progress progress) {
        int seconds = timeoutSeconds();
        progress.step("Pushing " + branch + " to " + RepoUrls.display(url));
        try {
            Iterable<PushResult> results = git.push().setRemote(url)
                    .setRefSpecs(new RefSpec(commit.name() + ":refs/heads/" + branch))
                    .setTimeout(seconds)
                    .setTransportConfigCallback(transport())
                    .call();
            for (PushResult result : results) {
                for (RemoteRefUpdate u : result.getRemoteUpdates()) {
                    switch (u.getStatus()) {
                        case OK, UP_TO_DATE -> { }
                        case REJECTED_NONFASTFORWARD -> throw RhoaiException.precondition(
                                "push of " + branch + " was rejected: the remote branch has other commits",
                                "delete the remote branch " + branch + " or look at what was pushed to it, then re-run");
                        default -> throw RhoaiException.remote("push of " + branch + " was refused by "
                                + RepoUrls.display(url) + ": " + u.getStatus().name().toLowerCase(Locale.ROOT)
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"),
                                "check the credentials have write access to the repository and that branch protection allows "
                                        + "creating " + branch, null);
                    }
                }
            }
        } catch (GitAPIException e) {
            throw GitErrors.translate(e, "push", url, auth);
        } catch (RuntimeException e) {
            if (e instanceof RhoaiException) throw e;
            throw GitErrors.translate(e, "push", url, auth);
        }
    }

    /** JGit counts whole seconds; a budget with less than one second left still gets one. */
    private int timeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.get().toSeconds()));
    }

    private TransportConfigCallback transport() {
        return (Transport t) -> {
            if (t instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(new StrictJschSessionFactory(auth.knownHosts(), auth.sshKeyFile(), auth.agentSocket()));
            } else if (auth.token() != null) {
                // the token is the password; the user is the one the host documents for tokens (TokenUser)
                t.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                        TokenUser.resolve(null, auth.tokenUser(), url), auth.token().reveal()));
            }
        };
    }

    public Repository repository() {
        return repo;
    }

    public Path directory() {
        return dir;
    }

    public String url() {
        return url;
    }

    /** Who commits: git config user.name/email when set, else rhoai. */
    public PersonIdent committer() {
        var cfg = repo.getConfig();
        String name = cfg.getString("user", null, "name");
        String email = cfg.getString("user", null, "email");
        return new PersonIdent(name == null ? "rhoai" : name, email == null ? "rhoai@localhost" : email);
    }

    @Override
    public void close() {
        git.close();
        repo.close();
        if (removal != null) removal.close();
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.IGNORE_ERRORS);
        } catch (IOException ignored) {
            // a leftover temp dir is not worth failing the run for
        }
    }

    private static RhoaiException internal(IOException e) {
        return new RhoaiException(ErrorKind.INTERNAL, "local git repository: " + e.getMessage(), null, e);
    }

    static boolean isTransport(Throwable e) {
        return e instanceof TransportException || e instanceof org.eclipse.jgit.errors.TransportException;
    }
}
