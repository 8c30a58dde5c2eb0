package io.rhoai.cli;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@link RhoaiMainTest}'s assertions against the packaged artifact, run by failsafe in {@code verify}: the fast-jar
 * by default, the native binary with {@code -Dnative} (the GitHub Actions native job).
 */
@QuarkusMainIntegrationTest
class RhoaiMainIT extends RhoaiMainTest {
    /**
     * Quarkus' jar and native test launchers add -Dquarkus.log.category."io.quarkus".level=INFO to see the application
     * start; those lifecycle lines are the harness's, not rhoai's (a user's run shows none), so they are left out.
     */
    private static final Pattern LAUNCHER_LIFECYCLE_LOG =
            Pattern.compile("(?m)^\\d{4}-\\d{2}-\\d{2} [\\d:,]+ INFO  \\[io\\.quarkus\\] \\(main\\) .*\\R?");

    @Override
    protected String stderr(LaunchResult r) {
        return LAUNCHER_LIFECYCLE_LOG.matcher(r.getErrorOutput()).replaceAll("");
    }

    @Override
    protected String expectedRuntime() {
        // Quarkus records what it built (type=jar or type=native) next to the artifact
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("target/quarkus-artifact.properties missing: run through mvn verify", e);
        }
        return "native".equals(artifact.getProperty("type")) ? "native" : "jvm";
    }
}
