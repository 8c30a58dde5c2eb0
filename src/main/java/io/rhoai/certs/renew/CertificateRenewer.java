package io.rhoai.certs.renew;

import io.rhoai.certs.acme.IssueRequest;
import io.rhoai.certs.acme.IssueResult;
import io.rhoai.certs.install.InstallRequest;
import io.rhoai.certs.install.InstallResult;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.time.Deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Renewal as one decision and two idempotent steps: issue when due, then install. The installer compares what the
 * cluster points at with the certificate it is given, so "not due" is decided by both: the stored certificate is fresh
 * AND the cluster already serves it. That closes the gap that expired the seed's production certificate (issued on time,
 * never put in place).
 */
public final class CertificateRenewer {
    private final BiFunction<IssueRequest, Deadline, IssueResult> issuer;
    private final Function<InstallRequest, InstallResult> installer;
    private final Progress progress;
    private final Clock clock;

    /**
     * @param issuer issues within the run's deadline it is given
     * @param installer null when the run must not touch a cluster (--no-install)
     */
    public CertificateRenewer(BiFunction<IssueRequest, Deadline, IssueResult> issuer, Function<InstallRequest, InstallResult> installer,
                              Progress progress, Clock clock) {
        this.issuer = issuer;
        this.installer = installer;
        this.progress = progress;
        this.clock = clock;
    }

    public RenewResult renew(RenewRequest request) {
        IssueRequest issue = request.issue();
        Deadline run = Deadline.in(issue.timeout(), clock);
        String profile = issue.profileName();
        Optional<StoredCertificate> stored = new CertificateStore(issue.stateDir()).current(profile);
        Instant now = clock.instant();
        long renewBeforeDays = request.renewBefore().toDays();

        String reason = dueReason(request, stored, now);
        Instant notAfter = stored.map(StoredCertificate::notAfter).orElse(null);
        Long daysLeft = notAfter == null ? null : Duration.between(now, notAfter).toDays();

        IssueResult issued = null;
        StoredCertificate current = stored.orElse(null);
        if (reason != null) {
            progress.step("Renewal due: " + reason);
            issued = issuer.apply(issue, run);
            if (!issue.dryRun()) current = issued.certificate();
        } else {
            progress.info("Stored certificate " + current.version() + " is valid for " + daysLeft + " more days (renewal from "
                    + renewBeforeDays + " days before expiry)");
        }

        InstallResult installed = null;
        if (installer != null && current != null) {
            // --timeout is the whole run's budget: the install gets what issuing left
            installed = installer.apply(new InstallRequest(profile, request.clusterName(), request.baseDomain(), current,
                    request.ingress(), request.apiServer(), run.remaining(), request.dryRun(), request.verifyOnWire()));
        } else if (installer != null) {
            // dry run with nothing stored yet: there is no certificate to plan an install with
            progress.info("Install: would put the new certificate in place once issued");
        }

        RenewResult.Outcome outcome;
        if (issued != null) {
            outcome = RenewResult.Outcome.RENEWED;
        } else if (installed != null && installed.targets().stream().anyMatch(t -> t.outcome() != Outcome.UNCHANGED)) {
            outcome = RenewResult.Outcome.INSTALLED;
            reason = "the cluster did not serve the current certificate " + current.version();
        } else {
            outcome = RenewResult.Outcome.NOT_DUE;
            reason = "valid for " + daysLeft + " more days" + (installer != null ? " and served by the cluster" : "");
        }
        return new RenewResult(profile, outcome, reason, notAfter, daysLeft, renewBeforeDays, issue.dryRun(), issued, installed);
    }

    private static String dueReason(RenewRequest request, Optional<StoredCertificate> stored, Instant now) {
        if (request.force()) return "--force";
        if (stored.isEmpty()) return "no certificate stored for " + request.issue().profileName();
        StoredCertificate c = stored.get();
        if (!c.names().containsAll(request.issue().domains())) {
            return "the stored certificate " + c.version() + " does not cover " + request.issue().domains();
        }
        Duration left = Duration.between(now, c.notAfter());
        if (left.compareTo(request.renewBefore()) <= 0) {
            return left.isNegative() ? "the stored certificate expired on " + c.notAfter()
                    : "the stored certificate expires in " + left.toDays() + " days (" + c.notAfter() + "), within --renew-before "
                    + request.renewBefore().toDays() + " days";
        }
        return null;
    }
}
