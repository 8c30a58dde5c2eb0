package io.rhoai.installconfig;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The digest record kept beside the outputs ({@code <dir>/.rhoai/<step>.inputs.json}): every input by sha256 only
 * (profile files, pull secret, SSH key, installer manifests), the rhoai version, the outputs' sha256, and one
 * {@code digest} over all inputs. No timestamps, so the same inputs give the same bytes.
 */
@RegisterForReflection
@JsonPropertyOrder({"step", "rhoaiVersion", "cluster", "digest", "inputs", "outputs"})
public record InputRecord(String step, String rhoaiVersion, String cluster, String digest, List<Entry> inputs, List<Entry> outputs) {

    @RegisterForReflection
    public record Entry(String name, String sha256) { }

    public static InputRecord of(String step, String rhoaiVersion, String cluster, List<Entry> inputs, List<Entry> outputs) {
        StringBuilder b = new StringBuilder(step).append('\n').append(rhoaiVersion).append('\n').append(cluster).append('\n');
        for (Entry e : inputs) b.append(e.name()).append(' ').append(e.sha256()).append('\n');
        return new InputRecord(step, rhoaiVersion, cluster, sha256(b.toString()), inputs, outputs);
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
