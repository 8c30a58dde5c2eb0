package io.rhoai.core.time;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes, for states that span several objects or cannot be watched
 * (a rollout read from a Deployment and a ClusterOperator, a TLS handshake). Single Kubernetes objects are better
 * awaited with {@code io.rhoai.kube.Waits}, which watches. The interval starts at {@code initial} and grows by half up
 * to {@code max}, so a fast change is seen quickly and a slow one is not hammered; it never sleeps past the deadline.
 * On timeout the error names what was awaited and the last state seen.
 */
public final class Poller {
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** One look: done or not, and a one-line description of what was seen (for the timeout message). */
    public record Observation(boolean done, String state) { }

    private final Clock clock;
    private final Duration initial;
    private final Duration max;
    private final Sleeper sleeper;

    public Poller(Clock clock, Duration initial, Duration max, Sleeper sleeper) {
        this.clock = clock;
        this.initial = initial;
        this.max = max;
        this.sleeper = sleeper;
    }

    /** Real time and real sleeps, the interval growing from {@code initial} to {@code max}. */
    public static Poller system(Clock clock, Duration initial, Duration max) {
        return new Poller(clock, initial, max, d -> Thread.sleep(Math.max(1, d.toMillis())));
    }

    /** A fixed interval. */
    public static Poller every(Clock clock, Duration interval, Sleeper sleeper) {
        return new Poller(clock, interval, interval, sleeper);
    }

    /**
     * @param awaited  what is awaited ("ClusterOperator authentication to roll out")
     * @param budget   the time allowed, for the message
     * @param observe  reads the current state; may return null
     * @param done     null-safe condition on the state
     * @param describe renders a state for the message; receives null when nothing was observed
     * @param hint     how to look further or fix it
     * @return the first state that met the condition
     */
    public <T> T until(String awaited, Duration budget, Instant deadline, String hint,
                       Supplier<T> observe, Predicate<T> done, Function<T, String> describe) {
        Duration interval = initial;
        while (true) {
            T last = observe.get();
            if (done.test(last)) return last;
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new RhoaiException(ErrorKind.TIMEOUT, "timed out after " + Durations.format(budget) + " waiting for "
                        + awaited + "; last state: " + describe.apply(last), hint);
            }
            sleep(min(interval, Duration.between(now, deadline)), awaited);
            interval = next(interval);
        }
    }

    /** {@link #until} with a deadline {@code budget} from now. */
    public <T> T until(String awaited, Duration budget, String hint, Supplier<T> observe, Predicate<T> done, Function<T, String> describe) {
        return until(awaited, budget, clock.instant().plus(budget), hint, observe, done, describe);
    }

    /** {@link #until} over {@link Observation}s. */
    public void await(Instant deadline, Duration budget, String awaited, String hint, Supplier<Observation> look) {
        until(awaited, budget, deadline, hint, look, o -> o != null && o.done(), o -> o == null ? "nothing read" : o.state());
    }

    public Duration initial() {
        return initial;
    }

    public Duration next(Duration interval) {
        return min(Duration.ofMillis(interval.toMillis() * 3 / 2 + 1), max);
    }

    /** Sleeps {@code d} (for loops that keep their own state, such as repeated handshakes). */
    public void sleep(Duration d, String awaited) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while waiting for " + awaited, null, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
