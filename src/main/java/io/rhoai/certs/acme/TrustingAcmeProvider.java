package io.rhoai.certs.acme;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Durations;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * acme4j's generic provider with two changes: TLS to the ACME server may trust an extra CA file (a private ACME server
 * such as Pebble; certificate checks stay on), and one HTTP client is shared by every request of a run, so connections
 * are kept alive instead of a TLS handshake per ACME request. Every request is limited to what is left of the run's
 * deadline (at most the session's own timeout), so an ACME server that accepts and never answers cannot hold the run
 * past {@code --timeout}.
 */
final class TrustingAcmeProvider extends GenericAcmeProvider {
    private final SSLContext sslContext;
    private final Deadline deadline;
    private volatile HttpClient shared;

    TrustingAcmeProvider(Path caFile, Deadline deadline) {
        this.sslContext = caFile == null ? null : sslContext(caFile);
        this.deadline = deadline;
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
                return new FixedClientBuilder(new DeadlineBound(client, () -> deadline.atMost(settings.getTimeout())));
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

    /**
     * The shared client, with every exchange limited to {@code limit}: what is left of the deadline, at most the
     * session's timeout. Not the request's own timeout: the JDK client applies that only once connected, and a server
     * that accepts the connection but never completes the TLS handshake would hold the run for the whole connect timeout.
     */
    static final class DeadlineBound extends HttpClient {
        private final HttpClient client;
        private final Supplier<Duration> limit;

        DeadlineBound(HttpClient client, Supplier<Duration> limit) {
            this.client = client;
            this.limit = limit;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
            Duration left = limit.get();
            if (left.isZero()) throw new HttpTimeoutException("no time left for " + request.method() + " " + request.uri());
            CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, handler);
            try {
                return exchange.get(left.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                exchange.cancel(true); // aborts the exchange and frees the connection
                throw new HttpTimeoutException("no answer to " + request.method() + " " + request.uri() + " within "
                        + Durations.format(Duration.ofMillis(left.toMillis())));
            } catch (InterruptedException e) {
                exchange.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IOException(e.getCause());
            }
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return client.sendAsync(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> push) {
            return client.sendAsync(request, handler, push);
        }

        @Override public Optional<CookieHandler> cookieHandler() { return client.cookieHandler(); }
        @Override public Optional<Duration> connectTimeout() { return client.connectTimeout(); }
        @Override public Redirect followRedirects() { return client.followRedirects(); }
        @Override public Optional<ProxySelector> proxy() { return client.proxy(); }
        @Override public SSLContext sslContext() { return client.sslContext(); }
        @Override public SSLParameters sslParameters() { return client.sslParameters(); }
        @Override public Optional<Authenticator> authenticator() { return client.authenticator(); }
        @Override public Version version() { return client.version(); }
        @Override public Optional<Executor> executor() { return client.executor(); }
    }
}
