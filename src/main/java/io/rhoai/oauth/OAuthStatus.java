package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** {@code rhoai oauth status}: how people sign in, who is cluster-admin, and whether kubeadmin still exists. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthStatus(List<Provider> providers, List<AdminBinding> admins, boolean kubeadminPresent,
                          OperatorState authentication) {

    /** @param secretPresent null when the provider references no Secret */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provider(String name, String type, String mappingMethod, String secret, Boolean secretPresent,
                           String hostedDomain) { }

    /** A ClusterRoleBinding to cluster-admin; subjects as Kind:name (ServiceAccount:namespace/name). */
    @RegisterForReflection
    public record AdminBinding(String binding, List<String> subjects, boolean managedByRhoai) { }
}
