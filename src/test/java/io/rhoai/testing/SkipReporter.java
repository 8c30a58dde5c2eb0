package io.rhoai.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.Optional;

/**
 * Prints one line on the console for every skipped test, saying why, so a run without ../shared (or without a
 * peer) says what it did not test instead of hiding it in target/surefire-reports. Registered for every test through
 * JUnit's extension auto-detection (src/test/resources/junit-platform.properties).
 */
public final class SkipReporter implements TestWatcher {
    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        report(context, cause == null ? "aborted" : cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        report(context, reason.orElse("disabled"));
    }

    private static void report(ExtensionContext context, String why) {
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName().replaceAll("\\(.*\\)$", "");
        String reason = why == null ? "" : why.replaceFirst("^Assumption failed: ", "");
        System.out.println("SKIPPED " + test + ": " + reason);
    }
}
