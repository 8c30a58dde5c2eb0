package io.rhoai.certs.install;

import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.kube.Applier.DryRun;

import java.time.Duration;

/**
 * What {@code rhoai certs install} (and {@code certs renew}) asks for: put {@code certificate} on the router
 * ({@code ingress}) and/or the API server ({@code apiServer}) of cluster {@code clusterName}.{@code baseDomain}.
 * {@code timeout} bounds the whole run, rollouts and wire checks included.
 */
public record InstallRequest(String profileName, String clusterName, String baseDomain, StoredCertificate certificate,
        boolean ingress, boolean apiServer, Duration timeout, DryRun dryRun, boolean verifyOnWire) { }
