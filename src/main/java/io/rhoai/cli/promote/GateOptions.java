package io.rhoai.cli.promote;

import io.rhoai.promote.gate.ArgoApplicationGate;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** How to reach the source cluster for the gate. */
public final class GateOptions {
    @Option(names = "--source-kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig of the source cluster (default: KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--source-context", paramLabel = "NAME",
            description = "Kubeconfig context of the source cluster (default: the current context, never changed).")
    String context;

    @Option(names = "--argocd-namespace", paramLabel = "NS", defaultValue = ArgoApplicationGate.DEFAULT_NAMESPACE,
            description = "Namespace of the source cluster's Argo CD Applications (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Timeout of each Kubernetes API request (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--skip-gate", description = "Do not check the source cluster; recorded in the result and the pull request.")
    boolean skip;
}
