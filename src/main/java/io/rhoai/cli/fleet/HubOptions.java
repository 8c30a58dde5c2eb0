package io.rhoai.cli.fleet;

import io.rhoai.kube.KubeTarget;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The hub cluster: its profile ({@code --hub}) and how to reach it ({@code --hub-kubeconfig}, {@code --hub-context}),
 * resolved like {@code --kubeconfig}/{@code --context} (KUBECONFIG, ~/.kube/config; the current context is never changed).
 */
public final class HubOptions {
    @Option(names = "--hub", paramLabel = "PROFILE", required = true,
            description = "Profile of the hub cluster, whose Argo CD manages the fleet: its full name or a unique suffix after a dash.")
    public String hub;

    @Option(names = "--hub-kubeconfig", paramLabel = "FILE", description = "Kubeconfig for the hub (default: KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--hub-context", paramLabel = "NAME", description = "Kubeconfig context of the hub (default: the kubeconfig's current context).")
    String context;

    public KubeTarget target(Map<String, String> env, Duration requestTimeout) {
        return new KubeTarget(kubeconfig, context, requestTimeout, env);
    }
}
