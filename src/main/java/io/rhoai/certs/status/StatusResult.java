package io.rhoai.certs.status;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * Served and stored certificates per endpoint. Every part that could not be looked at is null and named in
 * {@code unreachable}, so a partial answer is never mistaken for a complete one.
 */
@RegisterForReflection
public record StatusResult(String profileName, String clusterName, Instant checkedAt, CertificateView localStore,
        List<EndpointStatus> endpoints, List<String> unreachable) {

    /**
     * @param endpoint      router | api
     * @param host          the name clients use (the router's is a random name under *.apps)
     * @param served        what a TLS handshake returned
     * @param secret        the Secret the cluster points at (null reference: the cluster's default certificate)
     * @param servedMatchesStored served leaf == local store's current certificate (null when either is unknown)
     * @param servedMatchesSecret served leaf == the Secret's leaf (null when either is unknown)
     */
    @RegisterForReflection
    public record EndpointStatus(String endpoint, String host, String connect, CertificateView served, SecretView secret,
            Boolean servedMatchesStored, Boolean servedMatchesSecret) { }

    @RegisterForReflection
    public record SecretView(String namespace, String name, String reference, CertificateView certificate) { }

    /** One certificate as people read it; {@code version} is the store's or the rhoai Secret label's, when known. */
    @RegisterForReflection
    public record CertificateView(String version, String issuer, List<String> names, Instant notAfter, long daysLeft,
            String sha256Fingerprint, String serialHex) { }
}
