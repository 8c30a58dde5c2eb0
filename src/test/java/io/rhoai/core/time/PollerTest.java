package io.rhoai.core.time;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
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

        Deadline in(Duration d) {
            return Deadline.in(d, this);
        }
    }

    /** Records the progress lines a wait reports. */
    static final class Lines implements Progress {
        final List<String> info = new ArrayList<>();
        @Override public void step(String m) { }
        @Override public void done(String m) { }
        @Override public void info(String m) { info.add(m); }
        @Override public void warn(String m) { }
    }

    @Test
    void returnsTheFirstStateThatMeetsTheConditionAndToleratesNullStates() {
        FakeTime time = new FakeTime();
        AtomicInteger polls = new AtomicInteger();
        Awaited<String> ready = Awaited.of("x", () -> polls.incrementAndGet() < 3 ? null : "ready", "ready"::equals);
        String done = Poller.every(Duration.ofSeconds(5), time.sleeper()).await(ready, time.in(Duration.ofMinutes(1)));
        assertThat(done).isEqualTo("ready");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void timesOutWithATypedErrorNamingWhatAndTheLastStateSeen() {
        FakeTime time = new FakeTime();
        Poller wait = Poller.every(Duration.ofSeconds(4), time.sleeper());
        Awaited<String> rollout = new Awaited<>("ClusterOperator authentication to roll out", "raise --timeout",
                () -> "Progressing=True", s -> false, s -> s);
        assertThatThrownBy(() -> wait.await(rollout, time.in(Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(RhoaiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("timed out after 10s waiting for ClusterOperator authentication to roll out;"
                            + " last state: Progressing=True");
                    assertThat(e.hint()).isEqualTo("raise --timeout");
                });
        // never sleeps past the deadline
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(2));
    }

    @Test
    void theIntervalGrowsByHalfUpToItsMaximum() {
        FakeTime time = new FakeTime();
        AtomicInteger polls = new AtomicInteger();
        new Poller(Duration.ofMillis(100), Duration.ofMillis(300), time.sleeper(), Progress.NONE)
                .await(Awaited.of("x", polls::incrementAndGet, n -> n == 5), time.in(Duration.ofMinutes(1)));
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(151), Duration.ofMillis(227), Duration.ofMillis(300));
    }

    @Test
    void reportsEachStateChangeOnceAndAnUnchangedStateAgainAfterTheHeartbeat() {
        FakeTime time = new FakeTime();
        Lines lines = new Lines();
        // 0s-9s: Pending, 10s-39s: Installing, then Succeeded; looked at every 5s
        Awaited<String> csv = Awaited.of("CSV gitops to succeed", () -> {
            long s = Duration.between(Instant.parse("2026-01-01T00:00:00Z"), time.now).toSeconds();
            return s < 10 ? "Pending" : s < 40 ? "Installing" : "Succeeded";
        }, "Succeeded"::equals);
        new Poller(Duration.ofSeconds(5), Duration.ofSeconds(5), time.sleeper(), lines).await(csv, time.in(Duration.ofMinutes(2)));

        assertThat(lines.info).containsExactly(
                "waiting for CSV gitops to succeed (0s of 2m): Pending",      // first look
                "waiting for CSV gitops to succeed (10s of 2m): Installing",  // the change
                "waiting for CSV gitops to succeed (25s of 2m): Installing"); // unchanged for a heartbeat (15s)
    }
}
