package io.rhoai.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One overall time budget shared by every stage of a run ({@code --timeout}). Waits and retries take what is left,
 * so a slow first stage leaves less for the later ones instead of each stage restarting its own clock.
 */
public final class Deadline {
    private final Clock clock;
    private final Instant start;
    private final Instant end;
    private final Duration total;

    private Deadline(Clock clock, Duration total) {
        this.clock = clock;
        this.total = total;
        this.start = clock.instant();
        this.end = start.plus(total);
    }

    public static Deadline in(Duration total, Clock clock) {
        return new Deadline(clock, total);
    }

    public static Deadline in(Duration total) {
        return new Deadline(Clock.systemUTC(), total);
    }

    /** Time left, never negative. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean expired() {
        return remaining().isZero();
    }

    public Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    public Duration total() {
        return total;
    }

    public Clock clock() {
        return clock;
    }
}
