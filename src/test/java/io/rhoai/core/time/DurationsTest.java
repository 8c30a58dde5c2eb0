package io.rhoai.core.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How a budget reads in a timeout message: what the run had left, shown to the second as --timeout was given. */
class DurationsTest {
    @Test
    void aBudgetAFewMillisecondsShortOfTheTimeoutReadsAsTheTimeout() {
        assertThat(Durations.budget(Duration.ofMillis(996))).isEqualTo("1s");
        assertThat(Durations.budget(Duration.ofMinutes(30).minusMillis(40))).isEqualTo("30m");
        assertThat(Durations.budget(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.budget(Duration.ofMillis(300))).as("a sub-second budget stays exact").isEqualTo("300ms");
    }
}
