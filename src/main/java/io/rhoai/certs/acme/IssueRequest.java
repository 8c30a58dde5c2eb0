package io.rhoai.certs.acme;

import io.rhoai.core.secret.Secret;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to issue: one certificate holding every name in {@code domains}, through the ACME server {@code acmeServer}
 * ({@code letsencrypt}, {@code letsencrypt-staging} or a directory URL), proving control with DNS-01 records written by
 * {@code dnsProvider}. {@code env} carries the provider's settings; {@code eabKid}/{@code eabHmacKey} are for CAs that
 * require External Account Binding (both null otherwise).
 */
public record IssueRequest(String profileName, List<String> domains, String acmeServer, Path acmeCaFile, String email,
        String keyType, String dnsProvider, Map<String, String> env, Path stateDir, Duration timeout, boolean dryRun,
        String eabKid, Secret eabHmacKey) {
    /** The same request with another time budget (what a check before it left of the run's --timeout). */
    public IssueRequest withTimeout(Duration left) {
        return new IssueRequest(profileName, domains, acmeServer, acmeCaFile, email, keyType, dnsProvider, env, stateDir, left, dryRun,
                eabKid, eabHmacKey);
    }
}
