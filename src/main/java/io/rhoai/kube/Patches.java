package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The one-field edits rhoai makes to objects it does not own (approving an OLM InstallPlan): a JSON merge patch under
 * field manager {@value Ownership#FIELD_MANAGER}, as {@code oc patch --type merge} sends it. Here so that only
 * {@code kube/} speaks the client's patch types.
 */
public final class Patches {
    private Patches() { }

    public static GenericKubernetesResource merge(Resource<GenericKubernetesResource> resource, String json) {
        return resource.patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(Ownership.FIELD_MANAGER).build(), json);
    }
}
