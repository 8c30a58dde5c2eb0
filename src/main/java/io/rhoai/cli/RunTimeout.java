package io.rhoai.cli;

/**
 * What {@code --timeout} means on every command: the budget of the whole run, shared by every request, retry and wait
 * (one {@code io.rhoai.core.time.Deadline}). Limits of a single operation have their own names
 * ({@code --request-timeout}, {@code --operation-timeout}, {@code --probe-timeout}). Each command declares the option
 * itself, for its own default, with this description; the CLI contract test checks it.
 */
public final class RunTimeout {
    public static final String NAME = "--timeout";
    public static final String HELP = "Time budget of the whole run, shared by every API request, retry and wait; on expiry"
            + " exit 5 naming what was awaited and the last state seen (default: ${DEFAULT-VALUE}).";

    private RunTimeout() { }
}
