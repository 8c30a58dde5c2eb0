package io.rhoai.core;

/** What went wrong, in the terms the exit-code table speaks. The CLI maps each kind to one exit code. */
public enum ErrorKind {
    /** A profile, file or flag value is wrong; nothing was changed. */
    INVALID_INPUT,
    /** The target (cluster, repository, account) is not in a state that allows the step; nothing was changed. */
    PRECONDITION,
    /** A wait ran out of time. */
    TIMEOUT,
    /** A remote system (Kubernetes API, ACME server, DNS, git remote, GitHub) failed or refused. */
    REMOTE,
    /** The user interrupted the run. */
    INTERRUPTED,
    /** A bug in rhoai. */
    INTERNAL
}
