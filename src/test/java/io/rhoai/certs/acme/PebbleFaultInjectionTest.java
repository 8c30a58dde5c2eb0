package io.rhoai.certs.acme;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import io.rhoai.testing.acme.AcmeTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pebble rejecting 30 % of good nonces (badNonce), sleeping up to 2 s before each validation and never reusing an
 * authorization: issuance must still succeed every time (a retry does it), and leave no challenge record behind.
 */
class PebbleFaultInjectionTest {
    @RegisterExtension
    static final AcmeTestBed bed = AcmeTestBed.faults(30, 2);

    @TempDir Path state;

    @Test
    void issuesTheWildcardAndApiPairThreeTimesInARowDespiteRejectedNoncesAndSlowValidation() throws Exception {
        String version = null;
        for (int round = 1; round <= 3; round++) {
            Cli cli = Cli.cli();
            bed.rfc2136Env(false).forEach(cli::env);
            Cli.Result r = cli.run("certs", "issue", "--acme-server", bed.directoryUrl(), "--acme-ca-file", bed.caPem().toString(),
                    "--state-dir", state.toString(), "--timeout", "90s", "--dns-provider", "rfc2136",
                    "--domain", AcmeTestBed.WILDCARD, "--domain", AcmeTestBed.API, "-o", "json", "-v");
            assertThat(r.exitCode()).as("round " + round + ": " + r).isZero();
            JsonNode json = Mappers.json().readTree(r.stdout());
            assertThat(json.path("certificate").path("version").asText()).isNotEqualTo(version);
            version = json.path("certificate").path("version").asText();
            PebbleIssueTest.assertVerifiesTo(PebbleIssueTest.readChain(
                    new CertificateStore(state).current("wildcard.apps.dev.example.test").orElseThrow().fullchainPem()), bed.issuingRoot());
            assertThat(bed.challengeRecords()).as("round " + round).isEmpty();
        }
    }
}
