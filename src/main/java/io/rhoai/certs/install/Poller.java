package io.rhoai.certs.install;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or the run's deadline passes. The interval starts short and grows to a few seconds,
 * so a fast rollout is seen quickly and a slow one (the API server takes ten minutes and more) is not hammered.
 */
final class Poller {
    /** One look at the cluster: done or not, and a one-line description of what was seen (for the timeout message). */
    record Observation(boolean done, String state) { }

    private final Clock clock;
    private final Duration initial;
    private final Duration max;

    Poller(Clock clock, Duration initial, Duration max) {
        this.clock = clock;
        this.initial = initial;
        this.max = max;
    }

    /**
     * @param awaited what is awaited, for the timeout message ("router rollout (deployment openshift-ingress/router-default)")
     * @param hint    how to look further or fix it
     */
    void await(Instant deadline, Duration budget, String awaited, String hint, Supplier<Observation> look) {
        Duration interval = initial;
        while (true) {
            Observation o = look.get();
            if (o.done()) return;
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new RhoaiException(ErrorKind.TIMEOUT, "timed out after " + Durations.format(budget) + " waiting for "
                        + awaited + "; last state: " + o.state(), hint);
            }
            sleep(min(interval, Duration.between(now, deadline)));
            interval = min(Duration.ofMillis(interval.toMillis() * 3 / 2 + 1), max);
        }
    }

    Duration next(Duration interval) {
        return min(Duration.ofMillis(interval.toMillis() * 3 / 2 + 1), max);
    }

    Duration initial() {
        return initial;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while waiting", null, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
