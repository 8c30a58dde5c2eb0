package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a write did to one object, as kubectl reports it. */
@RegisterForReflection
public enum Outcome {
    CREATED, CONFIGURED, UNCHANGED, DELETED, ABSENT,
    /** --dry-run: the write that would have been sent. */
    WOULD_CREATE, WOULD_CONFIGURE, WOULD_DELETE;

    @JsonValue
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    public boolean changed() {
        return this == CREATED || this == CONFIGURED || this == DELETED;
    }

    @Override
    public String toString() {
        return label();
    }
}
