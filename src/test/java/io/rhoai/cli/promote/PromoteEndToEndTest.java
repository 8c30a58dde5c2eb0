package io.rhoai.cli.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.promote.SeedRepo;
import io.rhoai.promote.gate.ArgoApplicationGate;
import io.rhoai.promote.gate.ArgoApplicationGateTest;
import io.rhoai.testing.Cli;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole flow through the real CLI: the gate reads Applications from the mock API server through a kubeconfig,
 * the branch is pushed to a real git remote, and the pull request goes to GitHub's API served by WireMock.
 * The token must never show up in stdout, stderr or -o json.
 */
@EnableKubernetesMockClient(crud = true)
class PromoteEndToEndTest {
    static final String TOKEN = "ghp_EndToEndToken9876543210zyxwvuTSRQ";
    static final String PULLS = "/repos/acme/rhoaibu-cluster/pulls";
    KubernetesClient client;
    @TempDir Path tmp;
    private WireMockServer github;
    private SeedRepo seed;
    private Path kubeconfig;
    private ObjectId dev;

    @BeforeEach
    void start() throws Exception {
        github = new WireMockServer(options().dynamicPort());
        github.start();
        seed = SeedRepo.create(tmp.resolve("seed"), SeedRepo.Hotfix.NONE);
        dev = seed.remoteBranch("dev");
        kubeconfig = Files.writeString(tmp.resolve("dev-kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dev
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: dev-admin
                  context: {cluster: dev, user: admin, namespace: default}
                current-context: dev-admin
                users:
                - name: admin
                  user: {token: sha256~mock}
                """.formatted(client.getConfiguration().getMasterUrl()));
        client.genericKubernetesResources(io.rhoai.kube.Kinds.APPLICATION).inNamespace("openshift-gitops").delete();
    }

    @AfterEach
    void stop() {
        github.stop();
        seed.close();
    }

    private void application(String name, String health, String revision) {
        client.genericKubernetesResources(io.rhoai.kube.Kinds.APPLICATION).inNamespace("openshift-gitops")
                .resource(ArgoApplicationGateTest.application(name, seed.repoUrl(), "Synced", health, revision)).create();
    }

    private Cli.Result promote(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("promote", "--from", "dev", "--to", "prod", "--no-render",
                "--profiles-dir", seed.profiles.toString(), "--source-kubeconfig", kubeconfig.toString(),
                "--source-context", "dev-admin", "--github-repo", "acme/rhoaibu-cluster"));
        args.addAll(List.of(extra));
        return Cli.cli().env("GIT_TOKEN", TOKEN).env("RHOAI_GITHUB_API_URL", github.baseUrl()).run(args.toArray(String[]::new));
    }

    @Test
    void gatePassesBranchIsPushedAndThePullRequestCarriesCommitsAppsAndGate() throws Exception {
        application("rhoai-operator", "Healthy", dev.name());
        application("instance-rhoai", "Healthy", dev.name());
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(io.rhoai.promote.forge.GitHubForgeTest.pullJson(163, "promote/dev-to-prod-" + dev.name().substring(0, 7)))));

        Cli.Result r = promote("-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        JsonNode result = Mappers.json().readTree(r.stdout());
        assertThat(result.path("outcome").asText()).isEqualTo("pull-request-created");
        assertThat(result.path("pullRequest").path("url").asText()).isEqualTo("https://github.com/acme/rhoaibu-cluster/pull/163");
        assertThat(result.path("gate").path("status").asText()).isEqualTo("passed");
        assertThat(result.path("gate").path("applications")).hasSize(2);
        assertThat(result.path("promotedSha").asText()).isEqualTo(dev.name());
        assertThat(seed.remoteBranch(result.path("branch").asText())).isNotNull();

        List<LoggedRequest> prs = github.findAll(postRequestedFor(urlPathEqualTo(PULLS)));
        assertThat(prs).hasSize(1);
        JsonNode body = Mappers.json().readTree(prs.get(0).getBodyAsString());
        assertThat(body.path("base").asText()).isEqualTo("main");
        assertThat(body.path("head").asText()).isEqualTo(result.path("branch").asText());
        assertThat(body.path("body").asText()).contains("### Gate").contains("**passed**")
                .contains("| rhoai-operator | Synced | Healthy | `" + dev.name().substring(0, 7) + "` |")
                .contains("rhoai: channel 2.22 -> 2.25").contains("llama-4: bumping to 2.25 after testing")
                .contains("**instance-rhoai** `components/instances/rhoai-instance/overlays/full`")
                .contains("- `components/instances/rhoai-instance/base/servingruntime.yaml`");
        assertThat(r.all()).doesNotContain(TOKEN);
    }

    @Test
    void gateBlocksWhenDevIsNotHealthyAtThePromotedShaAndNothingIsPushed() throws Exception {
        application("rhoai-operator", "Healthy", seed.docsCommit.name());
        application("instance-rhoai", "Degraded", dev.name());
        Cli.Result r = promote();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("error: gate failed: 2 of 2 Applications are not Synced and Healthy at " + dev.name().substring(0, 7))
                .contains("--skip-gate");
        assertThat(r.stdout()).contains("GATE: failed").contains("health Degraded")
                .contains("at " + seed.docsCommit.name().substring(0, 7) + ", not " + dev.name().substring(0, 7));
        assertThat(seed.git.getRepository().getRefDatabase().getRefsByPrefix("refs/remotes/origin/promote/")).isEmpty();
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    /** The GitHub API URL answered by something that is not GitHub: exit 6, one line naming the API, no token, no raw bytes. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(io.rhoai.testing.GarblingPeer.Answer.class)
    void aGitHubApiThatDoesNotSpeakGitHubIsARemoteFailureNamingIt(io.rhoai.testing.GarblingPeer.Answer answer) {
        application("rhoai-operator", "Healthy", dev.name());
        application("instance-rhoai", "Healthy", dev.name());
        try (io.rhoai.testing.GarblingPeer peer = new io.rhoai.testing.GarblingPeer(answer)) {
            List<String> args = List.of("promote", "--from", "dev", "--to", "prod", "--no-render",
                    "--profiles-dir", seed.profiles.toString(), "--source-kubeconfig", kubeconfig.toString(),
                    "--source-context", "dev-admin", "--github-repo", "acme/rhoaibu-cluster");
            Cli.Result r = Cli.cli().env("GIT_TOKEN", TOKEN).env("RHOAI_GITHUB_API_URL", peer.url("http")).run(args.toArray(String[]::new));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
            List<String> errors = r.stderr().lines().filter(l -> l.startsWith("error:")).toList();
            assertThat(errors).as(r.toString()).hasSize(1);
            assertThat(errors.get(0)).as(r.toString()).contains("GitHub API at " + peer.url("http")).doesNotContain("Exception:");
            assertThat(r.stderr()).doesNotContain("\tat ", "\u001b", "\u202e");
            assertThat(r.all()).doesNotContain(TOKEN);
        }
    }

    @Test
    void rejectedTokenIsAClearRemoteErrorAndTheTokenNeverShows() {
        application("rhoai-operator", "Healthy", dev.name());
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));
        Cli.Result r = promote("-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("is pushed, but the pull request failed: GitHub rejected the token from env GIT_TOKEN");
        assertThat(r.all()).doesNotContain(TOKEN);
        // re-running after fixing the token reuses the pushed branch
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(io.rhoai.promote.forge.GitHubForgeTest.pullJson(170, "x"))));
        Cli.Result again = promote();
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.OK);
        assertThat(again.stdout()).contains("(already on the remote)").contains("PULL REQUEST: https://github.com/acme/rhoaibu-cluster/pull/170 (opened)");
        assertThat(again.all()).doesNotContain(TOKEN);
    }

    @Test
    void dryRunRunsTheGateButPushesNothingOpensNothingAndNeverShowsTheToken() throws Exception {
        application("rhoai-operator", "Healthy", dev.name());
        Cli.Result r = promote("--dry-run", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        JsonNode result = Mappers.json().readTree(r.stdout());
        assertThat(result.path("outcome").asText()).isEqualTo("dry-run");
        assertThat(result.path("gate").path("status").asText()).isEqualTo("passed");
        assertThat(result.path("pullRequestBody").asText()).contains("### Commits (2)");
        assertThat(seed.git.getRepository().getRefDatabase().getRefsByPrefix("refs/remotes/origin/promote/")).isEmpty();
        assertThat(github.getAllServeEvents()).isEmpty();
        assertThat(r.all()).doesNotContain(TOKEN);
    }

    @Test
    void httpsTokenGoesOnlyInTheAuthorizationHeaderAndARefusalNamesItsSource() {
        // a git remote over HTTP on localhost that refuses every request
        github.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"GitHub\"")));
        String url = github.baseUrl() + "/acme/rhoaibu-cluster.git";
        seed.writeProfile("rhoaibu-cluster-dev", url, "dev", "branch");
        seed.writeProfile("rhoaibu-cluster-prod", url, "main", "branch");
        Cli.Result r = promote("--skip-gate", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("error: git fetch to " + url + ": access denied with the token from env GIT_TOKEN")
                .contains("hint: pass --git-token-file or set GIT_TOKEN");
        assertThat(r.all()).doesNotContain(TOKEN);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(github.getAllServeEvents()).anySatisfy(e ->
                assertThat(e.getRequest().getHeader("Authorization")).isEqualTo(basic));
    }
}
