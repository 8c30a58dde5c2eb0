package io.rhoai.cli;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import picocli.CommandLine;

/**
 * The one table of exit codes. README.md documents it; nothing else in rhoai picks a number.
 * Diff-style commands follow {@code kubectl diff}: 0 nothing to do, 1 changes pending, above 1 an error.
 */
public final class ExitCodes {
    /** Success; also "nothing to do" for idempotent commands. */
    public static final int OK = 0;
    /** Diff-style commands only ({@code promote plan}): there are changes to make. Not an error. */
    public static final int CHANGES_PENDING = 1;
    /** Bad command line: unknown option, missing argument. */
    public static final int USAGE = 2;
    /** Invalid input: profile, file or value rejected; nothing was changed. */
    public static final int INVALID_INPUT = 3;
    /** The target's state does not allow the step (refused check, drift, failed gate); nothing was changed. */
    public static final int PRECONDITION = 4;
    /** A wait ran out of time. Never 0. */
    public static final int TIMEOUT = 5;
    /** A remote system failed: Kubernetes API, ACME server, DNS, git remote, GitHub, a model endpoint (models test). */
    public static final int REMOTE = 6;
    /** {@code certs renew}: nothing was due for renewal; success, nothing changed. */
    public static final int NOT_DUE = 7;
    /** A bug in rhoai; please report it with the output of -v. */
    public static final int INTERNAL = 8;
    /**
     * Health checks ({@code status}, {@code models check}): the read worked and found something that needs a person
     * (a certificate due, an Application Degraded or OutOfSync, a pool above its cap, a model no pool can run).
     * Distinct from 4 so cron and CI can tell "look at this" from "the step was refused".
     */
    public static final int ATTENTION = 9;
    /** Interrupted (Ctrl-C), as shells report SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() { }

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> INVALID_INPUT;
            case PRECONDITION -> PRECONDITION;
            case TIMEOUT -> TIMEOUT;
            case REMOTE -> REMOTE;
            case INTERRUPTED -> INTERRUPTED;
            case INTERNAL -> INTERNAL;
        };
    }

    public static int of(Throwable t) {
        if (t instanceof RhoaiException r) return of(r.kind());
        if (t instanceof CommandLine.ParameterException) return USAGE;
        if (t instanceof InterruptedException) return INTERRUPTED;
        return INTERNAL;
    }

    /** Rows for the README and {@code rhoai exit-codes}. */
    public static final String[][] TABLE = {
            {"0", "ok", "success, or nothing to do (re-runs of idempotent commands)"},
            {"1", "changes-pending", "diff-style commands (promote plan): changes exist; not an error"},
            {"2", "usage", "unknown option, missing or malformed argument"},
            {"3", "invalid-input", "a profile, file or value was rejected; nothing was changed"},
            {"4", "precondition", "the target's state does not allow the step (refusal, drift, failed gate); nothing was changed"},
            {"5", "timeout", "a wait ran out of time; the message names what was awaited and the last state seen"},
            {"6", "remote", "a remote system failed: Kubernetes API, ACME, DNS, git remote, GitHub, a model endpoint"},
            {"7", "not-due", "certs renew: no certificate was due; nothing changed"},
            {"8", "internal", "a bug in rhoai: re-run with -v and report the trace"},
            {"9", "attention", "health checks (status, models check): something needs attention; the output says what"},
            {"130", "interrupted", "stopped by Ctrl-C; clean-up ran"},
    };
}
