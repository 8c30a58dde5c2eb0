package io.rhoai.core.secret;

import java.util.Comparator;
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
            // multi-line secrets (PEM keys, JSON) also leak line by line
            for (String line : trimmed.split("\\R")) {
                if (line.strip().length() >= 16) VALUES.add(line.strip());
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
