package io.rhoai.certs.store;

import io.rhoai.certs.install.CertificatePem;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.AtomicFiles;
import io.rhoai.core.io.FileContent;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local certificate store ({@code <stateDir>/certs/<profile>/<version>/{fullchain.pem, privkey.pem, cert.json}} plus a
 * {@code current} file naming the version in use). Minimal copy following the certs contract; the acme helper's version
 * replaces it at merge time, so nothing here may behave differently from the contract.
 */
public final class CertificateStore {
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final Path stateDir;

    public CertificateStore(Path stateDir) {
        this.stateDir = stateDir;
    }

    public static Path defaultStateDir(Map<String, String> env) {
        String explicit = env.get("RHOAI_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "rhoai");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "rhoai");
    }

    private Path profileDir(String profileName) {
        return stateDir.resolve("certs").resolve(profileName);
    }

    public Optional<StoredCertificate> current(String profileName) {
        Path currentFile = profileDir(profileName).resolve("current");
        if (!Files.isRegularFile(currentFile)) return Optional.empty();
        try {
            String version = Files.readString(currentFile).strip();
            Path dir = profileDir(profileName).resolve(version);
            return Files.isRegularFile(dir.resolve("fullchain.pem")) ? Optional.of(load(profileName, version, dir)) : Optional.empty();
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot read " + currentFile + ": " + e.getMessage(), "check the state directory (--state-dir)");
        }
    }

    /** Every stored version, oldest first. */
    public List<StoredCertificate> versions(String profileName) {
        Path dir = profileDir(profileName);
        if (!Files.isDirectory(dir)) return List.of();
        List<StoredCertificate> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                if (Files.isRegularFile(child.resolve("fullchain.pem"))) {
                    out.add(load(profileName, child.getFileName().toString(), child));
                }
            }
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot list " + dir + ": " + e.getMessage(), "check the state directory (--state-dir)");
        }
        return out;
    }

    public StoredCertificate save(String profileName, List<X509Certificate> chain, PrivateKey key) {
        Path profile = profileDir(profileName);
        AtomicFiles.privateDirectory(profile);
        String base = VERSION.format(java.time.Instant.now());
        String version = base;
        for (int n = 2; Files.exists(profile.resolve(version)); n++) version = base + "-" + n;
        Path dir = AtomicFiles.privateDirectory(profile.resolve(version));
        StoredCertificate stored = describe(profileName, version, dir, chain);
        Map<Path, FileContent> files = new LinkedHashMap<>();
        files.put(stored.fullchainPem(), FileContent.text(CertificatePem.certificates(chain)));
        files.put(stored.privateKeyPem(), FileContent.secretText(CertificatePem.privateKey(key)));
        files.put(dir.resolve("cert.json"), FileContent.text(Mappers.toJson(stored)));
        AtomicFiles.writeAll(files);
        AtomicFiles.write(profile.resolve("current"), FileContent.text(version + "\n"));
        return stored;
    }

    private static StoredCertificate load(String profileName, String version, Path dir) {
        try {
            List<X509Certificate> chain = CertificatePem.parseCertificates(Files.readString(dir.resolve("fullchain.pem"), StandardCharsets.US_ASCII));
            if (chain.isEmpty()) throw new IOException("no certificate in fullchain.pem");
            return describe(profileName, version, dir, chain);
        } catch (IOException | RuntimeException e) {
            throw RhoaiException.invalid("stored certificate " + dir + " is unreadable: " + e.getMessage(),
                    "re-issue it with: rhoai certs issue --cluster " + profileName);
        }
    }

    private static StoredCertificate describe(String profileName, String version, Path dir, List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        return new StoredCertificate(profileName, version, dir, CertificatePem.dnsNames(leaf), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), leaf.getSerialNumber().toString(16), leaf.getIssuerX500Principal().getName(),
                CertificatePem.sha256Fingerprint(leaf));
    }
}
