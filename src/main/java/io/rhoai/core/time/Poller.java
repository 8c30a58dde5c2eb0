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
