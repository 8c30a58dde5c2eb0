package io.rhoai.core;

/** What went wrong underneath: client libraries wrap the useful cause ("Connection refused") in a vague message. */
public final class Causes {
    private Causes() { }

    /**
     * The deepest cause's message, with its type when it is not {@code e} itself ("ConnectException: Connection
     * refused"); {@code e}'s own message when it has no cause.
     */
    public static String deepest(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return root == e ? String.valueOf(message) : root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * The deepest cause's message for a person: its first line, without the Java type names that JDK and library
     * messages carry ("SSLHandshakeException: Remote host terminated the handshake" becomes "Remote host terminated the
     * handshake"); the type's simple name when no cause has a message.
     */
    public static String plain(Throwable e) {
        Throwable root = e;
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) message = t.getMessage();
        }
        if (message == null || message.isBlank()) return root.getClass().getSimpleName();
        String line = message.lines().findFirst().orElse("").strip();
        return line.replaceAll("(?:[a-z][a-z0-9_]*\\.)+(?=[A-Z])", "").replaceAll("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error): ", "");
    }
}
