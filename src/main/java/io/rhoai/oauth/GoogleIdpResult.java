package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What {@code rhoai oauth google} did (or, with --dry-run, would do). Never holds the client secret: the Secret is
 * described by name, key and where the value came from.
 *
 * @param providerAction added | updated | unchanged (dry-run: would-add | would-update | unchanged)
 * @param provider       the identity provider entry as written into OAuth/cluster
 * @param redirectURISource "route" (read from the cluster) or "profile" (built from spec.cluster)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"dryRun", "providerName", "providerAction", "oauth", "secret", "redirectURI", "redirectURISource",
        "hostedDomain", "mappingMethod", "provider", "rollout", "warnings"})
public record GoogleIdpResult(boolean dryRun, String providerName, String providerAction, Outcome oauth, SecretRef secret,
                              String redirectURI, String redirectURISource, String hostedDomain, String mappingMethod,
                              JsonNode provider, Rollout rollout, List<String> warnings) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecretRef(String namespace, String name, String key, Outcome outcome, String valueFrom) { }

    /** @param waited false when --wait was not given or nothing changed */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rollout(boolean waited, Long oauthGeneration, AuthOperator.State authentication, String note) { }

    public boolean changed() {
        return oauth.changed() || secret.outcome().changed();
    }
}
