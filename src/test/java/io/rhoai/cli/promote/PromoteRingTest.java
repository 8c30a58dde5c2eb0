package io.rhoai.cli.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.fleet.FleetHub;
import io.rhoai.promote.SeedRepo;
import io.rhoai.testing.Cli;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ring promotion: {@code promote --from ring:canary --to ring:main} on a real repository (SeedRepo: a bare remote and a
 * clone in temp dirs), a fleet of 10 profiles (5 canary on branch dev, 5 main on branch main), a simulated hub
 * ({@link FleetHub}: CRUD mock + ApplyingCrudDispatcher holding the 10 generated Applications with their statuses) read
 * through --source-kubeconfig, and GitHub's API served by WireMock.
 */
class PromoteRingTest {
    static final String TOKEN = "ghp_RingPromotionToken0123456789abcdefXYZ";
    static final String PULLS = "/repos/acme/rhoaibu-cluster/pulls";
    @TempDir Path tmp;
    SeedRepo seed;
    FleetHub hub;
    WireMockServer github;
    Path kubeconfig;
    ObjectId dev;

    @BeforeEach
    void start() throws Exception {
        seed = SeedRepo.create(tmp.resolve("seed"), SeedRepo.Hotfix.NONE);
        dev = seed.remoteBranch("dev");
        try (Stream<Path> files = Files.list(seed.profiles)) {
            for (Path p : files.toList()) Files.delete(p);
        }
        for (int i = 1; i <= 10; i++) {
            boolean canary = i <= 5;
            ring(member(i), canary ? "canary" : "main", canary ? "dev" : "main");
        }
        hub = new FleetHub();
        kubeconfig = hub.kubeconfig(tmp, "hub", null);
        github = new WireMockServer(options().dynamicPort());
        github.start();
    }

    @AfterEach
    void stop() {
        github.stop();
        hub.close();
        seed.close();
    }

    static String member(int i) {
        return "c%02d".formatted(i);
    }

    void ring(String name, String ring, String revision) throws Exception {
        Files.writeString(seed.profiles.resolve(name + ".yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: %s
                  labels:
                    ring: %s
                spec:
                  cluster:
                    name: %s
                    baseDomain: example.com
                  gitops:
                    repoURL: %s
                    revision: %s
                    overlayPath: clusters/overlays/%s
                    promotion: branch
                """.formatted(name, ring, name, seed.repoUrl(), revision, ring.equals("canary") ? "rhoaibu-cluster-dev" : "rhoaibu-cluster-prod"));
    }

    void applications(String degraded) {
        for (int i = 1; i <= 10; i++) {
            boolean canary = i <= 5;
            String m = member(i);
            hub.application(m, canary ? "canary" : "main", seed.repoUrl(), canary ? "dev" : "main",
                    "clusters/overlays/" + (canary ? "rhoaibu-cluster-dev" : "rhoaibu-cluster-prod"), "Synced",
                    m.equals(degraded) ? "Degraded" : "Healthy", canary ? dev.name() : seed.remoteBranch("main").name());
        }
    }

    Cli.Result promote(String... extra) {
        List<String> args = new ArrayList<>(List.of("promote", "--from", "ring:canary", "--to", "ring:main", "--no-render",
                "--profiles-dir", seed.profiles.toString(), "--source-kubeconfig", kubeconfig.toString(),
                "--source-context", "hub", "--github-repo", "acme/rhoaibu-cluster"));
        args.addAll(List.of(extra));
        return Cli.cli().env("GIT_TOKEN", TOKEN).env("RHOAI_GITHUB_API_URL", github.baseUrl()).run(args.toArray(String[]::new));
    }

    @Test
    void oneDegradedCanaryRefusesNamingItAndNothingIsPushed() throws Exception {
        applications("c03");
        hub.dispatcher.clearRecorded();
        Cli.Result r = promote();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("error: gate failed: 1 of 5 Applications are not Synced and Healthy at " + dev.name().substring(0, 7));
        assertThat(r.stdout()).contains("fleet-c03").contains("health Degraded").doesNotContain("fleet-c06");
        assertThat(hub.dispatcher.requestsFrom("rhoai")).as("the hub is read in one list request").hasSize(1);
        assertThat(hub.dispatcher.requestsFrom("rhoai").get(0).query("labelSelector")).isEqualTo("rhoai.io/ring=canary");
        assertThat(seed.git.getRepository().getRefDatabase().getRefsByPrefix("refs/remotes/origin/promote/")).isEmpty();
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    @Test
    void allCanariesHealthyAtTheRevisionOpenOnePullRequestForTheMainRing() throws Exception {
        applications(null);
        String branch = "promote/canary-to-main-" + dev.name().substring(0, 7);
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(io.rhoai.promote.forge.GitHubForgeTest.pullJson(171, branch))));
        Cli.Result r = promote("-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        JsonNode result = Mappers.json().readTree(r.stdout());
        assertThat(result.path("branch").asText()).isEqualTo(branch);
        assertThat(result.path("promotedSha").asText()).isEqualTo(dev.name());
        assertThat(result.path("gate").path("status").asText()).isEqualTo("passed");
        assertThat(result.path("gate").path("applications")).extracting(a -> a.path("name").asText())
                .containsExactly("fleet-c01", "fleet-c02", "fleet-c03", "fleet-c04", "fleet-c05");
        List<LoggedRequest> prs = github.findAll(postRequestedFor(urlPathEqualTo(PULLS)));
        assertThat(prs).hasSize(1);
        JsonNode body = Mappers.json().readTree(prs.get(0).getBodyAsString());
        assertThat(body.path("base").asText()).isEqualTo("main");
        assertThat(body.path("head").asText()).isEqualTo(branch);
        assertThat(seed.remoteBranch(branch)).isNotNull();
        assertThat(r.all()).doesNotContain(TOKEN);
    }

    @Test
    void planWorksFromGitAloneAndARingWithTwoRevisionsIsRefused() throws Exception {
        Cli.Result plan = Cli.cli().run("promote", "plan", "--from", "ring:canary", "--to", "ring:main", "--no-render",
                "--profiles-dir", seed.profiles.toString(), "-o", "json");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
        assertThat(Mappers.json().readTree(plan.stdout()).path("commits")).hasSize(2);

        ring("c04", "canary", "main");
        Cli.Result mixed = Cli.cli().run("promote", "plan", "--from", "ring:canary", "--to", "ring:main", "--no-render",
                "--profiles-dir", seed.profiles.toString());
        assertThat(mixed.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(mixed.stderr()).contains("error: --from: the members of ring canary track different revisions").contains("hint:");
        Cli.Result unknown = Cli.cli().run("promote", "plan", "--from", "ring:blue", "--to", "ring:main", "--profiles-dir", seed.profiles.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.stderr()).contains("--from: 'blue' is not a ring");
    }
}
