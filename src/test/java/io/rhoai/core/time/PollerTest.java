package io.rhoai.core.time;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollerTest {
    /** A clock that only moves when the wait sleeps, so the test takes no real time. */
    static final class FakeTime extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Duration> sleeps = new ArrayList<>();

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }

        Poller.Sleeper sleeper() {
            return d -> { sleeps.add(d); now = now.plus(d); };
        }
    }

    @Test
    void returnsTheFirstStateThatMeetsTheConditionAndToleratesNullStates() {
        FakeTime time = new FakeTime();
        AtomicInteger polls = new AtomicInteger();
        String done = Poller.every(time, Duration.ofSeconds(5), time.sleeper()).until("x", Duration.ofMinutes(1), null,
                () -> polls.incrementAndGet() < 3 ? null : "ready", s -> s != null && s.equals("ready"), s -> String.valueOf(s));
        assertThat(done).isEqualTo("ready");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void timesOutWithATypedErrorNamingWhatAndTheLastStateSeen() {
        FakeTime time = new FakeTime();
        Poller wait = Poller.every(time, Duration.ofSeconds(4), time.sleeper());
        assertThatThrownBy(() -> wait.until("ClusterOperator authentication to roll out", Duration.ofSeconds(10), "raise --timeout",
                () -> "Progressing=True", s -> false, s -> s))
                .isInstanceOfSatisfying(RhoaiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("timed out after 10s waiting for ClusterOperator authentication to roll out;"
                            + " last state: Progressing=True");
                });
        // never sleeps past the deadline
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(2));
    }

    @Test
    void theIntervalGrowsByHalfUpToItsMaximum() {
        FakeTime time = new FakeTime();
        AtomicInteger polls = new AtomicInteger();
        new Poller(time, Duration.ofMillis(100), Duration.ofMillis(300), time.sleeper()).await(time.instant().plus(Duration.ofMinutes(1)),
                Duration.ofMinutes(1), "x", null, () -> new Poller.Observation(polls.incrementAndGet() == 5, "seen"));
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(151), Duration.ofMillis(227), Duration.ofMillis(300));
    }
}
