package io.rhoai.certs.dns;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What {@code rhoai certs dns-providers} lists: a provider's name, what it does and the variables it reads. */
@RegisterForReflection
public record DnsProviderInfo(String name, String description, List<EnvVar> env) {

    /** {@code secret}: the value is a credential (read it from a file or the variable, never pass it as an argument). */
    @RegisterForReflection
    public record EnvVar(String name, String description, boolean required, boolean secret) {
        public static EnvVar required(String name, String description) {
            return new EnvVar(name, description, true, false);
        }

        public static EnvVar optional(String name, String description) {
            return new EnvVar(name, description, false, false);
        }

        public static EnvVar secret(String name, String description, boolean required) {
            return new EnvVar(name, description, required, true);
        }
    }
}
