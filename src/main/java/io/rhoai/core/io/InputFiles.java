package io.rhoai.core.io;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.SecretShapes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads the files a user points rhoai at (profiles, pull secrets, tokens, keys, kubeconfigs). Each is checked
 * before a byte is read: it must exist, be a regular file (not /dev/zero, a FIFO or a directory, which would block
 * or never end) and be at most a sane size for what it is. Messages name the file, never its content; a value that
 * does not exist and looks like a secret itself is not even named.
 */
public final class InputFiles {
    public static final long PROFILE_MAX = 1024 * 1024;
    public static final long PULL_SECRET_MAX = 1024 * 1024;
    public static final long TOKEN_MAX = 64 * 1024;
    public static final long KUBECONFIG_MAX = 4 * 1024 * 1024;

    private InputFiles() { }

    /**
     * @param what   what the file holds, for messages ("pull secret")
     * @param source the flag or variable that named it ("--pull-secret-file"), prefixed to messages; null for none
     */
    public static String readText(Path file, String what, String source, long maxBytes) {
        check(file, what, source, maxBytes);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes + 1);   // bounded even if the file grows after the size check
        } catch (IOException e) {
            throw RhoaiException.invalid(source + ": cannot read " + what + " file " + file + ": " + e.getClass().getSimpleName(),
                    "fix its permissions or pass another file");
        }
        if (bytes.length > maxBytes) throw tooLarge(file, what, source, maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RhoaiException.invalid(prefix(source) + what + " file " + file + " is not UTF-8 text", "pass the right file");
        }
    }

    /** The checks of {@link #readText} without the read: exists, regular file, at most {@code maxBytes}. */
    public static void check(Path file, String what, String source, long maxBytes) {
        if (!Files.exists(file)) {
            if (SecretShapes.looksLikeSecret(file.toString())) {
                throw RhoaiException.invalid(source + ": the value is not a path to an existing file (not shown: it looks like a secret itself)",
                        "pass the path of a file holding the " + what + ", never the value itself; if it was a secret, rotate it");
            }
            throw RhoaiException.invalid(prefix(source) + what + " file " + file + " does not exist", "check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw RhoaiException.invalid(prefix(source) + what + " file " + file + " is not a regular file"
                    + (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file) ? " (a directory)" : ""),
                    "pass the path of a regular file");
        }
        if (!Files.isReadable(file)) {
            throw RhoaiException.invalid(prefix(source) + what + " file " + file + " is not readable", "fix its permissions or pass another file");
        }
        try {
            if (Files.size(file) > maxBytes) throw tooLarge(file, what, source, maxBytes);
        } catch (IOException e) {
            throw RhoaiException.invalid(source + ": cannot read " + what + " file " + file + ": " + e.getClass().getSimpleName(),
                    "fix its permissions or pass another file");
        }
    }

    private static String prefix(String source) {
        return source == null ? "" : source + ": ";
    }

    private static RhoaiException tooLarge(Path file, String what, String source, long maxBytes) {
        return RhoaiException.invalid(prefix(source) + what + " file " + file + " is larger than " + human(maxBytes),
                "pass the right file; a " + what + " is much smaller");
    }

    private static String human(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
