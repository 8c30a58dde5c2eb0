package io.rhoai.installconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Redactor;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.yaml.Mappers;

import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a pull secret has the shape the installer needs ({@code {"auths": {"<registry>": {"auth": "<base64>"}}}})
 * and returns it as compact JSON. Messages name the source and the problem, never the content.
 */
public final class PullSecrets {
    private PullSecrets() { }

    public static Secret compact(Secret pullSecret) {
        String where = pullSecret.origin();
        JsonNode tree;
        try {
            tree = Mappers.json().readTree(pullSecret.reveal());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            throw RhoaiException.invalid("pull secret (" + where + ") is not valid JSON" + at,
                    "download it again from console.redhat.com/openshift/install/pull-secret");
        }
        if (tree == null || !tree.isObject() || !tree.path("auths").isObject()) {
            throw RhoaiException.invalid("pull secret (" + where + ") has no \"auths\" object",
                    "use the pull secret from console.redhat.com/openshift/install/pull-secret ({\"auths\": {...}})");
        }
        if (tree.path("auths").isEmpty()) {
            throw RhoaiException.invalid("pull secret (" + where + "): \"auths\" is empty", "use the pull secret from console.redhat.com");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.path("auths").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode auth = e.getValue().path("auth");
            if (!auth.isTextual() || auth.asText().isEmpty()) {
                throw RhoaiException.invalid("pull secret (" + where + "): auths." + e.getKey() + " has no \"auth\" string",
                        "use the pull secret from console.redhat.com");
            }
            try {
                Base64.getDecoder().decode(auth.asText());
            } catch (IllegalArgumentException ex) {
                throw RhoaiException.invalid("pull secret (" + where + "): auths." + e.getKey() + ".auth is not base64",
                        "use the pull secret from console.redhat.com");
            }
            Redactor.register(auth.asText());
        }
        try {
            return Secret.of(Mappers.json().writeValueAsString(tree), where);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialise the pull secret", e);
        }
    }
}
