package io.rhoai.certs.renew;

import io.rhoai.certs.acme.IssueRequest;
import io.rhoai.kube.Applier.DryRun;

import java.time.Duration;

/**
 * {@code rhoai certs renew}: issue when the stored certificate is missing or within {@code renewBefore} of expiry
 * (or {@code force}), then make the cluster serve the current certificate ({@code install}; the installer is idempotent,
 * so a cluster already serving it sees no write). {@code issue.dryRun} plans the issue without ordering; {@code dryRun}
 * is the install's mode (client: plan only; server: the API server validates the writes). {@code issue.timeout} is the
 * whole run's budget.
 */
public record RenewRequest(IssueRequest issue, Duration renewBefore, boolean force, boolean install,
        String clusterName, String baseDomain, boolean ingress, boolean apiServer, boolean verifyOnWire, DryRun dryRun) { }
