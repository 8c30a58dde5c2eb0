package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.HashMap;
import java.util.Map;

/**
 * Who rhoai is on a cluster, in one place: the field manager of its writes and the label on what it made.
 *
 * <p>{@link #HANDOVER_MANAGER} owns fields rhoai sets only when it creates an object and then leaves to another party
 * (a GPU MachineSet's {@code spec.replicas}, which belongs to the autoscaler). It is the hand-over the Kubernetes
 * server-side-apply documentation describes for replicas and the HPA: the field is applied once under this second
 * manager, so when rhoai's own applies stop sending it the API server keeps the value (another manager still owns it)
 * instead of removing it and letting the CRD default (1 replica, a paid GPU node) apply. Whoever changes the field next
 * (the autoscaler) takes it over.
 */
public final class Ownership {
    public static final String FIELD_MANAGER = "rhoai";
    public static final String HANDOVER_MANAGER = "rhoai-handover";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "rhoai";

    private Ownership() { }

    /** A copy of {@code desired} carrying the managed-by label. */
    public static GenericKubernetesResource labelled(GenericKubernetesResource desired) {
        GenericKubernetesResource copy = Serialization.clone(desired);
        Map<String, String> labels = copy.getMetadata().getLabels() == null ? new HashMap<>() : new HashMap<>(copy.getMetadata().getLabels());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        copy.getMetadata().setLabels(labels);
        return copy;
    }

    /** True when the object carries rhoai's managed-by label. */
    public static boolean isManaged(HasMetadata obj) {
        return obj != null && obj.getMetadata() != null && obj.getMetadata().getLabels() != null
                && MANAGED_BY.equals(obj.getMetadata().getLabels().get(MANAGED_BY_LABEL));
    }

    /** The same test on a JSON tree. */
    public static boolean isManaged(com.fasterxml.jackson.databind.JsonNode obj) {
        return obj != null && MANAGED_BY.equals(obj.path("metadata").path("labels").path(MANAGED_BY_LABEL).asText(null));
    }
}
