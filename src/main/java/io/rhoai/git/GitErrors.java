package io.rhoai.git;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;

import java.util.Locale;

/** Turns JGit/JSch failures into one-line errors that say what to fix. */
final class GitErrors {
    private GitErrors() { }

    static RhoaiException translate(Throwable e, String operation, String url, GitAuth auth) {
        String shown = RepoUrls.display(url);
        String all = messages(e);
        String lower = all.toLowerCase(Locale.ROOT);
        String knownHosts = auth.knownHosts() == null ? "~/.ssh/known_hosts" : auth.knownHosts().toString();
        if (lower.contains("reject hostkey") || lower.contains("unknownhostkey") || lower.contains("unknown host key")) {
            String host = RepoUrls.host(url);
            return new RhoaiException(ErrorKind.PRECONDITION,
                    "git " + operation + " refused: the SSH host key of " + host + " is not in " + knownHosts,
                    "verify the server's fingerprint, then add it: ssh-keyscan " + host + " >> " + knownHosts
                            + " (or pass --known-hosts FILE)", e);
        }
        if (lower.contains("hostkey has been changed") || lower.contains("host key has been changed")) {
            return new RhoaiException(ErrorKind.PRECONDITION,
                    "git " + operation + " refused: the SSH host key of " + RepoUrls.host(url) + " differs from the one in "
                            + knownHosts + " (possible man-in-the-middle)",
                    "confirm the new key with the server's owner before replacing the line in " + knownHosts, e);
        }
        if (lower.contains("auth fail") || lower.contains("userauth fail") || lower.contains("auth cancel")) {
            String key = auth.sshKeyFile() != null ? "the SSH key " + auth.sshKeyFile()
                    : auth.agentSocket() != null ? "the ssh-agent's keys" : "no SSH key (none given, no ssh-agent)";
            return new RhoaiException(ErrorKind.REMOTE, "git " + operation + " to " + shown + ": the server refused " + key,
                    "pass --ssh-key-file with a key the server accepts (a deploy key with write access), or load it into ssh-agent", e);
        }
        if (lower.contains("not authorized") || lower.contains("authentication is required") || lower.contains(" 401")
                || lower.contains("403") || lower.contains("authentication not supported")) {
            String cred = auth.token() != null ? "the token from " + auth.token().origin() : "no token (none given)";
            return new RhoaiException(ErrorKind.REMOTE, "git " + operation + " to " + shown + ": access denied with " + cred,
                    "pass --git-token-file or set GIT_TOKEN to a token with write access to the repository", e);
        }
        if (lower.contains("not found") || lower.contains("does not appear to be a git repository")
                || lower.contains("repository not found") || lower.contains("not a git repository")) {
            return new RhoaiException(ErrorKind.INVALID_INPUT, "git " + operation + ": no repository at " + shown,
                    "check spec.gitops.repoURL in the profile" + offline(operation), e);
        }
        // a web page, a proxy or another protocol where the git server should be: JGit's "invalid advertisement of <the
        // page>", or "-1 null" (HttpURLConnection's status for an answer that is not HTTP)
        if (lower.contains("invalid advertisement") || lower.contains(": -1 null") || lower.contains("invalid http response")
                || lower.contains("not a valid smart http")) {
            return new RhoaiException(ErrorKind.REMOTE, "git " + operation + ": " + shown + " did not answer as a git server does"
                    + (lower.contains("invalid advertisement") ? " (it sent a page or data that is not git's)" : " (the answer is not HTTP)"),
                    "check spec.gitops.repoURL is the repository's clone URL (https://host/owner/repo.git) and that no proxy answers in its place"
                            + offline(operation), e);
        }
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return new RhoaiException(ErrorKind.TIMEOUT, "git " + operation + " to " + shown + " timed out",
                    "check the network, or raise --operation-timeout (each git call) or --timeout (the whole run)" + offline(operation), e);
        }
        return new RhoaiException(ErrorKind.REMOTE, "git " + operation + " " + shown + " failed: "
                + causes(e).replace(url + ": ", "").replace(shown + ": ", ""),
                "check the repository URL, the network and the credentials" + offline(operation), e);
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) b.append(t.getMessage()).append(" | ");
        }
        return b.toString();
    }

    /**
     * The distinct messages of the cause chain, outermost first ("cannot open git-upload-pack: Connection refused"), so
     * the one error line shown without -v says why, not only what.
     */
    private static String causes(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank() || b.indexOf(m.strip()) >= 0) continue;
            if (b.length() > 0) b.append(": ");
            b.append(m.strip());
        }
        return b.length() == 0 ? e.getClass().getSimpleName() : b.toString();
    }

    /** A fetch that cannot reach the remote may not be needed: the clone in hand can be read as it is. */
    private static String offline(String operation) {
        return "fetch".equals(operation) ? "; to use a clone as last fetched, pass --no-fetch (with --repo-dir, or inside the clone)" : "";
    }
}
