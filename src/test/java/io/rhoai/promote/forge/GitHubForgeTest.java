package io.rhoai.promote.forge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** GitHub's pull-request API, served by WireMock with payloads shaped like GitHub's. */
public class GitHubForgeTest {
    static final String TOKEN = "ghp_TestToken0123456789abcdefABCDEF";
    static final String PULLS = "/repos/acme/rhoaibu-cluster/pulls";
    private WireMockServer github;
    private GitHubForge forge;
    private final PullRequestDraft draft = new PullRequestDraft("promote/dev-to-prod-1a2b3c4", "main",
            "Promote rhoaibu-cluster-dev → rhoaibu-cluster-prod (dev@1a2b3c4)", "### Commits (2)\n- `1a2b3c4` bump\n");

    @BeforeEach
    void start() {
        github = new WireMockServer(options().dynamicPort());
        github.start();
        forge = new GitHubForge(URI.create(github.baseUrl()), "acme/rhoaibu-cluster", Secret.of(TOKEN, "env GIT_TOKEN"), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    public static String pullJson(int number, String head) {
        return """
                {"url":"https://api.github.com/repos/acme/rhoaibu-cluster/pulls/%1$d","id":2000%1$d,"number":%1$d,"state":"open",
                 "html_url":"https://github.com/acme/rhoaibu-cluster/pull/%1$d","title":"Promote rhoaibu-cluster-dev → rhoaibu-cluster-prod (dev@1a2b3c4)",
                 "user":{"login":"rhoai-bot","type":"User"},"draft":false,
                 "head":{"label":"acme:%2$s","ref":"%2$s","sha":"1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"},
                 "base":{"label":"acme:main","ref":"main","sha":"9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c"},
                 "created_at":"2026-04-27T10:00:00Z","mergeable_state":"unknown"}
                """.formatted(number, head);
    }

    @Test
    void createsThePullRequestWithTheTokenInTheHeaderOnly() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(pullJson(163, draft.head()))));
        PullRequest pr = forge.openPullRequest(draft);
        assertThat(pr.created()).isTrue();
        assertThat(pr.number()).isEqualTo(163);
        assertThat(pr.url()).isEqualTo("https://github.com/acme/rhoaibu-cluster/pull/163");
        github.verify(postRequestedFor(urlPathEqualTo(PULLS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withRequestBody(equalToJson("""
                        {"title":"%s","head":"promote/dev-to-prod-1a2b3c4","base":"main","body":"${json-unit.any-string}",
                         "maintainer_can_modify":true}""".formatted(draft.title()))));
    }

    @Test
    void anAlreadyOpenPullRequestIsReportedNotDuplicated() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody("""
                {"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom",
                 "message":"A pull request already exists for acme:promote/dev-to-prod-1a2b3c4."}],
                 "documentation_url":"https://docs.github.com/rest/pulls/pulls#create-a-pull-request","status":"422"}""")));
        github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("head", equalTo("acme:promote/dev-to-prod-1a2b3c4"))
                .withQueryParam("base", equalTo("main")).withQueryParam("state", equalTo("open"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("[" + pullJson(161, draft.head()) + "]")));
        PullRequest pr = forge.openPullRequest(draft);
        assertThat(pr.created()).isFalse();
        assertThat(pr.url()).isEqualTo("https://github.com/acme/rhoaibu-cluster/pull/161");
        github.verify(getRequestedFor(urlPathEqualTo(PULLS)));
    }

    @Test
    void badCredentialsNameTheTokenSourceButNeverTheToken() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));
        RhoaiException e = catchThrowableOfType(RhoaiException.class, () -> forge.openPullRequest(draft));
        assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE);
        assertThat(e.getMessage()).isEqualTo("GitHub rejected the token from env GIT_TOKEN (Bad credentials (HTTP 401))");
        assertThat(e.hint()).contains("--git-token-file").contains("GIT_TOKEN");
        assertThat(e.getMessage() + e.hint()).doesNotContain(TOKEN);
    }

    @Test
    void otherValidationErrorsShowGitHubsMessage() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody("""
                {"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom",
                 "message":"No commits between main and promote/dev-to-prod-1a2b3c4"}],
                 "documentation_url":"https://docs.github.com/rest/pulls/pulls#create-a-pull-request","status":"422"}""")));
        RhoaiException e = catchThrowableOfType(RhoaiException.class, () -> forge.openPullRequest(draft));
        assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION);
        assertThat(e.getMessage()).contains("Validation Failed: No commits between main and promote/dev-to-prod-1a2b3c4 (HTTP 422)");
    }

    @Test
    void onlyGitHubRepositoriesGetAForgeUnlessAnApiUrlIsGiven() {
        Secret token = Secret.of(TOKEN, "env GIT_TOKEN");
        assertThat(Forges.create("git@github.com:acme/rhoaibu-cluster.git", null, token, java.util.Map.of(), Duration.ofSeconds(5)))
                .isInstanceOf(GitHubForge.class);
        RhoaiException e = catchThrowableOfType(RhoaiException.class, () ->
                Forges.create("https://gitlab.com/acme/x.git", null, token, java.util.Map.of(), Duration.ofSeconds(5)));
        assertThat(e.getMessage()).contains("only GitHub is supported");
        assertThat(e.hint()).contains("--no-pr");
        RhoaiException noToken = catchThrowableOfType(RhoaiException.class, () ->
                Forges.create("https://github.com/acme/x", null, null, java.util.Map.of(), Duration.ofSeconds(5)));
        assertThat(noToken.hint()).contains("GIT_TOKEN");
    }
}
