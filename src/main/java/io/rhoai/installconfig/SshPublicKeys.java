package io.rhoai.installconfig;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Reads and checks OpenSSH public keys (one per line) for install-config's sshKey; refuses private keys. */
public final class SshPublicKeys {
    private static final Set<String> TYPES = Set.of("ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshPublicKeys() { }

    /** @return the keys, one per line, without trailing blanks */
    public static String read(Path file, String source) {
        String text = InputFiles.readText(file, "SSH key", source, InputFiles.TOKEN_MAX);
        if (text.contains("PRIVATE KEY") || text.startsWith("-----BEGIN") || text.startsWith("PuTTY-User-Key-File")) {
            throw RhoaiException.invalid(source + ": " + file + " is a private key; the cluster needs the public key",
                    "pass the .pub file (e.g. " + file.getFileName() + ".pub), never the private key");
        }
        List<String> keys = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String problem = check(line);
            if (problem != null) {
                throw RhoaiException.invalid(source + ": " + file + " line " + (i + 1) + " is not an SSH public key: " + problem,
                        "pass an OpenSSH public key such as the output of ssh-keygen (ssh-ed25519 AAAA... comment)");
            }
            keys.add(line);
        }
        if (keys.isEmpty()) {
            throw RhoaiException.invalid(source + ": " + file + " holds no SSH public key", "pass an OpenSSH public key file (.pub)");
        }
        return String.join("\n", keys);
    }

    /** @return why the line is not a public key, or null when it is one */
    static String check(String line) {
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 2) return "expected '<type> <base64> [comment]'";
        if (!TYPES.contains(parts[0])) return "unknown key type '" + (parts[0].length() > 40 ? parts[0].substring(0, 40) : parts[0]) + "'";
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return "the key data is not base64";
        }
        if (blob.length < 4) return "the key data is truncated";
        ByteBuffer b = ByteBuffer.wrap(blob);
        int len = b.getInt();
        if (len <= 0 || len > b.remaining()) return "the key data is truncated";
        byte[] type = new byte[len];
        b.get(type);
        if (!parts[0].equals(new String(type, StandardCharsets.US_ASCII))) return "the key data does not match its type " + parts[0];
        return null;
    }
}
