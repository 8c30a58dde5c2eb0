package io.rhoai.certs.install;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** PEM reading and writing, fingerprints and names of X.509 certificates: the small toolbox install and status share. */
public final class CertificatePem {
    private CertificatePem() { }

    public static List<X509Certificate> parseCertificates(String pem) {
        try {
            Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> out = new ArrayList<>();
            for (var c : certs) out.add((X509Certificate) c);
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate bundle: " + e.getMessage(), e);
        }
    }

    /** Reads a PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM key. The text never reaches a message. */
    public static PrivateKey parsePrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            PrivateKeyInfo info;
            // a traditional EC/RSA key may come without its public part: read the private part alone
            if (o instanceof PEMKeyPair pair) info = pair.getPrivateKeyInfo();
            else if (o instanceof PrivateKeyInfo i) info = i;
            else throw new IllegalArgumentException("no private key found in the PEM text");
            return standardKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("the private key PEM cannot be parsed", e);
        }
    }

    /**
     * The key through the JDK's own key factories ("EC", "RSA"), not BouncyCastle's: BC names EC keys "ECDSA", and the
     * JDK's TLS stack does not pick such a key for a handshake once BC is a registered provider.
     */
    private static PrivateKey standardKey(PrivateKeyInfo info) throws IOException {
        var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey.equals(oid) ? "EC"
                : org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption.equals(oid) ? "RSA" : null;
        if (algorithm == null) return new JcaPEMKeyConverter().getPrivateKey(info);
        try {
            return java.security.KeyFactory.getInstance(algorithm).generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("unsupported private key: " + e.getMessage(), e);
        }
    }

    public static String certificates(List<X509Certificate> chain) {
        StringBuilder b = new StringBuilder();
        try {
            for (X509Certificate c : chain) b.append(block("CERTIFICATE", c.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        return b.toString();
    }

    public static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());   // PKCS#8
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** SHA-256 of the DER encoding, as {@code openssl x509 -fingerprint -sha256} prints it (AB:CD:…). */
    public static String sha256Fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /** Fingerprints compare equal whatever their spelling (colons, case). */
    public static boolean sameFingerprint(String a, String b) {
        return a != null && b != null && normalise(a).equals(normalise(b));
    }

    private static String normalise(String fingerprint) {
        return fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
    }

    /** DNS subjectAltNames, else the subject CN. */
    public static List<String> dnsNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) names.add(String.valueOf(san.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            // an unparsable SAN extension leaves the subject CN below
        }
        if (names.isEmpty()) {
            for (String part : cert.getSubjectX500Principal().getName().split(",")) {
                if (part.startsWith("CN=")) names.add(part.substring(3));
            }
        }
        return names;
    }

    /** True if the certificate covers {@code host}, with a wildcard covering exactly one left-most label. */
    public static boolean covers(List<String> names, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : names) {
            String name = n.toLowerCase(Locale.ROOT);
            if (name.equals(h)) return true;
            if (name.startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot + 1).equals(name.substring(2))) return true;
            }
        }
        return false;
    }

    /** The common name of a distinguished name (e.g. "R11"), else the whole DN. */
    public static String shortName(String dn) {
        for (String part : dn.split(",")) {
            String p = part.strip();
            if (p.startsWith("CN=")) return p.substring(3);
        }
        return dn;
    }
}
