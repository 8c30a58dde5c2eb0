package io.rhoai.profile;

import io.rhoai.core.RhoaiException;

/**
 * One value set from outside the profile files: {@code --set spec.cluster.baseDomain=ai.example.org} or an
 * environment variable such as {@code RHOAI_BASE_DOMAIN}. Applied to the merged profile (base, then profile) before it
 * is bound, and validated like the file: an unknown field or a value of the wrong type is an error naming
 * {@link #source()}.
 *
 * @param path   a dotted path under {@code spec}: {@code spec.cluster.baseDomain}, {@code spec.gpuPools[name=t4-private].maxReplicas},
 *               {@code spec.platform.aws.zones[0]}
 * @param value  the value as typed; read as a YAML scalar (3 is a number, true a boolean, anything else text)
 * @param source where it came from, for messages: {@code --set spec.cluster.baseDomain} or {@code RHOAI_BASE_DOMAIN}
 */
public record ProfileOverride(String path, String value, String source) {
    /** The environment variable for the most common one, the cluster's base domain. */
    public static final String BASE_DOMAIN_ENV = "RHOAI_BASE_DOMAIN";
    public static final String BASE_DOMAIN_PATH = "spec.cluster.baseDomain";

    /** Parses one {@code --set PATH=VALUE}. */
    public static ProfileOverride parse(String assignment) {
        int eq = -1, depth = 0;   // the first '=' outside [name=...]
        for (int i = 0; i < assignment.length() && eq < 0; i++) {
            char c = assignment.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == '=' && depth == 0) eq = i;
        }
        String path = eq < 0 ? assignment.strip() : assignment.substring(0, eq).strip();
        if (eq < 0 || path.isEmpty()) {
            throw RhoaiException.invalid("--set: '" + assignment + "' is not PATH=VALUE",
                    "write --set spec.cluster.baseDomain=ai.example.org (any single value under spec)");
        }
        String value = assignment.substring(eq + 1);
        if (value.isBlank()) {
            throw RhoaiException.invalid("--set " + path + ": the value is empty", "write --set " + path + "=VALUE");
        }
        if (!path.startsWith("spec.") || path.endsWith(".") || path.contains("..")) {
            throw RhoaiException.invalid("--set " + path + ": only a field under spec can be set",
                    "write the full path, e.g. --set spec.cluster.baseDomain=ai.example.org (fields: docs/profiles.md)");
        }
        return new ProfileOverride(path, value, "--set " + path);
    }
}
