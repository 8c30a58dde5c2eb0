package io.rhoai.cli.output;

import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Wait progress (what {@code Poller} and {@code kube.Waits} report) reaches stderr as plain lines, and -q drops it. */
class ConsoleProgressTest {
    private static String report(boolean quiet) {
        StringWriter err = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err), quiet, false, false);
        Poller.StateReporter reporter = new Poller.StateReporter("CSV ns/op.v1 to reach phase Succeeded", progress, Deadline.in(Duration.ofMinutes(20)));
        reporter.saw("phase=Pending");
        reporter.saw("phase=Pending");
        reporter.saw("phase=Installing");
        progress.warn("InstallPlan waits for manual approval");
        return err.toString();
    }

    @Test
    void eachStateChangeIsOneLineWithoutColourOrCarriageReturns() {
        assertThat(report(false)).isEqualTo("""
                  waiting for CSV ns/op.v1 to reach phase Succeeded (0s of 20m): phase=Pending
                  waiting for CSV ns/op.v1 to reach phase Succeeded (0s of 20m): phase=Installing
                warning: InstallPlan waits for manual approval
                """);
    }

    @Test
    void quietDropsWaitProgressAndKeepsWarnings() {
        assertThat(report(true)).isEqualTo("warning: InstallPlan waits for manual approval\n");
    }
}
