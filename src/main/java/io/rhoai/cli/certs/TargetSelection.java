package io.rhoai.cli.certs;

import picocli.CommandLine.Option;

/** Which targets to touch: both by default; the two flags exclude each other (picocli ArgGroup). */
public final class TargetSelection {
    @Option(names = {"--ingress-only", "--skip-api-server"},
            description = "Only the router (IngressController default); leave the API server certificate alone.")
    boolean ingressOnly;

    @Option(names = "--api-only", description = "Only the API server (APIServer cluster namedCertificates); leave the router alone.")
    boolean apiOnly;

    boolean ingress() {
        return !apiOnly;
    }

    boolean apiServer() {
        return !ingressOnly;
    }

    static boolean ingress(TargetSelection s) {
        return s == null || s.ingress();
    }

    static boolean apiServer(TargetSelection s) {
        return s == null || s.apiServer();
    }
}
