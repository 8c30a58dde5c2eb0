package io.rhoai.installconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What happened to one output file. With {@code --dry-run} the status says what WOULD happen and nothing is written.
 * {@code path} is relative to the output directory; {@code secret} files are mode 0600.
 */
@RegisterForReflection
public record FileResult(String path, Status status, boolean secret, String sha256) {

    @RegisterForReflection
    public enum Status {
        /** The file did not exist. */
        @JsonProperty("created") CREATED,
        /** The file existed with other content. */
        @JsonProperty("updated") UPDATED,
        /** The file already held exactly these bytes. */
        @JsonProperty("unchanged") UNCHANGED,
        /** A file rhoai wrote earlier that the profile no longer produces. */
        @JsonProperty("removed") REMOVED,
        /** install-config.yaml was consumed by openshift-install and its kept copy matches: nothing to do. */
        @JsonProperty("consumed") CONSUMED;

        public boolean changes() {
            return this == CREATED || this == UPDATED || this == REMOVED;
        }

        public String word() {
            return name().toLowerCase();
        }
    }
}
