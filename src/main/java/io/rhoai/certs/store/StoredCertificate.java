package io.rhoai.certs.store;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One issued certificate as kept in the local state directory: {@code <stateDir>/certs/<profile>/<version>/}.
 * The private key stays in {@code privkey.pem} (0600); this record only says where it is.
 */
@RegisterForReflection
public record StoredCertificate(String profileName, String version, Path directory, List<String> names, Instant notBefore,
        Instant notAfter, String serialHex, String issuerDn, String sha256Fingerprint) {
    public Path fullchainPem() { return directory.resolve("fullchain.pem"); }
    public Path privateKeyPem() { return directory.resolve("privkey.pem"); }   // 0600
}
