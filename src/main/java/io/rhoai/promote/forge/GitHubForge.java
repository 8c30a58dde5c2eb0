package io.rhoai.promote.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.Causes;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * GitHub's REST API for pull requests ({@code POST /repos/{owner}/{repo}/pulls}). The base URL is configurable
 * (GitHub Enterprise, tests); the token is sent only in the Authorization header and never appears in messages.
 */
public final class GitHubForge implements Forge {
    public static final String DEFAULT_API = "https://api.github.com";

    private final URI api;
    private final String ownerAndRepo;
    private final Secret token;
    private final Duration timeout;
    private final HttpClient http;

    public GitHubForge(URI api, String ownerAndRepo, Secret token, Duration timeout) {
        this.api = URI.create(api.toString().replaceAll("/+$", "") + "/");
        this.ownerAndRepo = ownerAndRepo;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String name() {
        return "GitHub";
    }

    @Override
    public PullRequest openPullRequest(PullRequestDraft draft) {
        ObjectNode body = Mappers.json().createObjectNode()
                .put("title", draft.title()).put("head", draft.head()).put("base", draft.base()).put("body", draft.body())
                .put("maintainer_can_modify", true);
        HttpResponse<String> r = send(request("repos/" + ownerAndRepo + "/pulls")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).header("Content-Type", "application/json").build());
        int code = r.statusCode();
        if (code == 201 || code == 200) {
            JsonNode pr = pullRequest(r, "open a pull request");
            return new PullRequest(pr.path("html_url").asText(), pr.path("number").asInt(), true, draft.title());
        }
        if (code == 422 && alreadyExists(json(r))) {
            PullRequest existing = findOpen(draft);
            if (existing != null) return existing;
        }
        throw failure(code, json(r), "open a pull request from " + draft.head() + " into " + draft.base());
    }

    private PullRequest findOpen(PullRequestDraft draft) {
        String owner = ownerAndRepo.substring(0, ownerAndRepo.indexOf('/'));
        String query = "?state=open&head=" + enc(owner + ":" + draft.head()) + "&base=" + enc(draft.base());
        HttpResponse<String> r = send(request("repos/" + ownerAndRepo + "/pulls" + query).GET().build());
        if (r.statusCode() != 200) throw failure(r.statusCode(), json(r), "look up the existing pull request");
        JsonNode list = json(r);
        if (!list.isArray() || list.isEmpty()) return null;
        JsonNode pr = list.get(0);
        if (!pr.path("html_url").isTextual() || !pr.path("number").canConvertToInt()) throw notGitHub("look up the existing pull request", "a list without pull requests");
        return new PullRequest(pr.path("html_url").asText(), pr.path("number").asInt(), false, pr.path("title").asText(draft.title()));
    }

    /** The pull request GitHub answered with; anything without its URL and number is not GitHub speaking. */
    private JsonNode pullRequest(HttpResponse<String> r, String what) {
        JsonNode pr = json(r);
        if (!pr.path("html_url").isTextual() || !pr.path("number").canConvertToInt()) {
            String type = r.headers().firstValue("Content-Type").orElse("no content type");
            throw notGitHub(what, "HTTP " + r.statusCode() + " with " + (pr.isEmpty() ? "a body that is not JSON" : "JSON that is no pull request")
                    + " (" + type + ")");
        }
        return pr;
    }

    private RhoaiException notGitHub(String what, String cause) {
        return new RhoaiException(ErrorKind.REMOTE, "the GitHub API at " + api + " did not answer as GitHub does (trying to " + what + "): " + cause,
                "check RHOAI_GITHUB_API_URL (unset for github.com; https://host/api/v3 for GitHub Enterprise) and that no proxy answers in its place");
    }

    private static boolean alreadyExists(JsonNode error) {
        for (JsonNode e : error.path("errors")) {
            if (e.path("message").asText("").toLowerCase().contains("already exists")) return true;
        }
        return error.path("message").asText("").toLowerCase().contains("already exists");
    }

    private RhoaiException failure(int code, JsonNode error, String what) {
        String message = error.path("message").asText("");
        StringBuilder details = new StringBuilder(message);
        for (JsonNode e : error.path("errors")) {
            String m = e.path("message").asText(e.path("code").asText(""));
            if (!m.isBlank()) details.append(details.length() > 0 ? ": " : "").append(m);
        }
        String shown = details.length() == 0 ? "HTTP " + code : details + " (HTTP " + code + ")";
        return switch (code) {
            case 401 -> new RhoaiException(ErrorKind.REMOTE, "GitHub rejected the token from " + token.origin() + " (" + shown + ")",
                    "pass --git-token-file or set GIT_TOKEN to a valid token with pull-request write access to " + ownerAndRepo);
            case 403 -> new RhoaiException(ErrorKind.REMOTE, "GitHub refused to " + what + " in " + ownerAndRepo + ": " + shown,
                    "the token from " + token.origin() + " needs 'Pull requests: write' (fine-grained) or 'repo' scope");
            case 404 -> new RhoaiException(ErrorKind.INVALID_INPUT, "GitHub has no repository " + ownerAndRepo + " visible to the token ("
                    + shown + ")", "check spec.gitops.repoURL (or --github-repo) and the token's repository access");
            case 422 -> new RhoaiException(ErrorKind.PRECONDITION, "GitHub could not " + what + ": " + shown,
                    "fix what GitHub reports, then re-run; the pushed branch is reused");
            default -> new RhoaiException(ErrorKind.REMOTE, "GitHub could not " + what + ": " + shown,
                    "retry later; re-running is safe");
        };
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).timeout(timeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "rhoai")
                .header("Authorization", "Bearer " + token.reveal());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RhoaiException(ErrorKind.TIMEOUT, "GitHub API " + api + " did not answer within " + timeout.toSeconds() + "s",
                    "retry, or raise --timeout", e);
        } catch (java.net.ProtocolException e) {
            throw notGitHub(request.method() + " " + request.uri().getPath(), "the answer is not HTTP (" + Causes.plain(e) + ")");
        } catch (IOException e) {
            throw RhoaiException.remote("cannot reach the GitHub API at " + api + ": " + e.getMessage(),
                    "check the network (or RHOAI_GITHUB_API_URL)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while calling GitHub", null, e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            JsonNode n = Mappers.json().readTree(r.body() == null ? "" : r.body());
            return n == null ? Mappers.json().createObjectNode() : n;
        } catch (IOException e) {
            return Mappers.json().createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
