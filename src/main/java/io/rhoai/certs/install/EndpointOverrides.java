package io.rhoai.certs.install;

import io.rhoai.core.RhoaiException;

/**
 * Where to connect for the wire check instead of the DNS name ({@code --ingress-endpoint}, {@code --api-endpoint}):
 * the SNI name stays the real one. Useful behind a bastion, with split DNS, and in tests (a loopback TLS server).
 */
public record EndpointOverrides(HostPort ingress, HostPort api) {
    public static final EndpointOverrides NONE = new EndpointOverrides(null, null);

    public record HostPort(String host, int port) {
        public static HostPort parse(String text, String flag) {
            if (text == null || text.isBlank()) return null;
            int colon = text.lastIndexOf(':');
            try {
                if (colon <= 0 || colon == text.length() - 1) throw new NumberFormatException();
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 1 || port > 65535) throw new NumberFormatException();
                String host = text.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw RhoaiException.invalid(flag + ": '" + text + "' is not host:port", "use e.g. " + flag + " 10.0.0.5:443");
            }
        }
    }

    public TlsProber.Endpoint ingress(String sniHost) {
        return ingress == null ? new TlsProber.Endpoint(sniHost, sniHost, 443) : new TlsProber.Endpoint(sniHost, ingress.host(), ingress.port());
    }

    public TlsProber.Endpoint api(String sniHost) {
        return api == null ? new TlsProber.Endpoint(sniHost, sniHost, 6443) : new TlsProber.Endpoint(sniHost, api.host(), api.port());
    }
}
