package io.rhoai.promote.forge;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.git.RepoUrls;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Picks the forge for a repository URL. GitHub is the only one today: github.com URLs, or any URL when
 * {@code RHOAI_GITHUB_API_URL} names a GitHub (Enterprise) API.
 */
public final class Forges {
    public static final String API_URL_ENV = "RHOAI_GITHUB_API_URL";

    private Forges() { }

    /**
     * @param ownerAndRepo "owner/name" when given explicitly (--github-repo), else parsed from the URL
     * @param token        the API token, required
     */
    public static Forge create(String repoURL, String ownerAndRepo, Secret token, Map<String, String> env, Duration timeout) {
        String apiUrl = env.get(API_URL_ENV);
        String host = RepoUrls.host(repoURL);
        boolean github = host != null && (host.equalsIgnoreCase("github.com") || host.toLowerCase().endsWith(".github.com"));
        if (!github && (apiUrl == null || apiUrl.isBlank())) {
            throw RhoaiException.invalid("cannot open a pull request for " + RepoUrls.display(repoURL) + ": only GitHub is supported",
                    "pass --no-pr to push the promotion branch only, or set " + API_URL_ENV + " for GitHub Enterprise");
        }
        String repo = ownerAndRepo != null ? ownerAndRepo : RepoUrls.ownerAndName(repoURL);
        if (repo == null || !repo.matches("[^/\\s]+/[^/\\s]+")) {
            throw RhoaiException.invalid("cannot tell the GitHub owner/repository from " + RepoUrls.display(repoURL),
                    "pass --github-repo OWNER/NAME");
        }
        if (token == null) {
            throw RhoaiException.invalid("opening a GitHub pull request needs a token",
                    "pass --git-token-file <file> or set GIT_TOKEN (or GIT_TOKEN_FILE); or --no-pr to push the branch only");
        }
        URI api;
        try {
            api = URI.create(apiUrl == null || apiUrl.isBlank() ? GitHubForge.DEFAULT_API : apiUrl.strip());
        } catch (IllegalArgumentException e) {
            throw RhoaiException.invalid(API_URL_ENV + ": '" + apiUrl + "' is not a URL", "set it to e.g. https://github.example.com/api/v3");
        }
        return new GitHubForge(api, repo, token, timeout);
    }
}
