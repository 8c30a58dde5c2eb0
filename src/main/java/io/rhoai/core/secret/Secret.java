package io.rhoai.core.secret;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret value (pull secret, client secret, token, key). {@code toString()} masks it and Jackson never
 * sees its value; the value is registered with the {@link Redactor} so it is scrubbed from every message.
 * Registered for reflection so that Jackson finds the masking {@code @JsonValue} in the native binary too.
 */
@RegisterForReflection
public final class Secret {
    private final String value;
    private final String origin;

    private Secret(String value, String origin) {
        this.value = Objects.requireNonNull(value);
        this.origin = origin;
        Redactor.register(value);
    }

    /** @param origin where it came from, safe to show ("file /home/u/pull-secret.json", "env GIT_TOKEN") */
    public static Secret of(String value, String origin) {
        return new Secret(value, origin);
    }

    /** The value, for the one place that must send it somewhere. Never log or render it. */
    public String reveal() {
        return value;
    }

    public byte[] revealBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Where the value came from; safe to print. */
    public String origin() {
        return origin;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return Redactor.MASK;
    }
}
