package io.rhoai.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;

import java.util.ArrayList;
import java.util.List;

/**
 * The reads of one OAuth run, each retried through {@link Retry} (429, 5xx, dropped connections) within the run's one
 * {@link Deadline}. The engines reason about other parties' objects as JSON trees, so entries rhoai does not model (a
 * hand-added provider's fields) are seen exactly as stored.
 */
final class Reads {
    private final KubernetesClient client;
    private final Kinds kinds;
    private final Deadline deadline;

    Reads(KubernetesClient client, Deadline deadline) {
        this.client = client;
        this.kinds = new Kinds(client);
        this.deadline = deadline;
    }

    /** The object, or null when it does not exist. */
    GenericKubernetesResource get(ResourceDefinitionContext kind, String namespace, String name) {
        return Retry.call("read " + kind.getKind() + " " + (namespace == null ? "" : namespace + "/") + name, deadline,
                kinds.resource(kind, namespace, name)::get);
    }

    /** The object as a JSON tree, or null when it does not exist. */
    ObjectNode tree(ResourceDefinitionContext kind, String namespace, String name) {
        return tree(get(kind, namespace, name));
    }

    /** Every object of a cluster-scoped kind; a kind this server does not serve (404: not OpenShift) lists as empty. */
    List<ObjectNode> list(ResourceDefinitionContext kind) {
        List<GenericKubernetesResource> items;
        try {
            items = Retry.call("list " + kind.getPlural(), deadline, () -> client.genericKubernetesResources(kind).list().getItems());
        } catch (RhoaiException e) {
            if (Retry.status(e) == 404) return List.of();
            throw e;
        }
        List<ObjectNode> trees = new ArrayList<>();
        items.forEach(i -> trees.add(tree(i)));
        return trees;
    }

    static ObjectNode tree(GenericKubernetesResource o) {
        return o == null ? null : Mappers.json().valueToTree(o);
    }
}
