package io.rhoai.core.secret;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads secrets from a file or an environment variable, never from an argument value.
 * Precedence: the file flag, then the file named by {@code <ENV>_FILE}, then the variable {@code <ENV>} itself.
 */
public final class SecretSource {
    private final Map<String, String> env;

    public SecretSource(Map<String, String> env) {
        this.env = env;
    }

    public static SecretSource system() {
        return new SecretSource(System.getenv());
    }

    /**
     * @param what   what the secret is, for messages ("pull secret")
     * @param file   the value of the file flag, or null
     * @param flag   the file flag's name ("--pull-secret-file")
     * @param envVar the variable holding the value ("GIT_TOKEN"); {@code envVar + "_FILE"} may name a file instead
     */
    public Secret require(String what, Path file, String flag, String envVar) {
        Secret s = find(what, file, flag, envVar);
        if (s == null) {
            throw RhoaiException.invalid(what + " is missing",
                    "pass " + flag + " <file>" + (envVar == null ? "" : " or set " + envVar + "_FILE or " + envVar));
        }
        return s;
    }

    /** Like {@link #require} but returns null when no source is set. */
    public Secret find(String what, Path file, String flag, String envVar) {
        if (file != null) return readFile(what, file, flag);
        if (envVar != null) {
            String fileVar = env.get(envVar + "_FILE");
            if (fileVar != null && !fileVar.isBlank()) return readFile(what, Path.of(fileVar), envVar + "_FILE");
            String value = env.get(envVar);
            if (value != null && !value.isBlank()) return Secret.of(value.strip(), "env " + envVar);
        }
        return null;
    }

    public static Secret readFile(String what, Path file, String source) {
        String value = InputFiles.readText(file, what, source, maxBytes(what)).strip();
        if (value.isEmpty()) {
            throw RhoaiException.invalid(source + ": " + what + " file " + file + " is empty", "write the " + what + " into it");
        }
        return Secret.of(value, "file " + file);
    }

    /** A pull secret holds many registries' credentials; every other secret rhoai reads is one short token or key. */
    private static long maxBytes(String what) {
        return what.equals("pull secret") ? InputFiles.PULL_SECRET_MAX : InputFiles.TOKEN_MAX;
    }
}
