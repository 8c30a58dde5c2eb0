package io.rhoai.kube;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Which cluster to talk to, as the user said it: {@code --kubeconfig} (or {@code KUBECONFIG}, a colon-separated list),
 * {@code --context} (default: the kubeconfig's current context, which rhoai never changes), and the per-request timeout.
 */
public record KubeTarget(Path kubeconfig, String context, Duration requestTimeout, Map<String, String> env) { }
