package io.rhoai.core;

import io.rhoai.core.secret.Redactor;

/**
 * The one error type engines throw. Its message is one line that names what failed; {@link #hint()} says how to fix it.
 * Messages pass through the {@link Redactor}, so a secret that slipped into a cause never reaches the user.
 */
public class RhoaiException extends RuntimeException {
    private final ErrorKind kind;
    private final String hint;

    public RhoaiException(ErrorKind kind, String message, String hint, Throwable cause) {
        super(Redactor.redact(message), cause);
        this.kind = kind;
        this.hint = hint == null ? null : Redactor.redact(hint);
    }

    public RhoaiException(ErrorKind kind, String message, String hint) {
        this(kind, message, hint, null);
    }

    public RhoaiException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public static RhoaiException invalid(String message, String hint) {
        return new RhoaiException(ErrorKind.INVALID_INPUT, message, hint);
    }

    public static RhoaiException precondition(String message, String hint) {
        return new RhoaiException(ErrorKind.PRECONDITION, message, hint);
    }

    public static RhoaiException remote(String message, String hint, Throwable cause) {
        return new RhoaiException(ErrorKind.REMOTE, message, hint, cause);
    }

    public static RhoaiException timeout(String message, String hint) {
        return new RhoaiException(ErrorKind.TIMEOUT, message, hint);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** How to fix it, or null. */
    public String hint() {
        return hint;
    }
}
