package io.rhoai.core.secret;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scrubs every secret value this process has loaded from a text before it is shown. One place, used by the
 * error handler, progress output and exceptions, so a secret that leaks into a remote error message is still masked.
 */
public final class Redactor {
    public static final String MASK = "*****";
    /** Values shorter than this are too likely to be ordinary words to be replaced everywhere. */
    private static final int MIN_LENGTH = 6;
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private Redactor() { }

    public static void register(String value) {
        if (value == null) return;
        String trimmed = value.strip();
        if (trimmed.length() >= MIN_LENGTH) {
            VALUES.add(trimmed);
            encodings(trimmed);
            // multi-line secrets (PEM keys, JSON) also leak line by line
            for (String line : trimmed.split("\\R")) {
                if (line.strip().length() >= 16) VALUES.add(line.strip());
            }
        }
    }

    /**
     * A secret also leaks encoded: a Secret's data is base64, a basic-auth header is base64 of user:token, a
     * dockerconfigjson is base64 of JSON holding the token. The whole value's encodings (both alphabets, with and
     * without padding) are registered, and so is the stable middle of its encoding at each of the three byte
     * alignments it can have inside a longer encoded text.
     */
    private static void encodings(String value) {
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder enc : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            String padded = enc.encodeToString(raw);
            VALUES.add(padded);
            VALUES.add(padded.replace("=", ""));
            for (int skip = 0; skip < 3 && raw.length - skip >= 12; skip++) {
                int whole = (raw.length - skip) / 3 * 3;
                VALUES.add(enc.withoutPadding().encodeToString(Arrays.copyOfRange(raw, skip, skip + whole)));
            }
        }
    }

    public static String redact(String text) {
        if (text == null || VALUES.isEmpty()) return text;
        String out = text;
        // longest first, so a value that contains another is masked whole
        for (String v : VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (out.contains(v)) out = out.replace(v, MASK);
        }
        return out;
    }
}
