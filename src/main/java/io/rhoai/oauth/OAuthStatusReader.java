package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Ownership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the sign-in state of a cluster; changes nothing. */
public final class OAuthStatusReader {
    private final KubernetesClient client;

    public OAuthStatusReader(KubernetesClient client) {
        this.client = client;
    }

    /** @param timeout the whole run's budget (--timeout) */
    public OAuthStatus read(Duration timeout) {
        Reads reads = new Reads(client, Deadline.in(timeout));
        List<OAuthStatus.Provider> providers = new ArrayList<>();
        ObjectNode oauth = reads.tree(Kinds.OAUTH, null, GoogleIdpConfigurer.OAUTH_NAME);
        for (JsonNode p : oauth == null ? List.<JsonNode>of() : oauth.path("spec").path("identityProviders")) {
            String type = p.path("type").asText("");
            String secret = IdentityProviders.secretName(p);
            Boolean present = secret == null ? null : reads.get(Kinds.SECRET, GoogleIdpConfigurer.CONFIG_NAMESPACE, secret) != null;
            String hd = p.path("google").path("hostedDomain").asText(null);
            providers.add(new OAuthStatus.Provider(p.path("name").asText(), type, p.path("mappingMethod").asText(null),
                    secret, present, hd));
        }
        List<OAuthStatus.AdminBinding> admins = new ArrayList<>();
        for (ObjectNode crb : reads.list(Kinds.CLUSTER_ROLE_BINDING)) {
            JsonNode ref = crb.path("roleRef");
            if (!"ClusterRole".equals(ref.path("kind").asText()) || !AdminGranter.CLUSTER_ADMIN.equals(ref.path("name").asText())) continue;
            List<String> subjects = new ArrayList<>();
            for (JsonNode s : crb.path("subjects")) {
                String ns = s.path("namespace").asText("");
                subjects.add(s.path("kind").asText() + ":" + (ns.isEmpty() ? "" : ns + "/") + s.path("name").asText());
            }
            admins.add(new OAuthStatus.AdminBinding(crb.path("metadata").path("name").asText(), subjects, Ownership.isManaged(crb)));
        }
        boolean kubeadmin = reads.get(Kinds.SECRET, KubeadminRemover.KUBEADMIN_NAMESPACE, KubeadminRemover.KUBEADMIN) != null;
        return new OAuthStatus(providers, admins, kubeadmin,
                OperatorState.of(reads.get(Kinds.CLUSTER_OPERATOR, null, OperatorState.AUTHENTICATION)));
    }
}
