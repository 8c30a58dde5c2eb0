package io.rhoai.certs.install;

import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A certificate chain ready to install: the PEM text, the parsed chain, and the private key as a {@link Secret} (masked
 * everywhere, registered with the redactor). Checked on load: the key belongs to the leaf, and the leaf is in date.
 */
record CertificateMaterial(String version, String fullchainPem, List<X509Certificate> chain, Secret privateKeyPem) {

    X509Certificate leaf() {
        return chain.get(0);
    }

    String fingerprint() {
        return CertificatePem.sha256Fingerprint(leaf());
    }

    List<String> names() {
        return CertificatePem.dnsNames(leaf());
    }

    static CertificateMaterial load(StoredCertificate stored, Instant now) {
        String hint = "re-issue it with: rhoai certs issue --cluster " + stored.profileName();
        String fullchain;
        Secret key;
        try {
            fullchain = Files.readString(stored.fullchainPem(), StandardCharsets.US_ASCII);
            key = Secret.of(Files.readString(stored.privateKeyPem(), StandardCharsets.US_ASCII), stored.privateKeyPem().toString());
        } catch (IOException e) {
            throw RhoaiException.invalid("stored certificate " + stored.version() + " is incomplete: cannot read "
                    + e.getMessage(), hint);
        }
        List<X509Certificate> chain;
        try {
            chain = CertificatePem.parseCertificates(fullchain);
        } catch (IllegalArgumentException e) {
            throw RhoaiException.invalid(stored.fullchainPem() + ": " + e.getMessage(), hint);
        }
        if (chain.isEmpty()) throw RhoaiException.invalid(stored.fullchainPem() + " holds no certificate", hint);
        PrivateKey privateKey;
        try {
            privateKey = CertificatePem.parsePrivateKey(key.reveal());
        } catch (IllegalArgumentException e) {
            // the message names the file, never its content
            throw RhoaiException.invalid(stored.privateKeyPem() + ": not a PEM private key", hint);
        }
        X509Certificate leaf = chain.get(0);
        if (!keyMatches(privateKey, leaf)) {
            throw RhoaiException.invalid(stored.privateKeyPem() + " does not belong to the certificate in " + stored.fullchainPem(), hint);
        }
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            throw RhoaiException.invalid("stored certificate " + stored.version() + " expired on " + leaf.getNotAfter().toInstant(), hint);
        }
        return new CertificateMaterial(stored.version(), fullchain, chain, key);
    }

    /** Signs a probe with the key and verifies it with the certificate's public key. */
    private static boolean keyMatches(PrivateKey key, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) return true;   // unknown key type: the API server will tell
        try {
            byte[] probe = "rhoai key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
