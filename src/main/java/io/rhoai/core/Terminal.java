package io.rhoai.core;

/**
 * Makes text from profiles and remotes safe to print on a terminal. An escape sequence in a profile value or in a
 * server's error message could otherwise retitle, clear or rewrite the operator's terminal, and a bidi override could
 * make a message read differently from what it says. Such characters are shown as visible escapes instead.
 */
public final class Terminal {
    private Terminal() { }

    /**
     * Escapes C0 controls other than newline and tab (ESC among them), DEL, C1 controls and the bidi embedding,
     * override and isolate characters (U+202A–U+202E, U+2066–U+2069). Everything else is kept as it is.
     */
    public static String sanitize(String text) {
        if (text == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (b == null) b = new StringBuilder(text.length() + 16).append(text, 0, i);
                b.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    private static boolean unsafe(char c) {
        if (c == '\n' || c == '\t') return false;
        return c < 0x20 || invisible(c);
    }

    /**
     * Characters that JSON and YAML writers may leave raw but a terminal acts on or a reader is misled by: DEL, the C1
     * controls and the bidi embedding, override and isolate characters. (C0 controls both escape themselves.)
     */
    public static boolean invisible(int c) {
        return (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Whether {@code text} holds a character that {@link #invisible} names. */
    public static boolean hasInvisible(String text) {
        for (int i = 0; i < text.length(); i++) if (invisible(text.charAt(i))) return true;
        return false;
    }
}
