package io.rhoai.cli.certs;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.certs.install.FakeOpenShift;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import io.rhoai.testing.acme.AcmeTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai certs renew} end to end: a real Pebble validating DNS-01 through a real BIND9 issues, and the certificate is
 * installed into the simulated OpenShift (mock API server + loopback TLS endpoints standing for router and API server).
 * The three outcomes are told apart by exit code: 0 renewed, 7 not due, anything else failed.
 */
class CertsRenewCommandTest {
    @RegisterExtension
    static final AcmeTestBed bed = AcmeTestBed.baseline();

    static final String PROFILE = "lab";

    @TempDir Path tmp;
    FakeOpenShift cluster;
    Path kubeconfig;
    Path profiles;
    Path state;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new FakeOpenShift("dev", AcmeTestBed.ZONE);
        profiles = cluster.profiles(tmp, PROFILE);
        kubeconfig = cluster.kubeconfig(tmp, List.of(bed.issuingRoot()));   // clients trust the ACME server's root
        state = tmp.resolve("state");
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.close();
    }

    private Cli.Result renew(String... extra) {
        List<String> args = new ArrayList<>(List.of("certs", "renew", "--cluster", PROFILE, "--profiles-dir", profiles.toString(),
                "--kubeconfig", kubeconfig.toString(), "--state-dir", state.toString(),
                "--acme-server", bed.directoryUrl(), "--acme-ca-file", bed.caPem().toString(), "--dns-provider", "rfc2136",
                "--ingress-endpoint", cluster.router.endpoint(), "--api-endpoint", cluster.api.endpoint(), "--timeout", "60s"));
        args.addAll(List.of(extra));
        Cli cli = Cli.cli().env("HOME", tmp.toString());
        bed.rfc2136Env(false).forEach(cli::env);
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void firstRunRenewsAndInstallsSecondRunIsNotDueAndWritesNothing() throws Exception {
        Cli.Result first = renew("-o", "json");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = Mappers.json().readTree(first.stdout());
        assertThat(json.path("outcome").asText()).isEqualTo("renewed");
        StoredCertificate stored = new CertificateStore(state).current(PROFILE).orElseThrow();
        assertThat(stored.names()).containsExactlyInAnyOrder(AcmeTestBed.WILDCARD, AcmeTestBed.API);
        // installed and proven on the wire: both endpoints serve the certificate Pebble issued
        assertThat(cluster.ingressSecretName()).endsWith(stored.version().toLowerCase());
        assertThat(cluster.apiSecretName()).endsWith(stored.version().toLowerCase());
        assertThat(CertsFixture.fingerprint(cluster.router.servedLeaf())).isEqualTo(stored.sha256Fingerprint());
        assertThat(CertsFixture.fingerprint(cluster.api.servedLeaf())).isEqualTo(stored.sha256Fingerprint());
        assertThat(first.all()).doesNotContain("PRIVATE KEY");

        int writes = cluster.rhoaiWrites().size();
        Cli.Result second = renew();
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.NOT_DUE);
        assertThat(second.stdout()).startsWith("not-due: valid for ").contains("served by the cluster");
        assertThat(cluster.rhoaiWrites()).hasSize(writes);
        assertThat(new CertificateStore(state).versions(PROFILE)).hasSize(1);
    }

    @Test
    void renewBeforeLongerThanTheValidityRenewsAgainAndRollsTheClusterToTheNewVersion() {
        assertThat(renew().exitCode()).isZero();
        String firstSecret = cluster.ingressSecretName();

        Cli.Result again = renew("--renew-before", "100d");   // Pebble issues for 90 days: always due
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.OK);
        assertThat(again.stdout()).startsWith("renewed: the stored certificate expires in");
        assertThat(new CertificateStore(state).versions(PROFILE)).hasSize(2);
        assertThat(cluster.ingressSecretName()).isNotEqualTo(firstSecret);
        assertThat(cluster.secret("openshift-ingress", firstSecret)).as("the previous Secret is kept for rollback").isNotNull();
    }

    @Test
    void dryRunOfADueRenewalOrdersNothingAndChangesNothing() throws Exception {
        Cli.Result r = renew("--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.stdout()).startsWith("dry-run: renewed: no certificate stored");
        assertThat(new CertificateStore(state).current(PROFILE)).isEmpty();
        assertThat(cluster.rhoaiWrites()).isEmpty();
    }

    @Test
    void aFailedIssueIsNeitherRenewedNorNotDue() {
        Cli.Result r = renew("--dns-provider", "rfc2136", "--acme-ca-file", tmp.resolve("missing.pem").toString());
        assertThat(r.exitCode()).isNotIn(ExitCodes.OK, ExitCodes.NOT_DUE);
        assertThat(cluster.rhoaiWrites()).isEmpty();
    }
}
