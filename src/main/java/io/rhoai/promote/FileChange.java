package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** A file the promotion changes in the target, and the Applications that read it. */
@RegisterForReflection
public record FileChange(String path, String change, List<String> applications) { }
