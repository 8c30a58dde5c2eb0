package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.yaml.Mappers;

import java.util.function.Supplier;

/**
 * The OpenShift objects the installer reads and writes, addressed without API discovery (so it works against any
 * server, the mock included), plus the one write path: a JSON patch guarded by the resourceVersion that was read,
 * sent with field manager {@code rhoai}, retried from a fresh read on 409.
 */
final class OpenShiftResources {
    static final String FIELD_MANAGER = "rhoai";
    static final String INGRESS_OPERATOR_NAMESPACE = "openshift-ingress-operator";
    static final String INGRESS_NAMESPACE = "openshift-ingress";
    static final String CONFIG_NAMESPACE = "openshift-config";
    static final String ROUTER_DEPLOYMENT = "router-default";
    /** The secret the ingress operator generates and uses when defaultCertificate is unset. */
    static final String ROUTER_DEFAULT_SECRET = "router-certs-default";

    static final ResourceDefinitionContext INGRESS_CONTROLLER = context("operator.openshift.io", "v1", "IngressController", "ingresscontrollers", true);
    static final ResourceDefinitionContext API_SERVER = context("config.openshift.io", "v1", "APIServer", "apiservers", false);
    static final ResourceDefinitionContext CLUSTER_OPERATOR = context("config.openshift.io", "v1", "ClusterOperator", "clusteroperators", false);
    static final ResourceDefinitionContext KUBE_API_SERVER = context("operator.openshift.io", "v1", "KubeAPIServer", "kubeapiservers", false);

    static final int CONFLICT_ATTEMPTS = 5;

    private OpenShiftResources() { }

    private static ResourceDefinitionContext context(String group, String version, String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    static Resource<GenericKubernetesResource> ingressController(KubernetesClient client) {
        return client.genericKubernetesResources(INGRESS_CONTROLLER).inNamespace(INGRESS_OPERATOR_NAMESPACE).withName("default");
    }

    static Resource<GenericKubernetesResource> apiServer(KubernetesClient client) {
        return client.genericKubernetesResources(API_SERVER).withName("cluster");
    }

    static Resource<GenericKubernetesResource> clusterOperator(KubernetesClient client, String name) {
        return client.genericKubernetesResources(CLUSTER_OPERATOR).withName(name);
    }

    static Resource<GenericKubernetesResource> kubeApiServer(KubernetesClient client) {
        return client.genericKubernetesResources(KUBE_API_SERVER).withName("cluster");
    }

    /** The object as a JSON tree, or null when absent. */
    static JsonNode tree(Resource<GenericKubernetesResource> resource) {
        GenericKubernetesResource r = resource.get();
        return r == null ? null : Mappers.json().valueToTree(r);
    }

    static JsonNode require(Resource<GenericKubernetesResource> resource, String what, String hint) {
        JsonNode t = tree(resource);
        if (t == null) throw RhoaiException.precondition(what + " does not exist in the cluster", hint);
        return t;
    }

    /**
     * A JSON patch (RFC 6902) that first sets metadata.resourceVersion to the value that was read: the API server
     * treats that as a precondition and answers 409 if the object changed since. JSON patch (not merge patch) because
     * it replaces a list as a whole, with no server-specific list merging.
     */
    static void guardedPatch(Resource<GenericKubernetesResource> resource, JsonNode readObject, ArrayNode operations) {
        ArrayNode ops = Mappers.json().createArrayNode();
        ops.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
                .put("value", readObject.path("metadata").path("resourceVersion").asText());
        ops.addAll(operations);
        resource.patch(new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager(FIELD_MANAGER).build(), ops.toString());
    }

    /** An "add" operation for {@code path} that also works when the parents are missing (add replaces an existing member). */
    static ObjectNode addAt(JsonNode object, JsonNode value, String... path) {
        JsonNode node = object;
        int depth = 0;
        while (depth < path.length - 1 && node.has(path[depth]) && node.get(path[depth]).isObject()) {
            node = node.get(path[depth]);
            depth++;
        }
        JsonNode v = value;
        for (int i = path.length - 1; i > depth; i--) {
            ObjectNode wrapper = Mappers.json().createObjectNode();
            wrapper.set(path[i], v);
            v = wrapper;
        }
        ObjectNode op = Mappers.json().createObjectNode();
        op.put("op", "add").put("path", "/" + String.join("/", java.util.Arrays.copyOfRange(path, 0, depth + 1))).set("value", v);
        return op;
    }

    /**
     * Runs one read-modify-write; on 409 (someone changed the object between our read and our write) reads again and
     * re-applies the change to the fresh object, so their change is kept and ours is not lost.
     */
    static <T> T retryOnConflict(String what, Supplier<T> readModifyWrite) {
        KubernetesClientException last = null;
        for (int attempt = 1; attempt <= CONFLICT_ATTEMPTS; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) throw e;
                last = e;
            }
        }
        throw RhoaiException.remote(what + " kept changing under us (" + CONFLICT_ATTEMPTS + " conflicts in a row)",
                "another controller is rewriting it; find it with: oc get " + what + " -o yaml --show-managed-fields", last);
    }

    static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) n = n.path(p);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** The condition's status ("True"/"False"/"Unknown") on an object with status.conditions, or null. */
    static String condition(JsonNode object, String type) {
        if (object == null) return null;
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) return c.path("status").asText(null);
        }
        return null;
    }
}
