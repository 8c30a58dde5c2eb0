package io.rhoai.certs.acme;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.AtomicFiles;
import io.rhoai.core.io.FileContent;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
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
                return new Loaded(KeyPairUtils.readKeyPair(r), file, true);
            } catch (IOException | RuntimeException e) {
                throw RhoaiException.precondition("cannot read the ACME account key " + file + ": " + e.getClass().getSimpleName(),
                        "restore the file from a backup; only delete it if you want a new ACME account");
            }
        }
        AtomicFiles.privateDirectory(dir);
        KeyPair kp = CertificateIssuer.ecP256();
        StringWriter pem = new StringWriter();
        try {
            KeyPairUtils.writeKeyPair(kp, pem);
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot encode the account key", null, e);
        }
        AtomicFiles.write(file, FileContent.secretText(pem.toString()));
        return new Loaded(kp, file, false);
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
