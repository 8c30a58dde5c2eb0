package io.rhoai.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.rhoai.core.yaml.Mappers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke tests of the whole application as Quarkus starts it (CDI, the picocli extension, configuration, bundled
 * resources), not the in-process command line of {@link io.rhoai.testing.Cli}. {@link RhoaiMainIT} runs the same
 * assertions against the packaged artifact: the jar under failsafe, the native binary with -Dnative.
 */
@QuarkusMainTest
class RhoaiMainTest {

    /** What {@code rhoai version} must report as its runtime for the artifact under test. */
    protected String expectedRuntime() {
        return "jvm";
    }

    /** What the user sees on stderr. */
    protected String stderr(LaunchResult r) {
        return r.getErrorOutput();
    }

    @Test
    void versionJsonReportsTheBuildStampAndRuntime(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("version", "-o", "json");

        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCodes.OK);
        assertThat(stderr(r)).as(describe(r)).isEmpty();
        VersionCommand.VersionInfo info = Mappers.json().readValue(r.getOutput(), VersionCommand.VersionInfo.class);
        // the filtered build stamp must be inside the artifact (a native binary only has resources it was told to include)
        assertThat(info.version()).isEqualTo(buildStamp().getProperty("version")).isNotEqualTo("unknown");
        assertThat(info.runtime()).isEqualTo(expectedRuntime());
        assertThat(info.os()).isNotBlank();
    }

    @Test
    void unknownOptionIsAUsageErrorOnStderrOnly(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("version", "--no-such-option");

        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCodes.USAGE);
        assertThat(r.getOutput()).as(describe(r)).isEmpty();
        assertThat(stderr(r)).startsWith("error: Unknown option: '--no-such-option'")
                .contains("hint: see 'rhoai version --help'");
    }

    @Test
    void exitCodesJsonIsTheOneTable(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("exit-codes", "-o", "json");

        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCodes.OK);
        List<ExitCodesCommand.ExitCode> codes = Mappers.json().readValue(r.getOutput(), new TypeReference<>() { });
        assertThat(codes).extracting(ExitCodesCommand.ExitCode::code)
                .containsExactlyElementsOf(Arrays.stream(ExitCodes.TABLE).map(row -> Integer.parseInt(row[0])).toList());
        assertThat(codes).extracting(ExitCodesCommand.ExitCode::name).contains("usage", "invalid-input", "interrupted");
    }

    @Test
    void exitCodesTextIsATable(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("exit-codes");

        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCodes.OK);
        assertThat(r.getOutputStream().get(0)).matches("CODE\\s+NAME\\s+MEANING");
        assertThat(r.getOutput()).containsPattern("(?m)^130\\s+interrupted\\s+");
    }

    @Test
    void helpListsTheCommandsWithExamples(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("--help");

        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCodes.OK);
        assertThat(r.getOutput()).contains("version", "exit-codes", "completion", "Examples:");
    }

    private static Properties buildStamp() throws IOException {
        Properties p = new Properties();
        try (InputStream in = RhoaiMainTest.class.getResourceAsStream("/rhoai-build.properties")) {
            assertThat(in).as("rhoai-build.properties on the test class path").isNotNull();
            p.load(in);
        }
        return p;
    }

    private static String describe(LaunchResult r) {
        return "exit " + r.exitCode() + "\n--- stdout\n" + r.getOutput() + "\n--- stderr\n" + r.getErrorOutput();
    }
}
