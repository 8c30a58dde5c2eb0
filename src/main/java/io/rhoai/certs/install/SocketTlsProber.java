package io.rhoai.certs.install;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain TLS handshake, like {@code openssl s_client -servername}. It accepts any certificate on purpose: the point is
 * to see which one is served and compare its fingerprint, not to trust it; no data is sent after the handshake.
 */
public final class SocketTlsProber implements TlsProber {

    @Override
    public List<X509Certificate> servedChain(Endpoint endpoint, Duration timeout) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnything()}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is unavailable: " + e.getMessage(), e);
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(endpoint.connectHost(), endpoint.port()), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.sniHost(), endpoint.port(), false)) {
                SSLParameters params = tls.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName(endpoint.sniHost())));
                tls.setSSLParameters(params);
                tls.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : tls.getSession().getPeerCertificates()) chain.add((X509Certificate) c);
                return chain;
            }
        }
    }

    private static final class AcceptAnything implements X509TrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
