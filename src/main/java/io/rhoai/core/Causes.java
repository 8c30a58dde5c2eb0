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
}
