package io.rhoai.certs.install;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The names clients use for the cluster's router and API server, and a random router name for the wire check. */
record Hosts(String clusterName, String baseDomain, String randomLabel) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Hosts of(String clusterName, String baseDomain) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return new Hosts(clusterName, baseDomain, "rhoai-check-" + HexFormat.of().formatHex(b));
    }

    String api() {
        return "api." + clusterName + "." + baseDomain;
    }

    String appsDomain() {
        return "apps." + clusterName + "." + baseDomain;
    }

    /** A random name under *.apps, so the check hits the wildcard (default) certificate, not a route's own. */
    String ingressSni() {
        return randomLabel + "." + appsDomain();
    }
}
