package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Reads the sign-in state of a cluster; changes nothing. */
public final class OAuthStatusReader {
    private final KubeJson kube;

    public OAuthStatusReader(KubeJson kube) {
        this.kube = kube;
    }

    public OAuthStatus read() {
        List<OAuthStatus.Provider> providers = new ArrayList<>();
        kube.get(GoogleIdpConfigurer.OAUTH_PATH).ifPresent(o -> {
            for (JsonNode p : o.path("spec").path("identityProviders")) {
                String type = p.path("type").asText("");
                String secret = IdentityProviders.secretName(p);
                Boolean present = secret == null ? null
                        : kube.get(KubeJson.path("", "v1", "secrets", GoogleIdpConfigurer.CONFIG_NAMESPACE, secret)).isPresent();
                String hd = p.path("google").path("hostedDomain").asText(null);
                providers.add(new OAuthStatus.Provider(p.path("name").asText(), type, p.path("mappingMethod").asText(null),
                        secret, present, hd));
            }
        });
        List<OAuthStatus.AdminBinding> admins = new ArrayList<>();
        for (ObjectNode crb : kube.list(AdminGranter.CRB_COLLECTION)) {
            JsonNode ref = crb.path("roleRef");
            if (!"ClusterRole".equals(ref.path("kind").asText()) || !AdminGranter.CLUSTER_ADMIN.equals(ref.path("name").asText())) continue;
            List<String> subjects = new ArrayList<>();
            for (JsonNode s : crb.path("subjects")) {
                String ns = s.path("namespace").asText("");
                subjects.add(s.path("kind").asText() + ":" + (ns.isEmpty() ? "" : ns + "/") + s.path("name").asText());
            }
            boolean ours = "rhoai".equals(crb.path("metadata").path("labels").path(ObjectWriter.MANAGED_BY).asText());
            admins.add(new OAuthStatus.AdminBinding(crb.path("metadata").path("name").asText(), subjects, ours));
        }
        boolean kubeadmin = kube.get(KubeadminRemover.KUBEADMIN_PATH).isPresent();
        return new OAuthStatus(providers, admins, kubeadmin, AuthOperator.read(kube));
    }
}
