package io.rhoai.promote.render;

import java.nio.file.Path;

/** Builds a kustomization directory into manifests. */
public interface ManifestRenderer {
    /** What runs, for messages ("kubectl kustomize"). */
    String tool();

    /** The rendered YAML; throws {@link RenderException} with the tool's error when the build fails. */
    String render(Path dir);

    final class RenderException extends RuntimeException {
        public RenderException(String message) {
            super(message);
        }
    }
}
