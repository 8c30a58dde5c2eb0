package io.rhoai.cli;

import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code scripts/rhoai} on the packaged build and this JVM (failsafe, after package): the JVM entry point
 * ({@link Main}, without the Quarkus runtime) prints what the command line prints in-process, the training run of the
 * class-data cache succeeds, and the launcher's output is the command's alone.
 */
class LauncherJvmIT {
    private static final Path PROJECT = Path.of(System.getProperty("rhoai.project.dir", ".")).toAbsolutePath();

    @Test
    void theJvmEntryPointPrintsWhatTheCommandLinePrints() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"version", "-o", "json"},
                new String[] {"gpu", "catalog", "-o", "json"}, new String[] {"exit-codes"}, new String[] {"version", "--bogus"},
                new String[] {"versoin"}, new String[] {"gpu", "--help"})) {
            Run run = launch(Map.of("RHOAI_JVM_CACHE", "off"), args);
            Cli.Result expected = Cli.cli().run(args);
            assertThat(run.exit()).as(run.toString()).isEqualTo(expected.exitCode());
            assertThat(run.stdout()).as(String.join(" ", args)).isEqualTo(expected.stdout());
            assertThat(run.stderr()).as(String.join(" ", args)).isEqualTo(expected.stderr());
        }
    }

    @Test
    void theClassDataCacheIsTrainedAndUsed() throws Exception {
        Path app = PROJECT.resolve("target/quarkus-app");
        try (var files = Files.list(app)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("rhoai-jdk")).toList()) Files.delete(f);
        }

        Run first = launch(Map.of(), "version");
        Run second = launch(Map.of(), "version");

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.stderr()).as(first.toString()).contains("preparing the JVM start-up cache").doesNotContain("note:");
        assertThat(second.stderr()).as(second.toString()).isEmpty();
        assertThat(second.stdout()).isEqualTo(first.stdout()).startsWith("rhoai ").contains("(jvm, java " + System.getProperty("java.version"));
        try (var files = Files.list(app)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.matches("rhoai-jdk.*\\.(jsa|aot)")).noneMatch(n -> n.endsWith(".failed"));
        }
        assertThat(app.resolve(".rhoai-training")).doesNotExist();
    }

    private static Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PROJECT.resolve("scripts/rhoai").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile());
        pb.environment().put("RHOAI_RUNTIME", "jvm");
        pb.environment().put("RHOAI_JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("RHOAI_OUTPUT");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("rhoai-out", ".txt"), err = Files.createTempFile("rhoai-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
