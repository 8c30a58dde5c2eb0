package io.rhoai.certs.acme;

import io.rhoai.core.RhoaiException;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * acme4j's generic provider with two changes: TLS to the ACME server may trust an extra CA file (a private ACME server
 * such as Pebble; certificate checks stay on), and one HTTP client is shared by every request of a run, so connections
 * are kept alive instead of a TLS handshake per ACME request.
 */
final class TrustingAcmeProvider extends GenericAcmeProvider {
    private final SSLContext sslContext;
    private volatile HttpClient shared;

    TrustingAcmeProvider(Path caFile) {
        this.sslContext = caFile == null ? null : sslContext(caFile);
    }

    @Override
    protected HttpConnector createHttpConnector(NetworkSettings settings) {
        return new HttpConnector(settings) {
            @Override
            public HttpClient.Builder createClientBuilder() {
                HttpClient client = shared;
                if (client == null) {
                    synchronized (TrustingAcmeProvider.this) {
                        if (shared == null) {
                            HttpClient.Builder b = super.createClientBuilder();
                            if (sslContext != null) b.sslContext(sslContext);
                            shared = b.build();
                        }
                        client = shared;
                    }
                }
                return new FixedClientBuilder(client);
            }
        };
    }

    /** Combines the JDK's default trust anchors with the certificates in {@code caFile} (PEM). */
    static SSLContext sslContext(Path caFile) {
        if (!Files.isRegularFile(caFile)) {
            throw RhoaiException.invalid("--acme-ca-file: " + caFile + " does not exist", "pass the PEM file of the CA that signed the ACME server's TLS certificate");
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) trust.setCertificateEntry("extra-" + n++, c);
            if (n == 0) throw RhoaiException.invalid("--acme-ca-file: " + caFile + " holds no PEM certificate", "pass a PEM CA certificate");
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            // add the JDK's anchors too, so a redirect to a public host still verifies
            for (var tm : defaults.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x) {
                    for (var anchor : x.getAcceptedIssuers()) trust.setCertificateEntry("jdk-" + n++, anchor);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw RhoaiException.invalid("--acme-ca-file: cannot read " + caFile + ": " + e.getMessage(), "pass a PEM CA certificate");
        }
    }

    /** Hands out the shared client; acme4j's settings were applied when it was built. */
    private record FixedClientBuilder(HttpClient client) implements HttpClient.Builder {
        @Override public HttpClient.Builder cookieHandler(CookieHandler h) { return this; }
        @Override public HttpClient.Builder connectTimeout(Duration d) { return this; }
        @Override public HttpClient.Builder sslContext(SSLContext c) { return this; }
        @Override public HttpClient.Builder sslParameters(SSLParameters p) { return this; }
        @Override public HttpClient.Builder executor(Executor e) { return this; }
        @Override public HttpClient.Builder followRedirects(HttpClient.Redirect r) { return this; }
        @Override public HttpClient.Builder version(HttpClient.Version v) { return this; }
        @Override public HttpClient.Builder priority(int p) { return this; }
        @Override public HttpClient.Builder proxy(ProxySelector p) { return this; }
        @Override public HttpClient.Builder authenticator(Authenticator a) { return this; }
        @Override public HttpClient build() { return client; }
    }
}
