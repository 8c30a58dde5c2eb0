package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthStatusReaderTest extends OpenShiftMockTest {

    @Test
    void showsProvidersTheirSecretsAdminsAndKubeadmin() {
        OAuthFixtures.seedOAuth(mock);   // htpass-secret exists, github-secret does not
        mock.clusterOperator("True", "False", "2026-01-01T00:00:00Z");
        mock.kubeadmin();
        assertThat(Cli.cli().run("oauth", "grant-admin", "--user", "jane@redhat.com", "--kubeconfig", kubeconfig.toString()).exitCode()).isZero();

        Cli.Result json = Cli.cli().run("oauth", "status", "--kubeconfig", kubeconfig.toString(), "-o", "json");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode s = OpenShiftMock.json(json.stdout());
        assertThat(s.path("providers")).hasSize(2);
        assertThat(s.path("providers").get(0).path("name").asText()).isEqualTo("RHOAI-Test-Users");
        assertThat(s.path("providers").get(0).path("type").asText()).isEqualTo("HTPasswd");
        assertThat(s.path("providers").get(0).path("secret").asText()).isEqualTo("htpass-secret");
        assertThat(s.path("providers").get(0).path("secretPresent").asBoolean()).isTrue();
        assertThat(s.path("providers").get(1).path("secret").asText()).isEqualTo("github-secret");
        assertThat(s.path("providers").get(1).path("secretPresent").asBoolean()).isFalse();
        assertThat(s.path("admins").get(0).path("binding").asText()).isEqualTo("rhoai-cluster-admins");
        assertThat(s.path("admins").get(0).path("subjects").get(0).asText()).isEqualTo("User:jane@redhat.com");
        assertThat(s.path("admins").get(0).path("managedByRhoai").asBoolean()).isTrue();
        assertThat(s.path("kubeadminPresent").asBoolean()).isTrue();
        assertThat(s.path("authentication").path("available").asText()).isEqualTo("True");

        Cli.Result text = Cli.cli().run("oauth", "status", "--kubeconfig", kubeconfig.toString());
        assertThat(text.stdout()).containsPattern("RHOAI-Test-Users\\s+HTPasswd\\s+claim\\s+htpass-secret\\s+yes")
                .containsPattern("hand-added-github\\s+GitHub\\s+lookup\\s+github-secret\\s+NO")
                .containsPattern("rhoai-cluster-admins\\s+yes\\s+User:jane@redhat.com")
                .contains("kubeadmin: present");
    }

    @Test
    void everyOAuthCommandHasHelpWithExamples() {
        for (String sub : new String[] {"google", "grant-admin", "remove-kubeadmin", "status"}) {
            Cli.Result r = Cli.cli().run("oauth", sub, "--help");
            assertThat(r.exitCode()).as(sub).isZero();
            assertThat(r.stdout()).as(sub).contains("Usage: rhoai oauth " + sub).contains("Examples:");
        }
        assertThat(Cli.cli().run("oauth", "--help").stdout()).contains("remove-kubeadmin").contains("docs/oauth.md");
    }

    @Test
    void aFreshClusterHasNoProvidersAndKubeadminGone() {
        Cli.Result text = Cli.cli().run("oauth", "status", "--kubeconfig", kubeconfig.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).contains("no identity providers configured").contains("kubeadmin: removed")
                .contains("authentication operator: ClusterOperator authentication not found");
    }
}
