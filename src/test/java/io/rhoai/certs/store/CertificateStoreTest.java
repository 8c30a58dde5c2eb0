package io.rhoai.certs.store;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateStoreTest {
    @TempDir Path state;

    @Test
    void savesVersionsWithSuffixesMovesCurrentAndKeepsTheKeyPrivate() throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-25T01:02:03Z"), ZoneOffset.UTC);
        CertificateStore store = new CertificateStore(state, fixed);
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X509Certificate cert = selfSigned(key, "api.dev.example.test");

        StoredCertificate first = store.save("dev", List.of(cert), key.getPrivate());
        StoredCertificate second = store.save("dev", List.of(cert), key.getPrivate());

        assertThat(first.version()).isEqualTo("20261125T010203Z");
        assertThat(second.version()).isEqualTo("20261125T010203Z-2");
        assertThat(Files.readString(state.resolve("certs/dev/current")).strip()).isEqualTo(second.version());
        assertThat(store.current("dev").orElseThrow()).isEqualTo(second);
        assertThat(store.versions("dev")).extracting(StoredCertificate::version).containsExactly(first.version(), second.version());
        assertThat(second.names()).containsExactly("api.dev.example.test");
        assertThat(second.notAfter()).isEqualTo(cert.getNotAfter().toInstant());
        assertThat(second.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.privateKeyPem()))).isEqualTo("rw-------");
        assertThat(Files.readString(second.fullchainPem())).startsWith("-----BEGIN CERTIFICATE-----");
        // PKCS#8, the form OpenShift's tls.key, openssl and Go all read; and it is the same key
        String keyPem = Files.readString(second.privateKeyPem());
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(io.rhoai.certs.install.CertificatePem.parsePrivateKey(keyPem).getEncoded()).isEqualTo(key.getPrivate().getEncoded());
        assertThat(Files.readString(state.resolve("certs/dev").resolve(second.version()).resolve("cert.json"))).doesNotContain("PRIVATE");
    }

    @Test
    void nothingStoredMeansNoCurrent() {
        assertThat(new CertificateStore(state).current("dev")).isEmpty();
        assertThat(new CertificateStore(state).versions("dev")).isEmpty();
    }

    @Test
    void defaultStateDirFollowsTheDocumentedPrecedence() {
        assertThat(CertificateStore.defaultStateDir(Map.of("RHOAI_STATE_DIR", "/s", "XDG_STATE_HOME", "/x", "HOME", "/h"))).isEqualTo(Path.of("/s"));
        assertThat(CertificateStore.defaultStateDir(Map.of("XDG_STATE_HOME", "/x", "HOME", "/h"))).isEqualTo(Path.of("/x/rhoai"));
        assertThat(CertificateStore.defaultStateDir(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.local/state/rhoai"));
    }

    static X509Certificate selfSigned(KeyPair key, String name) throws Exception {
        X500Name dn = new X500Name("CN=" + name);
        var b = new JcaX509v3CertificateBuilder(dn, BigInteger.TEN, Date.from(Instant.now()), Date.from(Instant.now().plusSeconds(86400)), dn, key.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }
}
