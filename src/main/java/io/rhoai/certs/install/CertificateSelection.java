package io.rhoai.certs.install;

import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.RhoaiException;

import java.nio.file.Path;
import java.util.List;

/** Picks the stored certificate to install: the store's current version, or the one named with --cert-version. */
public final class CertificateSelection {
    private CertificateSelection() { }

    public static StoredCertificate select(Path stateDir, String profileName, String version) {
        CertificateStore store = new CertificateStore(stateDir);
        if (version == null) {
            return store.current(profileName).orElseThrow(() -> RhoaiException.precondition(
                    "no certificate stored for " + profileName + " under " + stateDir.resolve("certs").resolve(profileName),
                    "issue one with: rhoai certs issue --cluster " + profileName + " (or pass --state-dir where it was issued)"));
        }
        List<StoredCertificate> versions = store.versions(profileName);
        return versions.stream().filter(c -> c.version().equals(version)).findFirst().orElseThrow(() -> RhoaiException.invalid(
                "--cert-version: no stored certificate " + version + " for " + profileName,
                versions.isEmpty() ? "issue one with: rhoai certs issue --cluster " + profileName
                        : "stored versions: " + String.join(", ", versions.stream().map(StoredCertificate::version).toList())));
    }
}
