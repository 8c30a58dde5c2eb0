package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * What of an API server's error message may be shown. An API server or admission webhook that rejects a write may
 * quote the submitted object, and for a Secret that object holds the secret (base64 in {@code data}); so errors about
 * Secrets are summarised from the status code and reason, and the message body is never printed.
 */
public final class RemoteMessages {
    private RemoteMessages() { }

    /** The detail to show for {@code e}: the server's message, or a summary when it concerns a Secret. */
    public static String detail(KubernetesClientException e) {
        Status status = e.getStatus();
        if (concernsSecret(e)) {
            String name = e.getName() != null ? e.getName()
                    : status != null && status.getDetails() != null ? status.getDetails().getName() : null;
            String ref = (e.getNamespace() != null ? e.getNamespace() + "/" : "") + (name != null ? name : "(unnamed)");
            String reason = status != null && status.getReason() != null && !status.getReason().isBlank() ? ": " + status.getReason() : "";
            return "the API server rejected Secret " + ref + " (HTTP " + e.getCode() + ")" + reason
                    + " (the server's message is not shown: it may quote the secret)";
        }
        return status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    }

    static boolean concernsSecret(KubernetesClientException e) {
        boolean core = e.getGroup() == null || e.getGroup().isEmpty();
        if (core && "secrets".equals(e.getResourcePlural())) return true;
        Status status = e.getStatus();
        if (status == null || status.getDetails() == null) return false;
        String kind = status.getDetails().getKind();
        String group = status.getDetails().getGroup();
        return (group == null || group.isEmpty()) && ("secrets".equals(kind) || "Secret".equals(kind));
    }
}
