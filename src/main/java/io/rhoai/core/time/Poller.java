package io.rhoai.core.time;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;

import java.time.Duration;
import java.util.Objects;

/**
 * The one way rhoai polls: looks at an {@link Awaited} state until it holds or the {@link Deadline} passes, for states
 * that span several objects or cannot be watched (a rollout read from a Deployment and a ClusterOperator, a TLS
 * handshake, a DNS record). Single Kubernetes objects are awaited with {@code io.rhoai.kube.Waits}, which watches and
 * falls back to this. The interval starts at {@code initial} and grows by half up to {@code max}, so a fast change is
 * seen quickly and a slow one is not hammered; it never sleeps past the deadline. On timeout the error names what was
 * awaited and the last state seen ({@link #timedOut}).
 *
 * <p>Progress: every change of the observed state is reported as one line, and an unchanged state again at most every
 * {@link #HEARTBEAT}, so a CI log shows what a long wait is doing (the CLI drops these lines with {@code -q}).
 */
public final class Poller {
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** An unchanged state is repeated on the progress stream at most this often. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Sleeper THREAD_SLEEP = d -> Thread.sleep(Math.max(1, d.toMillis()));

    private final Duration initial;
    private final Duration max;
    private final Sleeper sleeper;
    private final Progress progress;

    public Poller(Duration initial, Duration max, Sleeper sleeper, Progress progress) {
        this.initial = initial;
        this.max = max;
        this.sleeper = sleeper == null ? THREAD_SLEEP : sleeper;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /** Real sleeps, the interval growing from {@code initial} to {@code max}. */
    public static Poller system(Duration initial, Duration max, Progress progress) {
        return new Poller(initial, max, THREAD_SLEEP, progress);
    }

    /** A fixed interval. */
    public static Poller every(Duration interval, Sleeper sleeper) {
        return new Poller(interval, interval, sleeper, Progress.NONE);
    }

    /** Polls until {@code awaited} holds; returns the first state that did. */
    public <T> T await(Awaited<T> awaited, Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        Duration interval = initial;
        StateReporter reporter = new StateReporter(awaited.what(), progress, deadline);
        while (true) {
            T last = awaited.observe().get();
            if (awaited.holds(last)) return last;
            String state = awaited.describe(last);
            reporter.saw(state);
            Duration left = deadline.remaining();
            if (left.isZero()) throw timedOut(awaited.what(), deadline, state, awaited.hint());
            sleep(min(interval, left), awaited.what());
            interval = next(interval);
        }
    }

    public Duration initial() {
        return initial;
    }

    public Duration next(Duration interval) {
        return min(Duration.ofMillis(interval.toMillis() * 3 / 2 + 1), max);
    }

    /** Sleeps {@code d} (for loops that keep their own state, such as Retry-After handling). */
    public void sleep(Duration d, String awaited) {
        sleep(sleeper, d, awaited);
    }

    /** The one interruptible sleep: Ctrl-C during any wait becomes {@link ErrorKind#INTERRUPTED} naming the wait. */
    public static void sleep(Sleeper sleeper, Duration d, String awaited) {
        try {
            (sleeper == null ? THREAD_SLEEP : sleeper).sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while waiting for " + awaited, null, e);
        }
    }

    /** A real sleep of {@code d}, interruptible. */
    public static void pause(Duration d, String awaited) {
        sleep(THREAD_SLEEP, d, awaited);
    }

    // ---- legacy API, removed once certs and oauth await through Awaited + Deadline (issue 10, steps 3 and 4)

    private java.time.Clock legacyClock = java.time.Clock.systemUTC();

    /** @deprecated use {@link #Poller(Duration, Duration, Sleeper, Progress)} */
    @Deprecated
    public Poller(java.time.Clock clock, Duration initial, Duration max, Sleeper sleeper) {
        this(initial, max, sleeper, Progress.NONE);
        this.legacyClock = clock;
    }

    /** @deprecated use {@link #system(Duration, Duration, Progress)} */
    @Deprecated
    public static Poller system(java.time.Clock clock, Duration initial, Duration max) {
        return new Poller(clock, initial, max, THREAD_SLEEP);
    }

    /** @deprecated use {@link #every(Duration, Sleeper)} */
    @Deprecated
    public static Poller every(java.time.Clock clock, Duration interval, Sleeper sleeper) {
        return new Poller(clock, interval, interval, sleeper);
    }

    /** One look: done or not, and a one-line description of what was seen. @deprecated use {@link Awaited} */
    @Deprecated
    public record Observation(boolean done, String state) { }

    /** @deprecated use {@link #await(Awaited, Deadline)} */
    @Deprecated
    public <T> T until(String awaited, Duration budget, java.time.Instant deadline, String hint,
                       java.util.function.Supplier<T> observe, java.util.function.Predicate<T> done, java.util.function.Function<T, String> describe) {
        Duration left = Duration.between(legacyClock.instant(), deadline);
        Deadline d = Deadline.in(left.isNegative() ? Duration.ZERO : left, legacyClock);
        try {
            return await(new Awaited<>(awaited, hint, observe, done, describe), d);
        } catch (RhoaiException e) {
            if (e.kind() != ErrorKind.TIMEOUT) throw e;
            throw new RhoaiException(ErrorKind.TIMEOUT, e.getMessage().replaceFirst("timed out after [^ ]+ ", "timed out after "
                    + Durations.format(budget) + " "), e.hint());
        }
    }

    /** @deprecated use {@link #await(Awaited, Deadline)} */
    @Deprecated
    public <T> T until(String awaited, Duration budget, String hint, java.util.function.Supplier<T> observe,
                       java.util.function.Predicate<T> done, java.util.function.Function<T, String> describe) {
        return until(awaited, budget, legacyClock.instant().plus(budget), hint, observe, done, describe);
    }

    /** @deprecated use {@link #await(Awaited, Deadline)} */
    @Deprecated
    public void await(java.time.Instant deadline, Duration budget, String awaited, String hint, java.util.function.Supplier<Observation> look) {
        until(awaited, budget, deadline, hint, look, o -> o != null && o.done(), o -> o == null ? "nothing read" : o.state());
    }

    /** The one timeout message: what was awaited, the budget, the last state, and what to do. */
    public static RhoaiException timedOut(String what, Deadline deadline, String lastState, String hint) {
        return new RhoaiException(ErrorKind.TIMEOUT, "timed out after " + Durations.format(deadline.total()) + " waiting for "
                + what + "; last state: " + (lastState == null ? "nothing seen" : lastState),
                hint != null ? hint : "raise --timeout if the cluster is slow, or look at the object named above");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Reports a wait's state on the progress stream: each change once, an unchanged state every {@link #HEARTBEAT}. */
    public static final class StateReporter {
        private final String what;
        private final Progress progress;
        private final Deadline deadline;
        private String lastState;
        private Duration lastReport = Duration.ofDays(-1);

        public StateReporter(String what, Progress progress, Deadline deadline) {
            this.what = what;
            this.progress = progress == null ? Progress.NONE : progress;
            this.deadline = deadline;
        }

        public void saw(String state) {
            Duration now = deadline.elapsed();
            boolean changed = !Objects.equals(state, lastState);
            if (changed || now.minus(lastReport).compareTo(HEARTBEAT) >= 0) {
                progress.info("waiting for " + what + " (" + Durations.format(now.withNanos(0)) + " of "
                        + Durations.format(deadline.total()) + "): " + state);
                lastReport = now;
                lastState = state;
            }
        }
    }
}
