package io.rhoai.certs.install;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KubeconfigTrustTest {
    static final TestPki LE = new TestPki("Test Root X1", "Test R11");
    static final TestPki.Issued CERT = LE.issue(Duration.ofDays(90), "api.dev.example.test");

    private static Config withCa(java.security.cert.X509Certificate... bundle) {
        String pem = CertificatePem.certificates(List.of(bundle));
        return new ConfigBuilder().withMasterUrl("https://api.dev.example.test:6443")
                .withCaCertData(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))).build();
    }

    @Test
    void aBundleHoldingTheIssuingRootTrustsTheChain() {
        KubeconfigTrust.Verdict v = KubeconfigTrust.check(withCa(TestPki.selfSigned("internal-signer").leaf(), LE.root), CERT.chain(), Instant.now());
        assertThat(v.source()).isEqualTo(KubeconfigTrust.Source.KUBECONFIG_CA);
        assertThat(v.trusted()).as(v.detail()).isTrue();
    }

    @Test
    void aBundleHoldingTheIntermediateAlsoTrustsTheChain() {
        assertThat(KubeconfigTrust.check(withCa(LE.intermediate), CERT.chain(), Instant.now()).trusted()).isTrue();
    }

    @Test
    void theInstallersOwnCaDoesNotTrustAPublicChain() {
        TestPki installer = new TestPki("kube-apiserver-lb-signer", "x");
        KubeconfigTrust.Verdict v = KubeconfigTrust.check(withCa(installer.root), CERT.chain(), Instant.now());
        assertThat(v.trusted()).isFalse();
        assertThat(v.detail()).contains("kube-apiserver-lb-signer").contains("Test Root X1");
    }

    @Test
    void aRootWithTheSameNameButAnotherKeyDoesNotTrustTheChain() {
        TestPki impostor = new TestPki("Test Root X1", "Test R11");
        assertThat(KubeconfigTrust.check(withCa(impostor.root), CERT.chain(), Instant.now()).trusted()).isFalse();
    }

    @Test
    void insecureSkipTlsVerifyIsReportedNotChecked() {
        Config c = new ConfigBuilder().withMasterUrl("https://x:6443").withTrustCerts(true).build();
        assertThat(KubeconfigTrust.check(c, CERT.chain(), Instant.now()).source()).isEqualTo(KubeconfigTrust.Source.INSECURE);
    }

    @Test
    void withoutCaTheSystemTrustIsConsultedAndATestRootIsNotInIt() {
        Config c = new ConfigBuilder().withMasterUrl("https://x:6443").build();
        KubeconfigTrust.Verdict v = KubeconfigTrust.check(c, CERT.chain(), Instant.now());
        assertThat(v.source()).isEqualTo(KubeconfigTrust.Source.SYSTEM_TRUST);
        assertThat(v.trusted()).isFalse();
    }
}
