package io.rhoai.certs.install;

import io.fabric8.kubernetes.client.Config;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Will the clients of the kubeconfig in use still trust the API server after it serves {@code chain}? kubectl and oc
 * trust ONLY the kubeconfig's {@code certificate-authority(-data)} when it is set (the installer writes one holding the
 * cluster's internal signers), so a publicly trusted certificate still breaks them with
 * {@code x509: certificate signed by unknown authority}. Without a CA they use the system trust.
 */
final class KubeconfigTrust {

    enum Source { KUBECONFIG_CA, SYSTEM_TRUST, INSECURE }

    /** @param trusted false with {@link Source#SYSTEM_TRUST} is a warning only (this JVM's trust store is not the clients') */
    record Verdict(Source source, boolean trusted, String caDescription, String detail) { }

    private KubeconfigTrust() { }

    /**
     * The gate before the API server is pointed at {@code chain}: refuses when the kubeconfig's CA would not trust it,
     * and only warns where the clients' trust cannot be known from here (system trust, insecure kubeconfigs).
     */
    static void requireTrusted(Config config, List<X509Certificate> chain, Instant at, String operation, Progress progress) {
        Verdict verdict = check(config, chain, at);
        switch (verdict.source()) {
            case INSECURE -> progress.warn("the kubeconfig skips TLS verification (insecure-skip-tls-verify): its clients will not notice the new API certificate");
            case SYSTEM_TRUST -> {
                if (verdict.trusted()) progress.info("kubeconfig trust: no certificate-authority set, and the new chain verifies against the system trust");
                else progress.warn("the kubeconfig sets no certificate-authority, so its clients use the system trust; " + verdict.detail()
                        + ": make sure the machines running oc/kubectl trust it");
            }
            case KUBECONFIG_CA -> {
                if (verdict.trusted()) {
                    progress.info("kubeconfig trust: the new chain verifies against the kubeconfig's certificate-authority (" + verdict.caDescription() + ")");
                    return;
                }
                String root = CertificatePem.shortName(issuingRootDn(chain));
                throw RhoaiException.precondition("refusing to " + operation + " the API server certificate: " + verdict.detail()
                                + "; kubectl and oc trust ONLY that bundle, so every kubeconfig with it would fail with"
                                + " 'x509: certificate signed by unknown authority' once the API server serves the new certificate",
                        "add the issuing root (" + root + ") to the kubeconfig's certificate-authority-data (keep the existing CAs"
                                + " in the bundle), or remove certificate-authority-data to use the system trust, or leave the API server"
                                + " alone with --skip-api-server (--ingress-only)");
            }
        }
    }

    static Verdict check(Config config, List<X509Certificate> chain, Instant at) {
        if (config.isTrustCerts()) {
            return new Verdict(Source.INSECURE, true, "insecure-skip-tls-verify", "the kubeconfig skips TLS verification");
        }
        List<X509Certificate> bundle = kubeconfigCa(config);
        if (bundle != null) {
            String described = describe(bundle);
            boolean ok = verifies(chain, bundle, at);
            return new Verdict(Source.KUBECONFIG_CA, ok, described, ok
                    ? "the chain verifies against the kubeconfig's certificate-authority"
                    : "the kubeconfig's certificate-authority (" + described + ") does not contain "
                      + CertificatePem.shortName(issuingRootDn(chain)) + ", the issuing root of the new chain");
        }
        List<X509Certificate> system = systemTrust();
        boolean ok = verifies(chain, system, at);
        return new Verdict(Source.SYSTEM_TRUST, ok, "system trust", ok
                ? "the chain verifies against the system trust store"
                : "the issuing root " + CertificatePem.shortName(issuingRootDn(chain)) + " is not in this machine's Java trust store");
    }

    /** The DN of the root that signs the top of the chain (the top's issuer, or the top itself when self-signed). */
    static String issuingRootDn(List<X509Certificate> chain) {
        X509Certificate top = chain.get(chain.size() - 1);
        return top.getIssuerX500Principal().getName();
    }

    /** The kubeconfig's CA bundle, or null when it sets none. */
    static List<X509Certificate> kubeconfigCa(Config config) {
        String pem = null;
        if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
            pem = new String(Base64.getMimeDecoder().decode(config.getCaCertData().strip()), StandardCharsets.US_ASCII);
        } else if (config.getCaCertFile() != null && !config.getCaCertFile().isBlank()) {
            try {
                pem = Files.readString(Path.of(config.getCaCertFile()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw RhoaiException.invalid("kubeconfig certificate-authority " + config.getCaCertFile() + " is unreadable: "
                        + e.getMessage(), "fix the path in the kubeconfig");
            }
        }
        if (pem == null) return null;
        try {
            return CertificatePem.parseCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw RhoaiException.invalid("the kubeconfig's certificate-authority is not a PEM bundle: " + e.getMessage(),
                    "fix certificate-authority-data in the kubeconfig");
        }
    }

    /**
     * True when some prefix of the chain (leaf first) validates up to an anchor of the bundle, so a bundle holding
     * the root or the intermediate both count. Revocation is not checked (this is about trust, not about status).
     */
    static boolean verifies(List<X509Certificate> chain, List<X509Certificate> anchors, Instant at) {
        if (anchors.isEmpty() || chain.isEmpty()) return false;
        Set<TrustAnchor> trust = new HashSet<>();
        for (X509Certificate a : anchors) trust.add(new TrustAnchor(a, null));
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            for (int n = 1; n <= chain.size(); n++) {
                List<X509Certificate> path = new ArrayList<>(chain.subList(0, n));
                // a self-signed root in the path is the anchor itself, not part of the path
                if (n > 1 && selfSigned(path.get(n - 1))) path.remove(n - 1);
                CertPath certPath = factory.generateCertPath(path);
                try {
                    validator.validate(certPath, params);
                    return true;
                } catch (java.security.cert.CertPathValidatorException ignored) {
                    // try a longer prefix: the bundle may hold a higher certificate
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean selfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    private static String describe(List<X509Certificate> bundle) {
        List<String> names = new ArrayList<>();
        for (X509Certificate c : bundle) names.add(CertificatePem.shortName(c.getSubjectX500Principal().getName()));
        return bundle.size() + (bundle.size() == 1 ? " certificate: " : " certificates: ") + String.join(", ", names);
    }

    private static List<X509Certificate> systemTrust() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) return List.of(x.getAcceptedIssuers());
            }
        } catch (java.security.GeneralSecurityException e) {
            // no system trust store: nothing verifies, which only produces a warning
        }
        return List.of();
    }
}
