package io.rhoai.core;

/**
 * How engines tell a person what is happening. Engines never print; the CLI renders these on stderr
 * (and drops them with --quiet). Every text passes through the redactor before it is shown.
 */
public interface Progress {
    /** A stage starts ("Waiting for CSV openshift-gitops-operator to succeed"). */
    void step(String message);

    /** A stage finished. */
    void done(String message);

    /** Something worth knowing that is not a problem. */
    void info(String message);

    /** Something the user should act on or be aware of; the run goes on. */
    void warn(String message);

    /** Detail shown only with --verbose. */
    default void debug(String message) { }

    Progress NONE = new Progress() {
        @Override public void step(String message) { }
        @Override public void done(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) { }
    };
}
