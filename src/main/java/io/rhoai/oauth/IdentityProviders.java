package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Merges one identity provider into {@code OAuth/cluster}'s {@code spec.identityProviders} by name. Every other entry
 * is kept as the very JSON node that was read, in its place, so providers added by hand, by GitOps or by another tool
 * survive; only the entry with the same name is replaced, and a new name is appended.
 */
public final class IdentityProviders {
    private IdentityProviders() { }

    /** What happened to the entry; a dry run reports the same with {@code dryRun: true} on the result. */
    public enum Action {
        ADDED, UPDATED, UNCHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @return what the merge did; {@code oauth} is changed in place unless UNCHANGED */
    public static Action merge(ObjectNode oauth, ObjectNode provider) {
        String name = provider.path("name").asText();
        ObjectNode spec = oauth.get("spec") instanceof ObjectNode o ? o : oauth.putObject("spec");
        JsonNode list = spec.get("identityProviders");
        ArrayNode providers = list instanceof ArrayNode a ? a : spec.putArray("identityProviders");
        for (int i = 0; i < providers.size(); i++) {
            if (name.equals(providers.get(i).path("name").asText(null))) {
                if (providers.get(i).equals(provider)) return Action.UNCHANGED;
                providers.set(i, provider);
                return Action.UPDATED;
            }
        }
        providers.add(provider);
        return Action.ADDED;
    }

    /** The entry named {@code name}, or null. */
    public static ObjectNode find(JsonNode oauth, String name) {
        for (JsonNode p : oauth.path("spec").path("identityProviders")) {
            if (name.equals(p.path("name").asText(null)) && p instanceof ObjectNode o) return o;
        }
        return null;
    }

    /** The Google entry as config.openshift.io/v1 spells it. */
    public static ObjectNode google(String name, String mappingMethod, String clientId, String secretName, String hostedDomain) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("name", name);
        p.put("mappingMethod", mappingMethod);
        p.put("type", "Google");
        ObjectNode g = p.putObject("google");
        g.put("clientID", clientId);
        g.putObject("clientSecret").put("name", secretName);
        if (hostedDomain != null && !hostedDomain.isEmpty()) g.put("hostedDomain", hostedDomain);
        return p;
    }

    /** The field holding a provider's settings, as config.openshift.io/v1 names it per type. */
    static String typeField(String type) {
        return switch (type) {
            case "HTPasswd" -> "htpasswd";
            case "Google" -> "google";
            case "GitHub" -> "github";
            case "GitLab" -> "gitlab";
            case "LDAP" -> "ldap";
            case "Keystone" -> "keystone";
            case "OpenID" -> "openID";
            case "BasicAuth" -> "basicAuth";
            case "RequestHeader" -> "requestHeader";
            default -> type.isEmpty() ? "" : Character.toLowerCase(type.charAt(0)) + type.substring(1);
        };
    }

    /** The Secret a provider references (clientSecret, htpasswd fileData, ...), or null. */
    public static String secretName(JsonNode provider) {
        JsonNode typed = provider.path(typeField(provider.path("type").asText("")));
        for (String field : new String[] {"clientSecret", "fileData", "bindPassword"}) {
            String n = typed.path(field).path("name").asText("");
            if (!n.isEmpty()) return n;
        }
        return null;
    }
}
