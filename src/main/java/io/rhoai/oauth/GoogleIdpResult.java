package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;

import java.util.List;

/**
 * What {@code rhoai oauth google} did (or, with --dry-run, would do). Never holds the client secret: the Secret is
 * described by name, key and where the value came from.
 *
 * @param dryRun         true for --dry-run (client or server): every outcome is the one the real run would have
 * @param providerAction added | updated | unchanged
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
    /** @param note why a server dry run could not validate it; null otherwise */
    public record SecretRef(String namespace, String name, String key, Outcome outcome, String valueFrom, String note) { }

    /**
     * @param waited          false when --wait was not given or nothing changed
     * @param oauthGeneration the generation of OAuth/cluster whose rollout was awaited (only when waited)
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rollout(boolean waited, Long oauthGeneration, OperatorState authentication, String note) { }

    public boolean changed() {
        return oauth.changes() || secret.outcome().changes();
    }
}
