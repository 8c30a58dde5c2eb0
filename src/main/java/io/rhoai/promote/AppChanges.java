package io.rhoai.promote;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The files one Argo CD Application would see change. {@code application} is the app name, or
 * "(cluster overlay)" for the overlay's own files, or "(no application)" for files the target does not deploy.
 */
@RegisterForReflection
public record AppChanges(String application, String origin, String path, List<String> files) {
    public static final String OVERLAY = "(cluster overlay)";
    public static final String NONE = "(no application)";
}
