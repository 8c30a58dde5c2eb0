package io.rhoai.cli.certs;

import io.rhoai.certs.install.EndpointOverrides;
import picocli.CommandLine.Option;

/** Where the wire check connects, when not to the DNS names (the SNI name stays the real one). */
public final class EndpointOptions {
    @Option(names = "--ingress-endpoint", paramLabel = "HOST:PORT",
            description = "Connect here for the router check instead of <random>.apps.<cluster>.<baseDomain>:443.")
    String ingress;

    @Option(names = "--api-endpoint", paramLabel = "HOST:PORT",
            description = "Connect here for the API server check instead of api.<cluster>.<baseDomain>:6443.")
    String api;

    public EndpointOverrides overrides() {
        return new EndpointOverrides(EndpointOverrides.HostPort.parse(ingress, "--ingress-endpoint"),
                EndpointOverrides.HostPort.parse(api, "--api-endpoint"));
    }
}
