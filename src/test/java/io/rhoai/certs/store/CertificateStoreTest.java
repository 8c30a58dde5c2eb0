package io.rhoai.certs.store;

import io.rhoai.certs.install.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's on-disk layout, as far as install and status rely on it. */
class CertificateStoreTest {
    @TempDir Path tmp;

    @Test
    void saveWritesAVersionDirectoryWithAPrivateKeyAndMakesItCurrent() throws Exception {
        TestPki pki = new TestPki("Root", "Intermediate");
        CertificateStore store = new CertificateStore(tmp);
        StoredCertificate first = store.save("p", pki.issue(Duration.ofDays(90), "a.example.test").chain(), pki.issue(Duration.ofDays(1), "x").key());
        TestPki.Issued second = pki.issue(Duration.ofDays(90), "b.example.test");
        StoredCertificate saved = store.save("p", second.chain(), second.key());

        assertThat(saved.version()).matches("\\d{8}T\\d{6}Z(-\\d+)?");
        assertThat(saved.directory()).isEqualTo(tmp.resolve("certs/p/" + saved.version()));
        assertThat(Files.readString(tmp.resolve("certs/p/current")).strip()).isEqualTo(saved.version());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved.privateKeyPem()))).isEqualTo("rw-------");
        assertThat(Files.exists(saved.directory().resolve("cert.json"))).isTrue();
        assertThat(store.current("p")).get().extracting(StoredCertificate::names).isEqualTo(java.util.List.of("b.example.test"));
        assertThat(store.versions("p")).extracting(StoredCertificate::version).containsExactly(first.version(), saved.version());
        assertThat(store.current("other")).isEmpty();
    }

    @Test
    void defaultStateDirFollowsTheContractsPrecedence() {
        assertThat(CertificateStore.defaultStateDir(Map.of("RHOAI_STATE_DIR", "/s", "XDG_STATE_HOME", "/x"))).isEqualTo(Path.of("/s"));
        assertThat(CertificateStore.defaultStateDir(Map.of("XDG_STATE_HOME", "/x", "HOME", "/h"))).isEqualTo(Path.of("/x/rhoai"));
        assertThat(CertificateStore.defaultStateDir(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.local/state/rhoai"));
    }
}
