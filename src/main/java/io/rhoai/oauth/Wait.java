package io.rhoai.oauth;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A minimal poll-until-true with a deadline. The condition sees the last observed state (possibly null) and must be
 * null-safe; on timeout the error names what was awaited and the last state seen. Kept local to the OAuth engines:
 * the shared {@code io.rhoai.kube} waits may replace it.
 */
public final class Wait {
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Clock clock;
    private final Duration interval;
    private final Sleeper sleeper;

    public Wait(Clock clock, Duration interval, Sleeper sleeper) {
        this.clock = clock;
        this.interval = interval;
        this.sleeper = sleeper;
    }

    public static Wait system(Duration interval) {
        return new Wait(Clock.systemUTC(), interval, d -> Thread.sleep(d.toMillis()));
    }

    /**
     * @param what     what is awaited, for the timeout message ("ClusterOperator authentication to roll out")
     * @param observe  reads the current state; may return null (object absent)
     * @param done     null-safe condition on the state
     * @param describe renders a state for the message; receives null when nothing was observed
     */
    <T> T until(String what, Duration timeout, Supplier<T> observe, Predicate<T> done, Function<T, String> describe) {
        Instant deadline = clock.instant().plus(timeout);
        T last = null;
        while (true) {
            last = observe.get();
            if (done.test(last)) return last;
            if (!clock.instant().isBefore(deadline)) {
                throw RhoaiException.timeout("timed out after " + Durations.format(timeout) + " waiting for " + what
                                + "; last state: " + describe.apply(last),
                        "raise --timeout, or check the operator with: oc get clusteroperator authentication -o yaml");
            }
            try {
                Duration left = Duration.between(clock.instant(), deadline);
                sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while waiting for " + what, null, e);
            }
        }
    }
}
