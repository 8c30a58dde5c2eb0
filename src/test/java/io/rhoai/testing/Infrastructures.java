package io.rhoai.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.kube.Kinds;

import java.util.Map;

/**
 * The {@code Infrastructure} {@code cluster} object an installer-made OpenShift cluster has, for the shared fakes: every
 * command that writes reads it first (cluster identity check), so a fake that stands for the profile's cluster serves it.
 */
public final class Infrastructures {
    private Infrastructures() { }

    public static GenericKubernetesResource of(String clusterName, String baseDomain) {
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion("config.openshift.io/v1");
        o.setKind("Infrastructure");
        o.setMetadata(new ObjectMetaBuilder().withName("cluster").build());
        String url = "https://api." + clusterName + "." + baseDomain + ":6443";
        o.setAdditionalProperty("spec", Map.of("platformSpec", Map.of("type", "AWS")));
        o.setAdditionalProperty("status", Map.of("apiServerURL", url, "apiServerInternalURI", url.replace("://api.", "://api-int."),
                "infrastructureName", clusterName + "-x7k2p", "platform", "AWS",
                "platformStatus", Map.of("type", "AWS", "aws", Map.of("region", "us-west-2"))));
        return o;
    }

    /** Creates Infrastructure/cluster saying the cluster is api.{clusterName}.{baseDomain}:6443. */
    public static void create(KubernetesClient client, String clusterName, String baseDomain) {
        var infrastructures = client.genericKubernetesResources(Kinds.INFRASTRUCTURE);
        GenericKubernetesResource wanted = of(clusterName, baseDomain);
        GenericKubernetesResource created = infrastructures.resource(wanted).create();
        if (created.getAdditionalProperties().get("status") == null) {
            // a store that treats status as a subresource (as the real API server does) drops it on create
            created.setAdditionalProperty("status", wanted.getAdditionalProperties().get("status"));
            infrastructures.resource(created).updateStatus();
        }
    }
}
