package io.rhoai.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.fleet.FleetFixture;
import io.rhoai.fleet.FleetHub;
import io.rhoai.testing.ApplyingCrudDispatcher.Recorded;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static io.rhoai.testing.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fleet status} against a simulated hub ({@link FleetHub}: the CRUD mock holding the Applications the fleet's
 * ApplicationSets would generate, with chosen statuses; no ApplicationSet controller, no member cluster at all).
 */
class FleetStatusCommandTest {
    static final String SHA = "5bd40fc0123456789abcdef0123456789abcdef0";
    @TempDir Path tmp;

    static void seedHealthy(FleetHub hub, int n, int canaries) {
        for (int i = 1; i <= n; i++) {
            String m = FleetFixture.member(i);
            boolean canary = i <= canaries;
            hub.application(m, canary ? "canary" : "main", canary ? "dev" : "main", "clusters/overlays/" + m, "Synced", "Healthy", SHA);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 50})
    void oneListRequestWhateverTheNumberOfClusters(int n) throws Exception {
        Path profiles = FleetFixture.write(tmp, n, 2);
        try (FleetHub hub = new FleetHub().infrastructure("hub", "rhoai.example.com")) {
            seedHealthy(hub, n, 2);
            Path kubeconfig = hub.kubeconfig(tmp, "hub", null);
            hub.dispatcher.clearRecorded();
            Cli.Result r = cli().run("fleet", "status", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                    "--hub-kubeconfig", kubeconfig.toString(), "-o", "json");
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCodes.OK);
            List<Recorded> requests = hub.dispatcher.requestsFrom("rhoai");
            assertThat(requests).as("requests for " + n + " clusters: the hub's identity, then one list").hasSize(2);
            assertThat(requests.get(0).pathWithoutQuery()).isEqualTo("/apis/config.openshift.io/v1/infrastructures/cluster");
            assertThat(requests.get(1).method()).isEqualTo("GET");
            assertThat(requests.get(1).pathWithoutQuery()).isEqualTo("/apis/argoproj.io/v1alpha1/namespaces/openshift-gitops/applications");
            assertThat(requests.get(1).query("labelSelector")).isEqualTo("rhoai.io/fleet-member");
            JsonNode json = Mappers.json().readTree(r.stdout());
            assertThat(json.path("rows")).hasSize(n);
            assertThat(json.path("needAttention").asInt()).isZero();
            assertThat(json.path("rows").get(0).path("health").asText()).isEqualTo("Healthy");
            assertThat(json.path("rows").get(0).path("revision").asText()).isEqualTo(SHA);
        }
    }

    @Test
    void aDegradedOrDriftedOrMissingClusterIsAttentionExitNineNamingIt() throws Exception {
        Path profiles = FleetFixture.write(tmp, 10, 2);
        try (FleetHub hub = new FleetHub().infrastructure("hub", "rhoai.example.com")) {
            for (int i = 1; i <= 10; i++) {
                String m = FleetFixture.member(i);
                boolean canary = i <= 2;
                if (i == 4) hub.application(m, "main", "main", "clusters/overlays/" + m, "Synced", "Degraded", SHA);
                else if (i == 5) hub.application(m, "main", "dev", "clusters/overlays/" + m, "OutOfSync", "Healthy", SHA);
                else if (i == 6) continue;   // not rendered / not merged yet
                else hub.application(m, canary ? "canary" : "main", canary ? "dev" : "main", "clusters/overlays/" + m, "Synced", "Healthy", SHA);
            }
            hub.application("gone", "main", "main", "clusters/overlays/gone", "Synced", "Healthy", SHA);
            Path kubeconfig = hub.kubeconfig(tmp, "hub", null);
            Cli.Result r = cli().run("fleet", "status", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                    "--hub-kubeconfig", kubeconfig.toString());
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCodes.ATTENTION);
            assertThat(r.stdout()).containsPattern("m004 +main +Synced +Degraded")
                    .containsPattern("m005 +main +OutOfSync +Healthy .*OutOfSync: the cluster differs from git; tracks revision dev, the profile says main")
                    .containsPattern("m006 +main +- +- .*no Application fleet-m006 on the hub")
                    .containsPattern("gone .*no profile gone in the fleet directory")
                    .containsPattern("m001 +canary +Synced +Healthy +5bd40fc01234 +- +- +-");
            assertThat(r.stderr()).contains("4 of 11 cluster(s) need attention");
        }
    }

    @Test
    void statusFleetIsTheHubsViewWithTheSameRowsAndExitCode() throws Exception {
        Path profiles = FleetFixture.write(tmp, 10, 2);
        try (FleetHub hub = new FleetHub().infrastructure("hub", "rhoai.example.com")) {
            for (int i = 1; i <= 10; i++) {
                String m = FleetFixture.member(i);
                boolean canary = i <= 2;
                hub.application(m, canary ? "canary" : "main", canary ? "dev" : "main", "clusters/overlays/" + m, "Synced", i == 3 ? "Degraded" : "Healthy", SHA);
            }
            Path kubeconfig = hub.kubeconfig(tmp, "hub", null);
            hub.dispatcher.clearRecorded();
            Cli.Result r = cli().run("status", "--fleet", "--profiles-dir", profiles.toString(), "--cluster", FleetFixture.HUB,
                    "--kubeconfig", kubeconfig.toString(), "-o", "json");
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCodes.ATTENTION);
            assertThat(hub.dispatcher.requestsFrom("rhoai")).hasSize(2);
            JsonNode json = Mappers.json().readTree(r.stdout());
            assertThat(json.path("rows")).hasSize(10);
            assertThat(json.path("needAttention").asInt()).isEqualTo(1);
            assertThat(r.stderr()).contains("1 of 10 cluster(s) need attention");

            Cli.Result watch = cli().run("status", "--fleet", "--watch", "--profiles-dir", profiles.toString(), "--cluster", FleetFixture.HUB,
                    "--kubeconfig", kubeconfig.toString());
            assertThat(watch.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(watch.stderr()).contains("--watch is for one cluster");
        }
    }

    /** A wrong hub context would show every member as missing (exit 9): the hub's identity is read first, exit 4. */
    @Test
    void aKubeContextThatIsNotTheHubIsRefusedBeforeTheApplicationsAreRead() throws Exception {
        Path profiles = FleetFixture.write(tmp, 3, 1);
        try (FleetHub other = new FleetHub().infrastructure("m001", "rhoai.example.com")) {
            Path kubeconfig = other.kubeconfig(tmp, "other", null);
            Cli.Result r = cli().run("fleet", "status", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                    "--hub-kubeconfig", kubeconfig.toString());
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCodes.PRECONDITION);
            assertThat(r.stderr()).contains("wrong cluster: profile fleet-hub is https://api.hub.rhoai.example.com:6443");
            assertThat(other.dispatcher.requestsFrom("rhoai")).hasSize(1);
        }
    }
}
