package io.rhoai.certs.renew;

import io.rhoai.certs.acme.IssueRequest;
import io.rhoai.certs.acme.IssueResult;
import io.rhoai.certs.install.InstallRequest;
import io.rhoai.certs.install.InstallResult;
import io.rhoai.certs.install.TestPki;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Applier.DryRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The renewal decision: when to issue, when only to install, when nothing is due. Issuer and installer are recorded fakes. */
class CertificateRenewerTest {
    static final String PROFILE = "lab";
    static final List<String> NAMES = List.of("*.apps.dev.example.test", "api.dev.example.test");

    @TempDir Path state;
    final TestPki pki = new TestPki("Test Root X1", "Test R11");
    final List<IssueRequest> issued = new ArrayList<>();
    final List<InstallRequest> installs = new ArrayList<>();

    /** A stored certificate that expires {@code daysLeft} from now (issued 90 - daysLeft days ago is not needed: validity is what counts). */
    private StoredCertificate store(int daysLeft, String... names) {
        TestPki.Issued c = pki.issue(Duration.ofDays(daysLeft), names.length == 0 ? NAMES.toArray(String[]::new) : names);
        return new CertificateStore(state).save(PROFILE, c.chain(), c.key());
    }

    private BiFunction<IssueRequest, Deadline, IssueResult> issuer() {
        return (req, deadline) -> {
            issued.add(req);
            StoredCertificate c = req.dryRun() ? null : store(90);
            return new IssueResult(PROFILE, req.domains(), c, req.dryRun(), "pebble", "https://acme/acct/1", Duration.ofSeconds(1), List.of());
        };
    }

    private Function<InstallRequest, InstallResult> installer(Outcome outcome) {
        return req -> {
            installs.add(req);
            var target = new InstallResult.TargetResult("ingress", "x.apps.dev.example.test", "IngressController", "openshift-ingress",
                    "rhoai-ingress-" + req.certificate().version(), null, outcome, "done", null);
            return new InstallResult("install", PROFILE, "dev", req.certificate().version(), "ab", req.certificate().notAfter(),
                    req.dryRun().isDryRun(), List.of(target), List.of(), Duration.ZERO);
        };
    }

    private RenewResult renew(Function<InstallRequest, InstallResult> installer, boolean dryRun, boolean force) {
        IssueRequest issue = new IssueRequest(PROFILE, NAMES, "pebble", null, null, null, "rfc2136", Map.of(), state,
                Duration.ofMinutes(1), dryRun, null, null);
        RenewRequest request = new RenewRequest(issue, Duration.ofDays(30), force, installer != null, "dev", "example.test", true, true, true, dryRun ? DryRun.CLIENT : DryRun.NONE);
        return new CertificateRenewer(issuer(), installer, Progress.NONE, Clock.systemUTC()).renew(request);
    }

    @Test
    void nothingStoredIssuesAndInstallsTheNewCertificate() {
        RenewResult r = renew(installer(Outcome.CREATED), false, false);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(r.reason()).contains("no certificate stored");
        assertThat(issued).hasSize(1);
        assertThat(installs).singleElement().extracting(i -> i.certificate().version())
                .isEqualTo(new CertificateStore(state).current(PROFILE).orElseThrow().version());
    }

    @Test
    void aFreshCertificateTheClusterAlreadyServesIsNotDueAndNothingIsIssued() {
        store(60);
        RenewResult r = renew(installer(Outcome.UNCHANGED), false, false);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.NOT_DUE);
        assertThat(r.daysLeft()).isBetween(59L, 60L);
        assertThat(r.reason()).contains("served by the cluster");
        assertThat(issued).isEmpty();
        assertThat(installs).hasSize(1);   // asked, and the installer found nothing to change
    }

    @Test
    void aFreshCertificateTheClusterDoesNotServeIsInstalledWithoutIssuing() {
        // the seed's failure: issued in time, never put in place
        StoredCertificate fresh = store(60);
        RenewResult r = renew(installer(Outcome.CONFIGURED), false, false);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.INSTALLED);
        assertThat(issued).isEmpty();
        assertThat(installs).singleElement().extracting(i -> i.certificate().version()).isEqualTo(fresh.version());
    }

    @Test
    void aCertificateWithinRenewBeforeIsRenewedAndTheNewOneInstalled() {
        StoredCertificate old = store(20);
        RenewResult r = renew(installer(Outcome.CONFIGURED), false, false);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(r.reason()).contains("expires in").contains("within --renew-before 30 days");
        assertThat(installs).singleElement().extracting(i -> i.certificate().version()).isNotEqualTo(old.version());
    }

    @Test
    void aStoredCertificateMissingANameIsRenewed() {
        store(80, "api.dev.example.test");
        RenewResult r = renew(null, false, false);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(r.reason()).contains("does not cover");
    }

    @Test
    void forceRenewsAFreshCertificate() {
        store(80);
        assertThat(renew(null, false, true).outcome()).isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(issued).hasSize(1);
    }

    @Test
    void withoutInstallAFreshStoredCertificateIsNotDue() {
        store(80);
        RenewResult r = renew(null, false, false);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.NOT_DUE);
        assertThat(r.reason()).doesNotContain("served");
    }

    @Test
    void dryRunPlansTheIssueAndInstallsNothing() {
        store(10);
        RenewResult r = renew(installer(Outcome.CONFIGURED), true, false);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(r.dryRun()).isTrue();
        assertThat(issued).singleElement().extracting(IssueRequest::dryRun).isEqualTo(true);
        assertThat(installs).allMatch(i -> i.dryRun().isDryRun());
        assertThat(new CertificateStore(state).versions(PROFILE)).hasSize(1);   // nothing new stored
    }

    @Test
    void anExpiredCertificateSaysSo() {
        TestPki.Issued c = pki.issue(Duration.ofDays(1), NAMES.toArray(String[]::new));
        new CertificateStore(state).save(PROFILE, c.chain(), c.key());
        IssueRequest issue = new IssueRequest(PROFILE, NAMES, "pebble", null, null, null, "rfc2136", Map.of(), state,
                Duration.ofMinutes(1), false, null, null);
        Clock inThreeDays = Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);
        RenewResult r = new CertificateRenewer(issuer(), null, Progress.NONE, inThreeDays)
                .renew(new RenewRequest(issue, Duration.ofDays(30), false, false, "dev", "example.test", true, true, true, DryRun.NONE));
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(r.reason()).contains("expired on");
    }
}
