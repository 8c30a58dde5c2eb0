package io.rhoai.cli;

import io.rhoai.kube.KubeTarget;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** kubectl's cluster-access flags, as a mixin for every command that talks to a cluster. */
public final class KubeOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use (default: its current context, which is never changed).")
    String context;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Timeout of each API request (default: ${DEFAULT-VALUE}); no request outlives the run's --timeout.")
    Duration requestTimeout;

    public KubeTarget target(Map<String, String> env) {
        return new KubeTarget(kubeconfig, context, requestTimeout, env);
    }
}
