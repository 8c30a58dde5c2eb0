package io.rhoai.certs.acme;

import io.rhoai.core.RhoaiException;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** ACME server names and where each server's account key lives (one key per server: staging and prod never share). */
public final class AcmeServers {
    public static final String LETSENCRYPT = "letsencrypt";
    public static final String LETSENCRYPT_STAGING = "letsencrypt-staging";
    public static final URI LETSENCRYPT_URL = URI.create("https://acme-v02.api.letsencrypt.org/directory");
    public static final URI LETSENCRYPT_STAGING_URL = URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");

    private AcmeServers() { }

    public static URI directory(String server) {
        String s = server == null || server.isBlank() ? LETSENCRYPT : server.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case LETSENCRYPT: return LETSENCRYPT_URL;
            case LETSENCRYPT_STAGING: return LETSENCRYPT_STAGING_URL;
            default: break;
        }
        URI uri;
        try {
            uri = URI.create(s);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw RhoaiException.invalid("--acme-server: '" + s + "' is neither a known server nor an https directory URL",
                    "use letsencrypt, letsencrypt-staging or https://host/dir");
        }
        return uri;
    }

    /** {@code <stateDir>/acme/<host>[_port]}: the account key of that server. */
    public static Path accountDir(Path stateDir, URI directory) {
        String dir = directory.getHost().toLowerCase(Locale.ROOT) + (directory.getPort() > 0 ? "_" + directory.getPort() : "");
        return stateDir.resolve("acme").resolve(dir.replace(':', '_'));
    }
}
