package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** The authentication ClusterOperator, which rolls out every change of {@code OAuth/cluster} to the OAuth server. */
public final class AuthOperator {
    static final String PATH = KubeJson.path("config.openshift.io", "v1", "clusteroperators", null, "authentication");

    private AuthOperator() { }

    /** One reading of its conditions; {@code progressingSince} is Progressing's lastTransitionTime. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record State(boolean present, String available, String progressing, String degraded, String progressingSince,
                        String message) {
        static final State ABSENT = new State(false, null, null, null, null, null);

        public boolean availableTrue() {
            return "True".equals(available);
        }

        public boolean progressingTrue() {
            return "True".equals(progressing);
        }

        /** Settled: Available, not Progressing, not Degraded. */
        public boolean settled() {
            return availableTrue() && "False".equals(progressing) && !"True".equals(degraded);
        }

        public String describe() {
            if (!present) return "ClusterOperator authentication not found";
            return "Available=" + orUnknown(available) + " Progressing=" + orUnknown(progressing) + " Degraded=" + orUnknown(degraded)
                    + (message == null || message.isEmpty() ? "" : " (" + message + ")");
        }

        private static String orUnknown(String s) {
            return s == null ? "Unknown" : s;
        }
    }

    static State read(KubeJson kube) {
        Optional<ObjectNode> co = kube.get(PATH);
        if (co.isEmpty()) return State.ABSENT;
        String available = null, progressing = null, degraded = null, since = null, message = null;
        for (JsonNode c : co.get().path("status").path("conditions")) {
            String status = c.path("status").asText(null);
            switch (c.path("type").asText("")) {
                case "Available" -> available = status;
                case "Progressing" -> {
                    progressing = status;
                    since = c.path("lastTransitionTime").asText(null);
                    if ("True".equals(status)) message = c.path("message").asText(null);
                }
                case "Degraded" -> {
                    degraded = status;
                    if ("True".equals(status)) message = c.path("message").asText(null);
                }
                default -> { }
            }
        }
        return new State(true, available, progressing, degraded, since, message);
    }
}
