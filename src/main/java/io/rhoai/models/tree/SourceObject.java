package io.rhoai.models.tree;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes object read from the GitOps tree, with where it was written: {@code file} relative to the repository
 * and the document's index in it, so every finding can name the file and the field.
 */
public record SourceObject(String file, int document, JsonNode body) {
    public String kind() {
        return body.path("kind").asText("");
    }

    public String name() {
        return body.path("metadata").path("name").asText("");
    }

    /** metadata.namespace, or null when the object leaves it to whoever applies it. */
    public String namespace() {
        JsonNode ns = body.path("metadata").path("namespace");
        return ns.isTextual() && !ns.asText().isBlank() ? ns.asText() : null;
    }

    /** "file" for a single-document file, "file#2" (1-based) for the second document of a multi-document one. */
    public String where() {
        return document <= 0 ? file : file + "#" + (document + 1);
    }
}
