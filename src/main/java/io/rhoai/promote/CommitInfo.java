package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/** A commit as shown in a plan: who, when, what, and which files it touched (against its first parent). */
@RegisterForReflection
public record CommitInfo(String sha, String shortSha, String subject, String author, Instant time, boolean merge, List<String> files) { }
