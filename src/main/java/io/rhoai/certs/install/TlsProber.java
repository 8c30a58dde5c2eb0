package io.rhoai.certs.install;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/** Fetches the certificate chain an endpoint serves for a TLS handshake with a given SNI name. */
public interface TlsProber {
    List<X509Certificate> servedChain(Endpoint endpoint, Duration timeout) throws IOException;

    /** Connect to {@code connectHost:port}, asking for {@code sniHost} (they differ when tests or --*-endpoint redirect). */
    record Endpoint(String sniHost, String connectHost, int port) {
        public String display() {
            String target = connectHost + ":" + port;
            return sniHost.equals(connectHost) ? target : target + " (SNI " + sniHost + ")";
        }
    }
}
