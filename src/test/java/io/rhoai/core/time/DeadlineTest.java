package io.rhoai.core.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The two ways a run's budget is handed to a part of it: one request's limit, and one stage's own timeout. */
class DeadlineTest {
    @Test
    void aRequestGetsItsCapWhileTimeIsLeftThenWhatIsLeftThenNothing() {
        PollerTest.FakeTime time = new PollerTest.FakeTime();
        Deadline run = time.in(Duration.ofSeconds(30));
        assertThat(run.atMost(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        time.now = time.now.plusSeconds(26);
        assertThat(run.atMost(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(4));
        time.now = time.now.plusSeconds(5);
        assertThat(run.atMost(Duration.ofSeconds(10))).isZero();
    }

    @Test
    void aStageEndsAtItsOwnTimeoutOrWithTheRunWhicheverIsFirstAndNamesTheBudgetThatBinds() {
        PollerTest.FakeTime time = new PollerTest.FakeTime();
        Deadline run = time.in(Duration.ofMinutes(10));

        Deadline propagation = run.within(Duration.ofMinutes(2));
        assertThat(propagation.total()).isEqualTo(Duration.ofMinutes(2)); // a timeout says "after 2m"
        assertThat(propagation.remaining()).isEqualTo(Duration.ofMinutes(2));

        time.now = time.now.plus(Duration.ofMinutes(9));
        assertThat(run.within(Duration.ofMinutes(2))).isSameAs(run); // the run's --timeout binds, and is what a timeout names
    }
}
