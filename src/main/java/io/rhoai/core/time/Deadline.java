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

    /**
     * The limit for one network call: the time left, but at most {@code cap}, so one peer that accepts and never
     * answers can neither outlive the run nor use up a long run's whole budget on one request.
     */
    public Duration atMost(Duration cap) {
        Duration left = remaining();
        return left.compareTo(cap) < 0 ? left : cap;
    }

    /**
     * A budget for one stage inside this one: it ends after {@code limit} or when this deadline does, whichever is
     * first (a DNS provider's propagation timeout within the run's {@code --timeout}). When this deadline comes first,
     * it is returned itself, so a timeout names the budget the user set rather than a remainder.
     */
    public Deadline within(Duration limit) {
        return remaining().compareTo(limit) <= 0 ? this : new Deadline(clock, limit);
    }
}
