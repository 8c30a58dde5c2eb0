package io.rhoai.certs.acme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

class AccountKeysTest {
    @TempDir Path dir;

    @Test
    void aCreatedKeyIsPrivateAndReadBackAsTheSamePair() {
        AccountKeys.Loaded created = AccountKeys.loadOrCreate(dir.resolve("acme/host"));
        assertThat(created.existed()).isFalse();
        assertThat(PosixFilePermissions.toString(uncheckedMode(created.file()))).isEqualTo("rw-------");

        AccountKeys.Loaded again = AccountKeys.loadOrCreate(dir.resolve("acme/host"));
        assertThat(again.existed()).isTrue();
        assertThat(again.keyPair().getPublic().getEncoded()).isEqualTo(created.keyPair().getPublic().getEncoded());
        // same secret scalar (providers encode the optional curve parameters differently)
        assertThat(((java.security.interfaces.ECPrivateKey) again.keyPair().getPrivate()).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) created.keyPair().getPrivate()).getS());
    }

    @Test
    void keysWrittenByAcme4jAreReadToo() throws Exception {
        KeyPair kp = KeyPairUtils.createKeyPair(2048);
        StringWriter pem = new StringWriter();
        KeyPairUtils.writeKeyPair(kp, pem);
        KeyPair read = AccountKeys.read(new StringReader(pem.toString()));
        assertThat(read.getPublic().getEncoded()).isEqualTo(kp.getPublic().getEncoded());
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedMode(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
