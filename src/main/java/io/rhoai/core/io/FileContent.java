package io.rhoai.core.io;

import java.nio.charset.StandardCharsets;

/** What to write to one file; {@code secret} files get mode 0600 from their first byte on disk. */
public record FileContent(byte[] bytes, boolean secret) {
    public static FileContent text(String text) {
        return new FileContent(text.getBytes(StandardCharsets.UTF_8), false);
    }

    public static FileContent secretText(String text) {
        return new FileContent(text.getBytes(StandardCharsets.UTF_8), true);
    }

    public String asText() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
