package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.rhoai.core.RhoaiException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps apiVersion + kind to the REST resource (plural, scope). The kinds rhoai writes are known up front, so a run
 * makes no discovery requests for them; any other kind is looked up once through API discovery and cached.
 */
public final class Kinds {
    public static final ResourceDefinitionContext NAMESPACE = core("Namespace", "namespaces", false);
    public static final ResourceDefinitionContext SECRET = core("Secret", "secrets", true);
    public static final ResourceDefinitionContext CONFIG_MAP = core("ConfigMap", "configmaps", true);
    public static final ResourceDefinitionContext SERVICE_ACCOUNT = core("ServiceAccount", "serviceaccounts", true);
    public static final ResourceDefinitionContext ROLE = ctx("rbac.authorization.k8s.io", "v1", "Role", "roles", true);
    public static final ResourceDefinitionContext ROLE_BINDING = ctx("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true);
    public static final ResourceDefinitionContext CLUSTER_ROLE = ctx("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
    public static final ResourceDefinitionContext CLUSTER_ROLE_BINDING = ctx("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false);
    public static final ResourceDefinitionContext CRD = ctx("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    public static final ResourceDefinitionContext OPERATOR_GROUP = ctx("operators.coreos.com", "v1", "OperatorGroup", "operatorgroups", true);
    public static final ResourceDefinitionContext SUBSCRIPTION = ctx("operators.coreos.com", "v1alpha1", "Subscription", "subscriptions", true);
    public static final ResourceDefinitionContext INSTALL_PLAN = ctx("operators.coreos.com", "v1alpha1", "InstallPlan", "installplans", true);
    public static final ResourceDefinitionContext CSV = ctx("operators.coreos.com", "v1alpha1", "ClusterServiceVersion", "clusterserviceversions", true);
    public static final ResourceDefinitionContext PACKAGE_MANIFEST = ctx("packages.operators.coreos.com", "v1", "PackageManifest", "packagemanifests", true);
    public static final ResourceDefinitionContext ARGOCD = ctx("argoproj.io", "v1beta1", "ArgoCD", "argocds", true);
    public static final ResourceDefinitionContext APP_PROJECT = ctx("argoproj.io", "v1alpha1", "AppProject", "appprojects", true);
    public static final ResourceDefinitionContext APPLICATION = ctx("argoproj.io", "v1alpha1", "Application", "applications", true);
    public static final ResourceDefinitionContext APPLICATION_SET = ctx("argoproj.io", "v1alpha1", "ApplicationSet", "applicationsets", true);
    public static final ResourceDefinitionContext ROUTE = ctx("route.openshift.io", "v1", "Route", "routes", true);
    public static final ResourceDefinitionContext MACHINE_SET = ctx("machine.openshift.io", "v1beta1", "MachineSet", "machinesets", true);
    public static final ResourceDefinitionContext MACHINE = ctx("machine.openshift.io", "v1beta1", "Machine", "machines", true);
    public static final ResourceDefinitionContext MACHINE_AUTOSCALER = ctx("autoscaling.openshift.io", "v1beta1", "MachineAutoscaler", "machineautoscalers", true);
    public static final ResourceDefinitionContext CLUSTER_AUTOSCALER = ctx("autoscaling.openshift.io", "v1", "ClusterAutoscaler", "clusterautoscalers", false);
    public static final ResourceDefinitionContext DEPLOYMENT = ctx("apps", "v1", "Deployment", "deployments", true);
    public static final ResourceDefinitionContext OAUTH = ctx("config.openshift.io", "v1", "OAuth", "oauths", false);
    public static final ResourceDefinitionContext API_SERVER = ctx("config.openshift.io", "v1", "APIServer", "apiservers", false);
    public static final ResourceDefinitionContext CLUSTER_OPERATOR = ctx("config.openshift.io", "v1", "ClusterOperator", "clusteroperators", false);
    public static final ResourceDefinitionContext INFRASTRUCTURE = ctx("config.openshift.io", "v1", "Infrastructure", "infrastructures", false);
    public static final ResourceDefinitionContext CLUSTER_VERSION = ctx("config.openshift.io", "v1", "ClusterVersion", "clusterversions", false);
    public static final ResourceDefinitionContext INGRESS_CONTROLLER = ctx("operator.openshift.io", "v1", "IngressController", "ingresscontrollers", true);
    public static final ResourceDefinitionContext KUBE_API_SERVER = ctx("operator.openshift.io", "v1", "KubeAPIServer", "kubeapiservers", false);
    public static final ResourceDefinitionContext USER = ctx("user.openshift.io", "v1", "User", "users", false);
    public static final ResourceDefinitionContext IDENTITY = ctx("user.openshift.io", "v1", "Identity", "identities", false);
    public static final ResourceDefinitionContext GROUP = ctx("user.openshift.io", "v1", "Group", "groups", false);
    public static final ResourceDefinitionContext INFERENCE_SERVICE = ctx("serving.kserve.io", "v1beta1", "InferenceService", "inferenceservices", true);

    private static final Map<String, ResourceDefinitionContext> KNOWN = new ConcurrentHashMap<>();

    static {
        for (ResourceDefinitionContext c : new ResourceDefinitionContext[] {NAMESPACE, SECRET, CONFIG_MAP, SERVICE_ACCOUNT, ROLE, ROLE_BINDING, CLUSTER_ROLE,
                CLUSTER_ROLE_BINDING, CRD, OPERATOR_GROUP, SUBSCRIPTION, INSTALL_PLAN, CSV, PACKAGE_MANIFEST, ARGOCD,
                APP_PROJECT, APPLICATION, APPLICATION_SET, ROUTE, MACHINE_SET, MACHINE, MACHINE_AUTOSCALER, CLUSTER_AUTOSCALER,
                DEPLOYMENT, OAUTH, API_SERVER, CLUSTER_OPERATOR, INFRASTRUCTURE, CLUSTER_VERSION, INGRESS_CONTROLLER, KUBE_API_SERVER, USER,
                IDENTITY, GROUP, INFERENCE_SERVICE}) {
            KNOWN.put(key(apiVersion(c), c.getKind()), c);
        }
    }

    private final KubernetesClient client;
    private final Map<String, ResourceDefinitionContext> discovered = new ConcurrentHashMap<>();

    public Kinds(KubernetesClient client) {
        this.client = client;
    }

    /** The known context for a kind, or null; needs no cluster. */
    public static ResourceDefinitionContext known(String apiVersion, String kind) {
        return KNOWN.get(key(apiVersion, kind));
    }

    public ResourceDefinitionContext of(String apiVersion, String kind) {
        ResourceDefinitionContext c = known(apiVersion, kind);
        if (c != null) return c;
        return discovered.computeIfAbsent(key(apiVersion, kind), k -> discover(apiVersion, kind));
    }

    public ResourceDefinitionContext of(GenericKubernetesResource obj) {
        return of(obj.getApiVersion(), obj.getKind());
    }

    /** The operations on one object (reads, and writes of this very object), in its namespace when namespaced. */
    public Resource<GenericKubernetesResource> resource(GenericKubernetesResource obj) {
        ResourceDefinitionContext ctx = of(obj);
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(ctx);
        return ctx.isNamespaceScoped() ? op.inNamespace(obj.getMetadata().getNamespace()).resource(obj) : op.resource(obj);
    }

    public Resource<GenericKubernetesResource> resource(ResourceDefinitionContext ctx, String namespace, String name) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(ctx);
        return ctx.isNamespaceScoped() ? op.inNamespace(namespace).withName(name) : op.withName(name);
    }

    public static String apiVersion(ResourceDefinitionContext c) {
        return c.getGroup() == null || c.getGroup().isEmpty() ? c.getVersion() : c.getGroup() + "/" + c.getVersion();
    }

    private ResourceDefinitionContext discover(String apiVersion, String kind) {
        APIResourceList list;
        try {
            list = client.getApiResources(apiVersion);
        } catch (RuntimeException e) {
            list = null;
        }
        if (list != null && list.getResources() != null) {
            for (APIResource r : list.getResources()) {
                if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
                    return ResourceDefinitionContext.fromApiResource(apiVersion, r);
                }
            }
        }
        throw RhoaiException.precondition("the cluster serves no " + kind + " in " + apiVersion,
                "install the operator or CRD that provides " + kind + " first");
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + "/" + kind;
    }

    private static ResourceDefinitionContext core(String kind, String plural, boolean namespaced) {
        return ctx("", "v1", kind, plural, namespaced);
    }

    private static ResourceDefinitionContext ctx(String group, String version, String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
