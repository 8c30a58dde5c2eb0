package io.rhoai.cli.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import io.rhoai.testing.PlatformFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai bootstrap} end to end on {@link PlatformFixture}: one mock server standing for an installed cluster
 * (SSA ownership modelled, OLM and Argo CD simulated, router and API server rollouts simulated with real TLS handshakes).
 * The certificates stage finds a stored certificate that is not due, so it does not talk ACME (the Pebble tests cover
 * issuing); it installs and verifies on the wire for real. Faults are 403 answers to one stage's first write (not
 * retried, exit 6), injected through FakeOpenShift's interceptor. The applications stage has no fault case here: its
 * failure (an Application Degraded beyond the grace) is GitOpsBootstrapTest's.
 */
class BootstrapCommandTest {
    @TempDir Path tmp;
    PlatformFixture platform;

    @BeforeEach
    void start() throws Exception {
        platform = new PlatformFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
    }

    Cli.Result bootstrap(String profile, String... extra) {
        List<String> a = platform.args("bootstrap", "--cluster", profile, "--timeout", "60s", "--poll-interval", "100ms");
        a.addAll(List.of(extra));
        return platform.cli().run(a.toArray(String[]::new));
    }

    static Map<String, String> outcomes(Cli.Result json) throws Exception {
        JsonNode r = Mappers.json().readTree(json.stdout());
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonNode s : r.path("stages")) m.put(s.path("stage").asText(), s.path("outcome").asText());
        return m;
    }

    @Test
    void fromAnEmptyClusterToDoneThenAReRunWritesNothing() throws Exception {
        long t0 = System.nanoTime();
        Cli.Result first = bootstrap(PlatformFixture.PROFILE, "-o", "json");
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(outcomes(first)).containsExactly(Map.entry("identity", "ok"), Map.entry("gpu-pools", "changed"),
                Map.entry("gitops", "changed"), Map.entry("oauth", "changed"), Map.entry("certificates", "changed"),
                Map.entry("applications", "ok"));
        JsonNode report = Mappers.json().readTree(first.stdout());
        assertThat(report.path("changed").asBoolean()).isTrue();
        assertThat(report.path("next").get(0).asText()).startsWith("rhoai oauth remove-kubeadmin --cluster " + PlatformFixture.PROFILE + " --confirm");
        assertThat(first.all()).doesNotContain("GOCSPX-test-client-secret");
        // the cluster is as the profile says: pools, GitOps, sign-in, the served certificate
        assertThat(platform.cluster.ingressSecretName()).startsWith("rhoai-ingress-");
        assertThat(platform.cluster.rollouts).anyMatch(r -> r.startsWith("router:")).anyMatch(r -> r.startsWith("api:"));
        int firstRequests = platform.cluster.rhoaiRequests.size();
        int firstWrites = platform.cluster.rhoaiWrites().size();

        platform.cluster.rhoaiRequests.clear();
        t0 = System.nanoTime();
        Cli.Result again = bootstrap(PlatformFixture.PROFILE);
        long againMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(platform.cluster.rhoaiWrites()).as("a re-run writes nothing").isEmpty();
        assertThat(again.stdout()).contains("STAGE", "OUTCOME", "DURATION", "DETAIL")
                .containsPattern("gpu-pools\\s+unchanged").containsPattern("gitops\\s+unchanged")
                .containsPattern("oauth\\s+unchanged").containsPattern("certificates\\s+unchanged")
                .contains("nothing changed: every stage was already done");
        int againRequests = platform.cluster.rhoaiRequests.size();
        // bounded: a re-run reads each stage's objects once (no per-object polling); see docs/bootstrap.md
        assertThat(againRequests).isLessThan(80);
        System.out.printf("[bench] bootstrap full: %d requests (%d writes), %d ms; re-run: %d requests, 0 writes, %d ms%n",
                firstRequests, firstWrites, firstMs, againRequests, againMs);
    }

    @Test
    void theWrongClusterIsRefusedWithExit4AndNothingIsWritten() {
        Cli.Result r = bootstrap("wrong-cluster");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("bootstrap stage 'identity' failed: wrong cluster")
                .contains("https://api.prod.example.test:6443").contains("https://api.dev.example.test:6443");
        assertThat(r.stdout()).containsPattern("gpu-pools\\s+not-run");
        assertThat(platform.cluster.rhoaiWrites()).isEmpty();
        assertThat(platform.cluster.rhoaiRequests).hasSize(1);
    }

    @Test
    void aStageTheProfileDoesNotConfigureIsSkippedAndSaysSo() {
        Cli.Result r = bootstrap("bare");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).containsPattern("gpu-pools\\s+skipped \\(not configured\\)\\s+-\\s+the profile has no spec.gpuPools")
                .containsPattern("oauth\\s+skipped \\(not configured\\)").containsPattern("applications\\s+skipped \\(not configured\\)");
        assertThat(platform.cluster.rhoaiWrites()).isEmpty();
    }

    @Test
    void onlyAndSkipAreCheckedWithATypoHint() {
        Cli.Result r = bootstrap(PlatformFixture.PROFILE, "--only", "gitop");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("--only: no stage 'gitop'; did you mean 'gitops'?");
        assertThat(platform.cluster.rhoaiRequests).isEmpty();
        Cli.Result skipped = bootstrap(PlatformFixture.PROFILE, "--only", "gpu-pools", "-o", "json");
        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertThat(skipped.stdout()).contains("\"reason\" : \"not in --only\"");
    }

    @Test
    void aDryRunPlansEveryStageAndWritesNothing() {
        Cli.Result r = bootstrap(PlatformFixture.PROFILE, "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("DRY RUN (client): nothing was written").contains("plan:")
                .contains("gpu-pools: MachineSet").containsPattern("applications\\s+skipped \\(dry run\\)");
        assertThat(platform.cluster.rhoaiWrites()).isEmpty();
        assertThat(platform.cluster.rhoaiRequests.get(0)).contains("/infrastructures/cluster");
    }

    /** A fault at one stage stops the run there (its exit code, later stages not run); the re-run reads and skips the rest. */
    @ParameterizedTest(name = "fault at {0}")
    @CsvSource({
            "gpu-pools, /apis/machine.openshift.io/v1beta1/namespaces/openshift-machine-api/machinesets",
            "gitops, /apis/operators.coreos.com/v1alpha1/namespaces/openshift-gitops-operator/subscriptions",
            "oauth, /apis/config.openshift.io/v1/oauths/cluster",
            "certificates, /api/v1/namespaces/openshift-ingress/secrets"})
    void aFaultAtAStageStopsThereAndTheResumedRunSkipsTheFinishedStages(String stage, String path) throws Exception {
        platform.cluster.interceptor = req -> !"GET".equals(req.getMethod()) && req.getPath().startsWith(path)
                ? new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"injected fault\"}")
                : null;
        Cli.Result failed = bootstrap(PlatformFixture.PROFILE, "-o", "json");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(failed.stderr()).contains("bootstrap stage '" + stage + "' failed");
        Map<String, String> first = outcomes(failed);
        List<String> names = new ArrayList<>(first.keySet());
        int at = names.indexOf(stage);
        assertThat(first.get(stage)).isEqualTo("failed");
        for (String later : names.subList(at + 1, names.size())) assertThat(first.get(later)).as(later).isEqualTo("not-run");

        platform.cluster.interceptor = null;
        platform.cluster.rhoaiRequests.clear();
        Cli.Result resumed = bootstrap(PlatformFixture.PROFILE, "-o", "json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        Map<String, String> second = outcomes(resumed);
        for (String done : names.subList(1, at)) {
            assertThat(second.get(done)).as("finished stage %s is read and skipped", done).isEqualTo("unchanged");
        }
        assertThat(second.get(stage)).isEqualTo("changed");
        assertThat(second.get("applications")).isEqualTo("ok");
    }
}
