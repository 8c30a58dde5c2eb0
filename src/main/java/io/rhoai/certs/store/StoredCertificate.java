package io.rhoai.certs.store;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One issued certificate version on disk: {@code <stateDir>/certs/<profile>/<version>/{fullchain.pem, privkey.pem, cert.json}}.
 * Holds only public facts; the private key stays in {@link #privateKeyPem()} (0600) and is never rendered.
 */
@RegisterForReflection
public record StoredCertificate(String profileName, String version, @JsonSerialize(using = ToStringSerializer.class) Path directory,
        List<String> names, Instant notBefore, Instant notAfter, String serialHex, String issuerDn, String sha256Fingerprint) {

    public Path fullchainPem() {
        return directory.resolve("fullchain.pem");
    }

    /** Readable by the owner only (0600). */
    public Path privateKeyPem() {
        return directory.resolve("privkey.pem");
    }
}
