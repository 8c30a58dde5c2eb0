package io.rhoai.gitops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.kube.Applier.Applied;

import java.util.List;

/**
 * What a bootstrap did. {@code objects}: every object and its outcome, in apply order. {@code manifests}: the rendered
 * objects (secrets masked), filled for --dry-run=client only.
 */
@RegisterForReflection
public record BootstrapResult(String cluster, String dryRun, String channel, String channelSource,
                              String subscription, boolean adopted, String operatorVersion, String argocdURL,
                              String controllerRole, boolean changed, List<Applied> objects, List<AppState> applications,
                              List<GenericKubernetesResource> manifests) {

    /** One Argo CD Application as last seen. */
    @RegisterForReflection
    public record AppState(String name, String project, String sync, String health, String revision) { }
}
