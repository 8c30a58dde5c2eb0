package io.rhoai.installconfig;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code install-config render}. {@code changed} is false on a re-run with identical inputs.
 * {@code preview} (dry run only) maps each file to its content with secrets masked.
 */
@RegisterForReflection
@JsonPropertyOrder({"cluster", "profile", "dir", "dryRun", "changed", "inputDigest", "files", "warnings", "preview"})
public record RenderResult(String cluster, String profile, String dir, boolean dryRun, boolean changed, String inputDigest,
                           List<FileResult> files, List<String> warnings, Map<String, String> preview) { }
