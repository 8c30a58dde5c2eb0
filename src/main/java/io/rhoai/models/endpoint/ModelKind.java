package io.rhoai.models.endpoint;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What an OpenAI-compatible model answers to, and the path it is asked on (below the {@code /v1} base). */
@RegisterForReflection
public enum ModelKind {
    CHAT("chat", "/chat/completions"),
    COMPLETIONS("completions", "/completions"),
    EMBEDDINGS("embeddings", "/embeddings");

    private final String word;
    private final String path;

    ModelKind(String word, String path) {
        this.word = word;
        this.path = path;
    }

    @JsonValue
    public String word() {
        return word;
    }

    public String path() {
        return path;
    }

    /** The kind for a word of {@code --kind}, or null when it is none of them. */
    public static ModelKind parse(String word) {
        for (ModelKind k : values()) if (k.word.equalsIgnoreCase(word)) return k;
        return null;
    }
}
