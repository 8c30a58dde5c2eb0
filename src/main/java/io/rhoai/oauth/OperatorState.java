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
        Map<String, Object> progressing = Fields.conditionOf(co, "Progressing");
        String since = progressing == null || progressing.get("lastTransitionTime") == null ? null : String.valueOf(progressing.get("lastTransitionTime"));
        String message = null;
        for (String type : new String[] {"Progressing", "Degraded"}) {
            Map<String, Object> c = Fields.conditionOf(co, type);
            if (c != null && "True".equals(c.get("status")) && c.get("message") != null) message = String.valueOf(c.get("message"));
        }
        return new OperatorState(true, Fields.condition(co, "Available"), Fields.condition(co, "Progressing"),
                Fields.condition(co, "Degraded"), since, message, state);
    }

    public boolean availableTrue() {
        return "True".equals(available);
    }
}
