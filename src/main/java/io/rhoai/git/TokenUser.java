package io.rhoai.git;

import java.net.URI;
import java.util.Locale;

/**
 * The user name sent with a repository token over HTTPS when none is given. GitHub and GitLab check the token, not the
 * name, but each documents one: {@code x-access-token} on GitHub (GitHub App installation tokens need it; personal
 * access tokens accept it), {@code oauth2} on GitLab (OAuth tokens need it; personal, project and group access tokens
 * accept any non-empty name). A host with "gitlab" in its name gets {@code oauth2}, any other {@code x-access-token}.
 * Precedence (docs/gitops-bootstrap.md): {@code --repo-username}, then the profile's {@code spec.gitops.repoUsername},
 * then this default.
 */
public final class TokenUser {
    public static final String GITHUB = "x-access-token";
    public static final String GITLAB = "oauth2";

    private TokenUser() { }

    /** The default user for a token sent to {@code repoURL}. */
    public static String defaultFor(String repoURL) {
        String host = null;
        try {
            host = repoURL == null ? null : URI.create(repoURL.strip()).getHost();
        } catch (IllegalArgumentException ignored) {
            // not a URL: the GitHub default
        }
        return host != null && host.toLowerCase(Locale.ROOT).contains("gitlab") ? GITLAB : GITHUB;
    }

    /** The user to send with a token: the flag, else the profile's, else {@link #defaultFor}. */
    public static String resolve(String flag, String profile, String repoURL) {
        if (flag != null && !flag.isBlank()) return flag.strip();
        if (profile != null && !profile.isBlank()) return profile.strip();
        return defaultFor(repoURL);
    }
}
