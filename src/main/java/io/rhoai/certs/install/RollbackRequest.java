package io.rhoai.certs.install;

import io.rhoai.kube.Applier.DryRun;

import java.time.Duration;

/**
 * Undo the latest {@code certs install}: point each selected target back at the Secret it used before
 * ({@code toVersion} null), or at the Secret rhoai created for {@code toVersion}.
 */
public record RollbackRequest(String profileName, String clusterName, String baseDomain, String toVersion,
        boolean ingress, boolean apiServer, Duration timeout, DryRun dryRun, boolean verifyOnWire) { }
