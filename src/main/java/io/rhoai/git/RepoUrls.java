package io.rhoai.git;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Git remote URLs: kinds, owner/name for forges, and a form that is safe to print. */
public final class RepoUrls {
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:([^@/]+)@)?([^:/]+):(?!//)(.+)$");

    private RepoUrls() { }

    public enum Kind { HTTPS, HTTP, SSH, LOCAL }

    public static Kind kind(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("https://")) return Kind.HTTPS;
        if (u.startsWith("http://")) return Kind.HTTP;
        if (u.startsWith("ssh://") || u.startsWith("git+ssh://")) return Kind.SSH;
        if (u.startsWith("file:") || u.startsWith("/") || u.startsWith(".")) return Kind.LOCAL;
        if (SCP_LIKE.matcher(url).matches()) return Kind.SSH;
        return Kind.LOCAL;
    }

    /** The URL without any user-info password or token, for messages and results. */
    public static String display(String url) {
        if (url == null) return null;
        return url.replaceAll("(?i)^(https?://)[^@/]+@", "$1");
    }

    /** Host of an http(s)/ssh URL, or null for local paths. */
    public static String host(String url) {
        Kind k = kind(url);
        if (k == Kind.LOCAL) return null;
        Matcher scp = SCP_LIKE.matcher(url);
        if (k == Kind.SSH && !url.contains("://") && scp.matches()) return scp.group(2);
        try {
            return URI.create(url.replaceFirst("^git\\+ssh://", "ssh://")).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** "owner/name" of a hosted repo (the last two path segments, ".git" dropped), or null. */
    public static String ownerAndName(String url) {
        String path;
        Matcher scp = SCP_LIKE.matcher(url);
        if (kind(url) == Kind.SSH && !url.contains("://") && scp.matches()) {
            path = scp.group(3);
        } else if (kind(url) == Kind.LOCAL) {
            return null;
        } else {
            try {
                path = URI.create(url.replaceFirst("^git\\+ssh://", "ssh://")).getPath();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (path == null) return null;
        String[] parts = path.replaceAll("/+$", "").replaceAll("\\.git$", "").split("/");
        int n = parts.length;
        if (n < 2 || parts[n - 1].isBlank() || parts[n - 2].isBlank()) return null;
        return parts[n - 2] + "/" + parts[n - 1];
    }

    /** For comparing URLs that name the same repo: no scheme differences of case, no ".git", no trailing slash. */
    public static String normalise(String url) {
        if (url == null) return "";
        String u = display(url.strip()).replaceAll("/+$", "").replaceAll("\\.git$", "");
        if (u.startsWith("file://")) u = u.substring("file://".length());
        return u.toLowerCase(Locale.ROOT);
    }
}
