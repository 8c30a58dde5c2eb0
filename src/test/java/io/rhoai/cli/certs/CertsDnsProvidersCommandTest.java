package io.rhoai.cli.certs;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertsDnsProvidersCommandTest {
    @Test
    void listsEveryProviderWithItsVariablesAsTextAndJson() throws Exception {
        Cli.Result text = Cli.cli().run("certs", "dns-providers");
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).contains("route53 —").contains("rfc2136 —").contains("manual —")
                .contains("AWS_ENDPOINT_URL_ROUTE53").contains("RFC2136_TSIG_SECRET").contains("RFC2136_NAMESERVER");

        Cli.Result json = Cli.cli().run("certs", "dns-providers", "-o", "json");
        JsonNode list = Mappers.json().readTree(json.stdout());
        assertThat(list).extracting(n -> n.path("name").asText()).containsExactly("route53", "rfc2136", "manual");
        JsonNode secret = list.get(1).path("env").get(2);
        assertThat(secret.path("name").asText()).isEqualTo("RFC2136_TSIG_SECRET");
        assertThat(secret.path("secret").asBoolean()).isTrue();
        assertThat(secret.path("required").asBoolean()).isTrue();
    }

    @Test
    void everyCertsCommandHasExamples() {
        for (String sub : new String[] {"issue", "dns-providers"}) {
            assertThat(Cli.cli().run("certs", sub, "--help").stdout()).as(sub).contains("Examples:");
        }
        assertThat(Cli.cli().run("certs", "--help").stdout()).contains("Examples:");
    }

    @Test
    void stagingAndAnotherServerContradict() {
        Cli.Result r = Cli.cli().run("certs", "issue", "--domain", "api.example.com", "--staging", "--acme-server", "letsencrypt",
                "--dns-provider", "manual", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("--staging and --acme-server letsencrypt contradict");
    }

    @Test
    void stagingDryRunPlansAgainstStagingWithItsOwnAccountKey() {
        Cli.Result r = Cli.cli().env("RHOAI_STATE_DIR", "/nonexistent/state")
                .run("certs", "issue", "--domain", "api.example.com", "--staging", "--dns-provider", "manual", "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("https://acme-staging-v02.api.letsencrypt.org/directory")
                .contains("/nonexistent/state/acme/acme-staging-v02.api.letsencrypt.org/account.key");
    }
}
