package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.yaml.Mappers;

import java.util.List;
import java.util.Locale;

/**
 * Merges the API host's entry into {@code APIServer.spec.servingCerts.namedCertificates}. Entries that do not name the
 * host are copied untouched (other parties own them); the host's entry is updated in place when the certificate covers
 * all its names, otherwise the host is moved out of it into an entry of its own.
 */
final class NamedCertificates {
    private NamedCertificates() { }

    /** The secret serving {@code host}, or null when no entry names it (the API server's default certificate). */
    static String secretFor(JsonNode entries, String host) {
        for (JsonNode e : entries) {
            if (names(e, host)) return e.path("servingCertificate").path("name").asText(null);
        }
        return null;
    }

    static ArrayNode pointAt(JsonNode entries, String host, List<String> certificateNames, String secretName) {
        ArrayNode out = Mappers.json().createArrayNode();
        boolean placed = false;
        for (JsonNode e : entries) {
            if (!names(e, host)) {
                out.add(e.deepCopy());
                continue;
            }
            boolean allCovered = true;
            for (JsonNode n : e.path("names")) allCovered &= CertificatePem.covers(certificateNames, n.asText());
            if (!placed && allCovered) {
                ObjectNode updated = e.deepCopy();
                ObjectNode serving = Mappers.json().createObjectNode();
                serving.put("name", secretName);
                updated.set("servingCertificate", serving);
                out.add(updated);
                placed = true;
            } else {
                ObjectNode without = withoutHost(e, host);
                if (without != null) out.add(without);
            }
        }
        if (!placed) {
            ObjectNode entry = out.addObject();
            entry.putArray("names").add(host);
            entry.putObject("servingCertificate").put("name", secretName);
        }
        return out;
    }

    /** Removes the host from every entry (dropping entries left without names): back to the default certificate. */
    static ArrayNode remove(JsonNode entries, String host) {
        ArrayNode out = Mappers.json().createArrayNode();
        for (JsonNode e : entries) {
            if (!names(e, host)) {
                out.add(e.deepCopy());
            } else {
                ObjectNode without = withoutHost(e, host);
                if (without != null) out.add(without);
            }
        }
        return out;
    }

    private static ObjectNode withoutHost(JsonNode e, String host) {
        ObjectNode copy = e.deepCopy();
        ArrayNode names = copy.putArray("names");
        for (JsonNode n : e.path("names")) {
            if (!n.asText().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))) names.add(n);
        }
        return names.isEmpty() ? null : copy;
    }

    private static boolean names(JsonNode entry, String host) {
        for (JsonNode n : entry.path("names")) {
            if (n.asText().equalsIgnoreCase(host)) return true;
        }
        return false;
    }
}
