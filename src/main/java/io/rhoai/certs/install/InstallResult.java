package io.rhoai.certs.install;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an install or rollback did, per target. {@code outcome} is {@code created} (new Secret and the target now points
 * at it), {@code configured} (the target now points at an existing Secret) or {@code unchanged}; a dry run reports
 * the outcome the real run would have, with {@code dryRun: true}. Never holds key material.
 */
@RegisterForReflection
public record InstallResult(String operation, String profileName, String clusterName, String certificateVersion,
        String sha256Fingerprint, Instant notAfter, boolean dryRun, List<TargetResult> targets, List<String> plan,
        Duration elapsed) {

    /** True when the run changed something in the cluster (never for a dry-run). */
    @JsonIgnore
    public boolean changed() {
        return !dryRun && targets.stream().anyMatch(t -> t.outcome() != Outcome.UNCHANGED);
    }

    /**
     * @param target         ingress | api
     * @param host           the name clients use (SNI), e.g. api.dev.example.com
     * @param reference      the object pointing at the Secret, e.g. IngressController openshift-ingress-operator/default
     * @param secretName     the Secret the target points at now (null: the cluster's default certificate)
     * @param previousSecret the Secret it pointed at before this run (null: the cluster's default certificate)
     * @param rollout        what was awaited and how it ended, or why it was not awaited
     */
    @RegisterForReflection
    public record TargetResult(String target, String host, String reference, String secretNamespace, String secretName,
            String previousSecret, Outcome outcome, String rollout, WireCheck wireCheck) { }

    /**
     * The handshake that proved which certificate is served. {@code expectedFingerprint} null means "anything but
     * {@code notFingerprint}" (a rollback to the cluster's own default certificate, which rhoai does not know).
     */
    @RegisterForReflection
    public record WireCheck(String endpoint, String sni, boolean matches, String expectedFingerprint, String notFingerprint,
            String servedFingerprint, String servedIssuer, Instant servedNotAfter, int attempts) { }
}
