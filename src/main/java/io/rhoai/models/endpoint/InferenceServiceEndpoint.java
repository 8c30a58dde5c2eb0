package io.rhoai.models.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;

import java.net.URI;

/**
 * The endpoint of a KServe InferenceService: its {@code status.url}, read with one GET (retried only on 429, 5xx and
 * dropped connections, within the run's deadline). The InferenceService must exist and have a URL (it is Ready, or at
 * least routed); nothing else of the cluster is read.
 */
public final class InferenceServiceEndpoint implements EndpointTestRequest.EndpointSource {
    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    /** @param namespace null: the kubeconfig context's namespace, as kubectl does */
    public InferenceServiceEndpoint(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
        this.name = name;
    }

    @Override
    public URI resolve(Deadline deadline) {
        String what = "InferenceService " + namespace + "/" + name;
        GenericKubernetesResource isvc = Retry.call("read " + what, deadline, new Kinds(client).resource(Kinds.INFERENCE_SERVICE, namespace, name)::get);
        if (isvc == null) {
            throw RhoaiException.precondition(what + " does not exist (or KServe is not installed on this cluster)",
                    "check the name and namespace: kubectl get inferenceservices -n " + namespace + "; or pass the endpoint with --url");
        }
        JsonNode tree = Mappers.json().valueToTree(isvc);
        String url = tree.path("status").path("url").asText("");
        if (url.isEmpty()) {
            throw RhoaiException.precondition(what + " has no status.url yet (not Ready)",
                    "wait until 'kubectl get inferenceservice " + name + " -n " + namespace + "' shows READY True, then run again");
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw RhoaiException.precondition(what + ": status.url '" + url + "' is not a URL", "pass the endpoint with --url");
        }
    }

    @Override
    public String describe() {
        return "InferenceService " + namespace + "/" + name + " status.url";
    }
}
