package io.rhoai.certs.acme;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.AtomicFiles;
import io.rhoai.core.io.FileContent;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;

/**
 * The ACME account key of one server: {@code <dir>/account.key} (PEM, 0600). Created and written BEFORE the account is
 * registered, so a failed registration never loses the key of an account the server might already know; never deleted.
 */
final class AccountKeys {
    static final String FILE = "account.key";

    record Loaded(KeyPair keyPair, Path file, boolean existed) { }

    private AccountKeys() { }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    static Loaded loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                tightenMode(file);
                return new Loaded(read(r), file, true);
            } catch (IOException | RuntimeException e) {
                throw RhoaiException.precondition("cannot read the ACME account key " + file + ": " + e.getClass().getSimpleName(),
                        "restore the file from a backup; only delete it if you want a new ACME account");
            }
        }
        AtomicFiles.privateDirectory(dir);
        KeyPair kp = CertificateIssuer.ecP256();
        StringWriter pem = new StringWriter();
        // PKCS#8 private key followed by its public key: readable by openssl and by read() below
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(new JcaPKCS8Generator(kp.getPrivate(), null));
            w.writeObject(kp.getPublic());
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot encode the account key", null, e);
        }
        AtomicFiles.write(file, FileContent.secretText(pem.toString()));
        return new Loaded(kp, file, false);
    }

    /** Reads a key pair written by {@link #loadOrCreate} (PKCS#8 + public key) or by acme4j/openssl (SEC1 "EC PRIVATE KEY"). */
    static KeyPair read(Reader reader) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey priv = null;
        PublicKey pub = null;
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object o; (o = parser.readObject()) != null; ) {
                if (o instanceof PEMKeyPair kp) return converter.getKeyPair(kp);
                if (o instanceof PrivateKeyInfo pki) priv = converter.getPrivateKey(pki);
                if (o instanceof SubjectPublicKeyInfo spki) pub = converter.getPublicKey(spki);
            }
        }
        if (priv == null || pub == null) throw new IOException("no key pair in the file");
        return new KeyPair(pub, priv);
    }

    private static void tightenMode(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!mode.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
                Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            }
        }
    }
}
