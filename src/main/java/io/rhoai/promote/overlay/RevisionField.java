package io.rhoai.promote.overlay;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A revision an overlay sets: an Application's or ApplicationSet template's targetRevision, or a git generator's revision. */
@RegisterForReflection
public record RevisionField(String object, String field, String value) { }
