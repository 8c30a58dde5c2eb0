package io.rhoai.certs.install;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small test PKI made with BouncyCastle: a root, an intermediate and leaves with DNS names, like Let's Encrypt's
 * ISRG Root X1 → R11 → leaf. Keys are EC P-256.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    public record Issued(List<X509Certificate> chain, PrivateKey key) {
        public X509Certificate leaf() { return chain.get(0); }
    }

    public final String rootName;
    public final KeyPair rootKey;
    public final X509Certificate root;
    public final KeyPair intermediateKey;
    public final X509Certificate intermediate;

    public TestPki(String rootName, String intermediateName) {
        try {
            this.rootName = rootName;
            rootKey = keyPair();
            root = sign(new X500Name("CN=" + rootName + ",O=rhoai tests"), rootKey, new X500Name("CN=" + rootName + ",O=rhoai tests"),
                    rootKey.getPrivate(), true, List.of(), Duration.ofDays(3650));
            intermediateKey = keyPair();
            intermediate = sign(new X500Name("CN=" + intermediateName + ",O=rhoai tests"), intermediateKey,
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), rootKey.getPrivate(), true, List.of(), Duration.ofDays(1825));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leaf → intermediate (the root is not sent, as ACME servers do). */
    public Issued issue(Duration validity, String... names) {
        try {
            KeyPair leafKey = keyPair();
            X509Certificate leaf = sign(new X500Name("CN=" + names[0]), leafKey,
                    X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()), intermediateKey.getPrivate(), false, List.of(names), validity);
            return new Issued(List.of(leaf, intermediate), leafKey.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed leaf, standing for a cluster's own internal certificate. */
    public static Issued selfSigned(String... names) {
        try {
            KeyPair key = keyPair();
            X500Name subject = new X500Name("CN=" + names[0] + ",O=internal");
            X509Certificate c = sign(subject, key, subject, key.getPrivate(), false, List.of(names), Duration.ofDays(365));
            return new Issued(List.of(c), key.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKey, X500Name issuer, PrivateKey issuerKey, boolean ca,
            List<String> names, Duration validity) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (!names.isEmpty()) {
            GeneralName[] gn = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(gn));
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }
}
