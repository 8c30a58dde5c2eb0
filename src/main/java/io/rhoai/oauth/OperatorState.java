package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Rollouts;

import java.util.Map;

/**
 * ClusterOperator {@code authentication} as {@code -o json} reports it: its three conditions, Progressing's transition
 * time, the message of a condition that is True, and {@code state}, the one-line text of {@link Rollouts} (the same
 * text a wait shows).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorState(boolean present, String available, String progressing, String degraded, String progressingSince,
                            String message, String state) {
    /** The ClusterOperator whose rollouts carry every change of OAuth/cluster to the OAuth server. */
    public static final String AUTHENTICATION = "authentication";

    static OperatorState of(GenericKubernetesResource co) {
        String state = Rollouts.describe(co, AUTHENTICATION);
        if (co == null) return new OperatorState(false, null, null, null, null, null, state);
        String message = null;
        String since = null;
        for (Map<String, Object> c : Fields.list(co, "status", "conditions")) {
            boolean isTrue = "True".equals(c.get("status"));
            if ("Progressing".equals(c.get("type"))) since = c.get("lastTransitionTime") == null ? null : String.valueOf(c.get("lastTransitionTime"));
            if (isTrue && ("Progressing".equals(c.get("type")) || "Degraded".equals(c.get("type"))) && c.get("message") != null) {
                message = String.valueOf(c.get("message"));
            }
        }
        return new OperatorState(true, Fields.condition(co, "Available"), Fields.condition(co, "Progressing"),
                Fields.condition(co, "Degraded"), since, message, state);
    }

    public boolean availableTrue() {
        return "True".equals(available);
    }
}
