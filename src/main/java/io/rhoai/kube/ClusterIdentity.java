package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;

import java.net.URI;
import java.util.Locale;

/**
 * Which cluster a client talks to, read before anything is written to it, so that a kube context pointing at the
 * wrong cluster is refused instead of written to. ONE request: the {@code Infrastructure} {@code cluster} object
 * (config.openshift.io/v1: {@code status.apiServerURL}, {@code status.infrastructureName},
 * {@code status.platformStatus.type}); when that kind is not served (404: not OpenShift, or a stripped-down API),
 * the kube context's own server URL stands for it.
 *
 * <p>A profile's cluster is {@code https://api.<spec.cluster.name>.<spec.cluster.baseDomain>:6443}, as the installer
 * makes it; the check compares host (case-insensitive) and port.
 */
public final class ClusterIdentity {
    public static final int API_PORT = 6443;
    public static final String FROM_INFRASTRUCTURE = "Infrastructure/cluster";
    public static final String FROM_KUBECONFIG = "kubeconfig";

    /**
     * @param apiServerURL       the API server the cluster says it is (or the kube context's server, see {@code source})
     * @param infrastructureName the installer's infra ID ({@code <name>-<5 chars>}), null from the kubeconfig
     * @param platform           AWS, GCP, None, … (null from the kubeconfig)
     * @param source             {@value #FROM_INFRASTRUCTURE} or {@value #FROM_KUBECONFIG}
     */
    @RegisterForReflection
    public record Identity(String apiServerURL, String infrastructureName, String platform, String source) { }

    private ClusterIdentity() { }

    /** The profile's API URL, as the installer names it. */
    public static String expectedApiURL(String clusterName, String baseDomain) {
        return "https://api." + clusterName + "." + baseDomain + ":" + API_PORT;
    }

    /** Reads the identity: one GET of Infrastructure/cluster, or none beyond it when the kind is not served. */
    public static Identity read(KubernetesClient client, Deadline deadline) {
        GenericKubernetesResource infra = Retry.call("read Infrastructure cluster (the cluster's identity)", deadline,
                () -> client.genericKubernetesResources(Kinds.INFRASTRUCTURE).withName("cluster").get());
        String url = infra == null ? null : Fields.text(infra, "status", "apiServerURL");
        if (url == null) {
            return new Identity(client.getConfiguration().getMasterUrl().replaceAll("/$", ""), null, null, FROM_KUBECONFIG);
        }
        String platform = Fields.text(infra, "status", "platformStatus", "type");
        if (platform == null) platform = Fields.text(infra, "status", "platform");
        return new Identity(url, Fields.text(infra, "status", "infrastructureName"), platform, FROM_INFRASTRUCTURE);
    }

    /** The OpenShift version ClusterVersion/version reports (status.desired.version), or null when it is not served. One GET. */
    public static String version(KubernetesClient client, Deadline deadline) {
        GenericKubernetesResource cv = Retry.call("read ClusterVersion version", deadline,
                () -> client.genericKubernetesResources(Kinds.CLUSTER_VERSION).withName("version").get());
        return cv == null ? null : Fields.text(cv, "status", "desired", "version");
    }

    /**
     * Reads the identity and refuses (precondition, exit 4) when it is not the profile's cluster, naming both.
     *
     * @param profileName for the message
     */
    public static Identity verify(KubernetesClient client, String profileName, String clusterName, String baseDomain, Deadline deadline) {
        if (clusterName == null || clusterName.isBlank() || baseDomain == null || baseDomain.isBlank()) {
            throw RhoaiException.invalid("profile " + profileName + ": spec.cluster.name and spec.cluster.baseDomain are needed"
                    + " to check which cluster the kube context points at", "set both in the profile, or pass --skip-cluster-check");
        }
        Identity identity = read(client, deadline);
        String expected = expectedApiURL(clusterName, baseDomain);
        if (!sameEndpoint(identity.apiServerURL(), expected)) {
            throw RhoaiException.precondition("wrong cluster: profile " + profileName + " is " + expected + ", but the kube context's cluster is "
                    + identity.apiServerURL() + " (from " + identity.source()
                    + (identity.infrastructureName() == null ? "" : ", infrastructure " + identity.infrastructureName()) + "); nothing was changed",
                    "pick the profile's cluster with --context or --kubeconfig, or pass --skip-cluster-check if the API is reached under another name");
        }
        return identity;
    }

    /** Same host (case-insensitive) and port; a URL without a port means the scheme's default. */
    static boolean sameEndpoint(String actual, String expected) {
        try {
            URI a = URI.create(actual.strip());
            URI e = URI.create(expected);
            return a.getHost() != null && a.getHost().toLowerCase(Locale.ROOT).equals(e.getHost().toLowerCase(Locale.ROOT))
                    && port(a) == port(e);
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static int port(URI u) {
        if (u.getPort() != -1) return u.getPort();
        return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    }
}
