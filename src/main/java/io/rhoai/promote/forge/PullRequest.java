package io.rhoai.promote.forge;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A pull request on the forge; {@code created} is false when it already existed. */
@RegisterForReflection
public record PullRequest(String url, int number, boolean created, String title) { }
