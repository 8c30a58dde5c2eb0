package io.rhoai.certs.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.AtomicFiles;
import io.rhoai.core.io.FileContent;
import io.rhoai.core.yaml.Mappers;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Versioned certificates under {@code <stateDir>/certs/<profile>/}: each issue writes a new version directory
 * (UTC {@code yyyyMMdd'T'HHmmss'Z'}, {@code -2}, {@code -3} if taken) and only then moves the {@code current} pointer,
 * so a failed run never leaves a half-written "current" certificate. Old versions are kept for rollback.
 */
public final class CertificateStore {
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String CURRENT = "current";
    private static final String META = "cert.json";

    private final Path stateDir;
    private final Clock clock;

    public CertificateStore(Path stateDir) {
        this(stateDir, Clock.systemUTC());
    }

    public CertificateStore(Path stateDir, Clock clock) {
        this.stateDir = stateDir;
        this.clock = clock;
    }

    /** --state-dir > RHOAI_STATE_DIR > $XDG_STATE_HOME/rhoai > ~/.local/state/rhoai */
    public static Path defaultStateDir(Map<String, String> env) {
        String explicit = env.get("RHOAI_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "rhoai");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "rhoai");
    }

    public Path profileDir(String profileName) {
        return stateDir.resolve("certs").resolve(profileName);
    }

    public Optional<StoredCertificate> current(String profileName) {
        Path pointer = profileDir(profileName).resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) return Optional.empty();
        try {
            String version = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            if (version.isEmpty()) return Optional.empty();
            return Optional.of(load(profileName, version));
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot read " + pointer + ": " + e.getMessage(), "check the state directory's permissions");
        }
    }

    /** All stored versions, oldest first. */
    public List<StoredCertificate> versions(String profileName) {
        Path dir = profileDir(profileName);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(META)))
                    .map(p -> load(profileName, p.getFileName().toString()))
                    .sorted(Comparator.comparing(StoredCertificate::version))
                    .toList();
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot list " + dir + ": " + e.getMessage(), "check the state directory's permissions");
        }
    }

    /** Writes a new version (chain, key 0600, metadata), then points {@code current} at it. */
    public StoredCertificate save(String profileName, List<X509Certificate> chain, PrivateKey key) {
        if (chain == null || chain.isEmpty()) throw new IllegalArgumentException("empty certificate chain");
        Path profileDir = profileDir(profileName);
        String base = VERSION.format(Instant.now(clock));
        Path dir = profileDir.resolve(base);
        for (int n = 2; Files.exists(dir); n++) dir = profileDir.resolve(base + "-" + n);
        String version = dir.getFileName().toString();
        AtomicFiles.privateDirectory(stateDir, dir);
        StoredCertificate cert = describe(profileName, version, dir, chain.get(0));
        Map<Path, FileContent> files = new LinkedHashMap<>();
        files.put(dir.resolve("fullchain.pem"), FileContent.text(pem(chain.toArray())));
        // PKCS#8: the key form OpenShift's tls.key, openssl and Go read for every key type
        files.put(dir.resolve("privkey.pem"), FileContent.secretText(pem(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()))));
        files.put(dir.resolve(META), FileContent.text(Mappers.toJson(metadata(cert)) + "\n"));
        AtomicFiles.writeAll(files);
        AtomicFiles.write(profileDir.resolve(CURRENT), FileContent.text(version + "\n"));
        return cert;
    }

    private StoredCertificate load(String profileName, String version) {
        Path dir = profileDir(profileName).resolve(version);
        try {
            JsonNode n = Mappers.json().readTree(dir.resolve(META).toFile());
            List<String> names = new ArrayList<>();
            n.path("names").forEach(x -> names.add(x.asText()));
            return new StoredCertificate(profileName, version, dir, List.copyOf(names),
                    Instant.parse(n.path("notBefore").asText()), Instant.parse(n.path("notAfter").asText()),
                    n.path("serialHex").asText(), n.path("issuerDn").asText(), n.path("sha256Fingerprint").asText());
        } catch (IOException | RuntimeException e) {
            throw RhoaiException.invalid("stored certificate " + dir + " is unreadable: " + e.getMessage(),
                    "remove that version directory or issue again");
        }
    }

    private static ObjectNode metadata(StoredCertificate c) {
        ObjectNode n = Mappers.json().createObjectNode();
        n.put("profileName", c.profileName());
        n.put("version", c.version());
        n.set("names", Mappers.json().valueToTree(c.names()));
        n.put("notBefore", c.notBefore().toString());
        n.put("notAfter", c.notAfter().toString());
        n.put("serialHex", c.serialHex());
        n.put("issuerDn", c.issuerDn());
        n.put("sha256Fingerprint", c.sha256Fingerprint());
        return n;
    }

    static StoredCertificate describe(String profileName, String version, Path dir, X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) names.add(String.valueOf(san.get(1)));
                }
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
            return new StoredCertificate(profileName, version, dir, List.copyOf(names), leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant(), leaf.getSerialNumber().toString(16), leaf.getIssuerX500Principal().getName(),
                    HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } catch (CertificateParsingException | CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new RhoaiException(ErrorKind.REMOTE, "the issued certificate cannot be parsed: " + e.getMessage(), null, e);
        }
    }

    static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
