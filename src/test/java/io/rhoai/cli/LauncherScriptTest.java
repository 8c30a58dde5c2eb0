package io.rhoai.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code scripts/rhoai}, copied into a scratch project whose {@code mvnw}, JDKs and native binary are small
 * fakes that record how they were called. Checks what a user relies on: the right runtime and the newest JDK are
 * chosen, the jar is built only when needed, the class-data cache is trained once and then used, nothing is written
 * outside the build's directory, stdout is the command's alone and the exit code passes through.
 */
class LauncherScriptTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("rhoai.project.dir", "."), "scripts", "rhoai");
    private static final Instant SOURCES_TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final String JVM_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData "
            + "-Djava.util.logging.manager=org.jboss.logmanager.LogManager";

    @TempDir Path project;
    private Path calls;

    @BeforeEach
    void scratchProject() throws IOException {
        calls = project.resolve("calls.log");
        Files.createDirectories(project.resolve("scripts"));
        Files.copy(LAUNCHER, project.resolve("scripts/rhoai"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(project.resolve("src/main/java/Main.java"), "class Main { }");
        // fake ./mvnw: prints build noise on stdout (the launcher must move it to stderr) and "builds" the fast-jar
        executable(project.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "mvnw $*" >> "%s"
                echo "MAVEN_OPTS=$MAVEN_OPTS" >> "%s"
                echo "[INFO] maven build noise"
                if [ -n "${FAKE_OFFLINE_MISSING:-}" ] && [[ " $* " == *" -o "* ]]; then
                  echo "[ERROR] Plugin x:y:1 or one of its dependencies could not be resolved: Cannot access central in offline mode"
                  exit 1
                fi
                echo "[INFO] Downloaded from central: https://repo.example/a.jar (1 kB at 1 MB/s)"
                echo "[INFO] --- compiler:3.14.0:compile (default-compile) @ rhoai ---"
                if [ -n "${FAKE_BUILD_ERROR:-}" ]; then echo "[ERROR] Main.java:[1,1] cannot find symbol"; exit 1; fi
                a=target/quarkus-app
                mkdir -p $a/app $a/lib/main $a/lib/boot $a/lib/picocli17 && echo jar > $a/quarkus-run.jar
                touch $a/app/rhoai-0.1.0.jar $a/lib/picocli17/rhoai-0.1.0-picocli-4.7.7.jar $a/lib/main/info.picocli.picocli-4.7.7.jar $a/lib/main/org.example.lib-1.jar \
                  $a/lib/boot/io.quarkus.quarkus-bootstrap-runner-3.33.2.jar $a/lib/boot/org.jboss.logmanager.jboss-logmanager-3.jar
                """.formatted(calls, calls));
        // "java" on the PATH that is no JDK (no release file next to it): the launcher must not pick the machine's own
        executable(project.resolve("path-bin/java"), "#!/usr/bin/env bash\necho \"path java $*\" >> \"%s\"\nexit 99\n".formatted(calls));
        for (String files : List.of("pom.xml", "src/main/java/Main.java", "src/main/java", "src/main")) {
            Files.setLastModifiedTime(project.resolve(files), FileTime.from(SOURCES_TIME));
        }
    }

    @Test
    void firstRunBuildsTheJarTrainsAnAppCdsArchiveAndPassesStdoutAndExitCodeThrough() throws Exception {
        Path jdk = fakeJdk("17.0.99");

        Run first = launch(Map.of("JAVA_HOME", jdk.toString(), "FAKE_EXIT", "3"), "install-config", "render", "--dir", "out dir");

        assertThat(first.exit()).as(first.toString()).isEqualTo(3);
        assertThat(first.stdout()).isEqualTo("command output\n");
        assertThat(first.stderr()).contains("building rhoai").containsPattern("rhoai: build +\\d+s compiler:compile\n")
                .contains("downloaded 1 files in all").containsPattern("rhoai: built in \\d+s")
                .contains("preparing the JVM start-up cache").contains("command stderr").doesNotContain("maven build noise");
        // Maven's own output is kept in the build log
        assertThat(Files.readString(project.resolve("target/rhoai-build.log"))).contains("[INFO] maven build noise");
        List<String> log = callLog();
        assertThat(log).filteredOn(l -> l.startsWith("mvnw")).containsExactly("mvnw -B -o package -Dmaven.test.skip=true -DskipITs=true "
                + "-Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dquarkus.generate-code.skip=true");
        assertThat(log).filteredOn(l -> l.startsWith("java")).hasSize(2);
        Path app = project.resolve("target/quarkus-app");
        // the command line itself, without Quarkus' bootstrap, with picocli compiled for 17 instead of picocli's jar
        String classpath = app.resolve("app/rhoai-0.1.0.jar") + ":" + app.resolve("lib/picocli17/rhoai-0.1.0-picocli-4.7.7.jar") + ":"
                + app.resolve("lib/main/org.example.lib-1.jar") + ":"
                + app.resolve("lib/boot/org.jboss.logmanager.jboss-logmanager-3.jar");
        List<String> java = log.stream().filter(l -> l.startsWith("java")).toList();
        assertThat(java.get(0)).startsWith("java " + JVM_FLAGS + " -XX:ArchiveClassesAtExit=")
                .endsWith(" -cp " + classpath + " io.rhoai.cli.Training");
        assertThat(java.get(1)).contains("-XX:SharedArchiveFile=" + app.resolve("rhoai-jdk17.0.99-"))
                .endsWith(" -cp " + classpath + " io.rhoai.cli.Main install-config render --dir out dir");
        try (var files = Files.list(project.resolve("target/quarkus-app"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("rhoai-jdk17\\.0\\.99-\\d+\\.jsa"));
        }

        Run second = launch(Map.of("JAVA_HOME", jdk.toString()), "version");

        assertThat(second.exit()).isZero();
        assertThat(second.stderr()).doesNotContain("building").doesNotContain("preparing");
        assertThat(callLog()).hasSize(log.size() + 1);   // no build, no training: only the command itself
        assertThat(callLog().get(log.size())).contains("-XX:SharedArchiveFile=").endsWith(" version");
    }

    @Test
    void sourcesNewerThanTheJarRebuildIt() throws Exception {
        Path jdk = fakeJdk("17.0.99");
        launch(Map.of("JAVA_HOME", jdk.toString()), "version");
        Files.setLastModifiedTime(project.resolve("target/quarkus-app/quarkus-run.jar"), FileTime.from(SOURCES_TIME.plusSeconds(60)));
        Files.setLastModifiedTime(project.resolve("src/main/java/Main.java"), FileTime.from(SOURCES_TIME.plusSeconds(120)));

        Run run = launch(Map.of("JAVA_HOME", jdk.toString()), "version");

        assertThat(run.exit()).isZero();
        assertThat(callLog()).filteredOn(l -> l.startsWith("mvnw")).hasSize(2);
    }

    @Test
    void offlineFirstThenOnlineWhenTheMavenCacheLacksSomethingWithTheUsersMavenOptions() throws Exception {
        Path jdk = fakeJdk("17.0.99");

        Run run = launch(Map.of("JAVA_HOME", jdk.toString(), "FAKE_OFFLINE_MISSING", "1", "RHOAI_MAVEN_OPTS", "-Dmaven.repo.local=/tmp/m2 -U",
                "MAVEN_OPTS", "-Xmx2g"),
                "version");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("command output\n");
        assertThat(run.stderr()).contains("the local Maven cache lacks some artifacts; building online")
                .doesNotContain("in offline mode");   // the offline attempt's errors stay in the log
        List<String> mvnw = callLog().stream().filter(l -> l.startsWith("mvnw")).toList();
        assertThat(mvnw).hasSize(2);
        assertThat(mvnw.get(0)).startsWith("mvnw -B -o package ").endsWith(" -Dmaven.repo.local=/tmp/m2 -U");
        assertThat(mvnw.get(1)).startsWith("mvnw -B package ").endsWith(" -Dmaven.repo.local=/tmp/m2 -U");
        // Maven's own JVM runs C1-only with the serial collector; the user's MAVEN_OPTS come last
        assertThat(callLog()).filteredOn(l -> l.startsWith("MAVEN_OPTS=")).containsOnly("MAVEN_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx2g");
    }

    @Test
    void aBuildErrorIsNotRetriedOnlineAndShowsMavensErrorAndTheLog() throws Exception {
        Path jdk = fakeJdk("17.0.99");

        Run run = launch(Map.of("JAVA_HOME", jdk.toString(), "FAKE_BUILD_ERROR", "1"), "version");

        assertThat(run.exit()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("[ERROR] Main.java:[1,1] cannot find symbol")
                .contains("building rhoai failed (errors above; full log: target/rhoai-build.log)");
        assertThat(callLog()).filteredOn(l -> l.startsWith("mvnw")).hasSize(1);
    }

    @Test
    void editingProfilesRebuildsNothingAndTheCheckoutsProfilesAreReadAtRunTime() throws Exception {
        Path jdk = fakeJdk("17.0.99");
        Files.createDirectories(project.resolve("install-configs"));
        launch(Map.of("JAVA_HOME", jdk.toString(), "RHOAI_JVM_CACHE", "off"), "version");
        Files.writeString(project.resolve("install-configs/lab.yaml"), "edited\n");
        Files.setLastModifiedTime(project.resolve("target/quarkus-app/quarkus-run.jar"), FileTime.from(SOURCES_TIME.plusSeconds(60)));
        Files.setLastModifiedTime(project.resolve("install-configs/lab.yaml"), FileTime.from(SOURCES_TIME.plusSeconds(120)));
        Files.setLastModifiedTime(project.resolve("install-configs"), FileTime.from(SOURCES_TIME.plusSeconds(120)));

        Run run = launch(Map.of("JAVA_HOME", jdk.toString(), "RHOAI_JVM_CACHE", "off"), "version");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.stderr()).doesNotContain("building");
        assertThat(callLog()).filteredOn(l -> l.startsWith("mvnw")).hasSize(1);
        assertThat(callLog().get(callLog().size() - 1)).contains(" -Drhoai.profiles.bundled=" + project.resolve("install-configs") + " ");
    }

    @Test
    void jdk25UsesTheAotCache() throws Exception {
        Path jdk = fakeJdk("25.0.1");

        Run run = launch(Map.of("JAVA_HOME", jdk.toString()), "version");

        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> java = callLog().stream().filter(l -> l.startsWith("java")).toList();
        assertThat(java.get(0)).contains("-XX:AOTCacheOutput=").endsWith(" io.rhoai.cli.Training");
        assertThat(java.get(1)).contains("-XX:AOTCache=" + project.resolve("target/quarkus-app/rhoai-jdk25.0.1-"))
                .doesNotContain("SharedArchiveFile");
    }

    @Test
    void cacheCanBeSwitchedOffAndExtraJavaOptionsComeLast() throws Exception {
        Path jdk = fakeJdk("17.0.99");

        launch(Map.of("JAVA_HOME", jdk.toString(), "RHOAI_JVM_CACHE", "off", "RHOAI_JAVA_OPTS", "-Xmx64m -Dx=y"), "version");

        List<String> java = callLog().stream().filter(l -> l.startsWith("java")).toList();
        assertThat(java).hasSize(1);
        assertThat(java.get(0)).doesNotContain("Archive").contains(JVM_FLAGS + " -Xmx64m -Dx=y -cp ");
    }

    @Test
    void theNewestJdkFoundRunsAndRhoaiJavaHomePinsOne() throws Exception {
        Path jdk17 = fakeJdk("17.0.99");
        Path jdks = project.resolve("jdks");
        Path jdk25 = fakeJdk("25.0.1", jdks.resolve("temurin-25"));
        fakeJdk("21.0.7", jdks.resolve("openjdk-21"));

        launch(Map.of("JAVA_HOME", jdk17.toString(), "RHOAI_JDK_DIRS", jdks.toString()), "version");
        List<String> java = callLog().stream().filter(l -> l.startsWith("java")).toList();
        assertThat(java).hasSize(2).allMatch(l -> l.contains("-XX:AOTCache") && l.contains("rhoai-jdk25.0.1-"));
        assertThat(callLog()).filteredOn(l -> l.startsWith("mvnw")).hasSize(1);

        Run pinned = launch(Map.of("RHOAI_JAVA_HOME", jdk17.toString(), "JAVA_HOME", jdk25.toString(),
                "RHOAI_JDK_DIRS", jdks.toString()), "version");
        assertThat(pinned.exit()).as(pinned.toString()).isZero();
        assertThat(callLog().get(callLog().size() - 1)).contains("-XX:SharedArchiveFile=").contains("rhoai-jdk17.0.99-");

        Run bad = launch(Map.of("RHOAI_JAVA_HOME", project.resolve("nowhere").toString()), "version");
        assertThat(bad.exit()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(bad.stderr()).contains("RHOAI_JAVA_HOME=");
    }

    @Test
    void trainingAlsoRendersTheDevProfileDryWhenTheExampleInputsAreThere() throws Exception {
        Files.createDirectories(project.resolve("docs/examples"));
        Files.writeString(project.resolve("docs/examples/pull-secret.example.json"), "{}");
        Files.writeString(project.resolve("docs/examples/ssh-key.example.pub"), "ssh-ed25519 AAAA example");
        Path jdk = fakeJdk("25.0.1");

        launch(Map.of("JAVA_HOME", jdk.toString()), "version");

        String training = callLog().stream().filter(l -> l.contains("-XX:AOTCacheOutput=")).findFirst().orElseThrow();
        assertThat(training).endsWith(" io.rhoai.cli.Training " + project.resolve("target/quarkus-app/.rhoai-training") + " "
                + project.resolve("docs/examples/pull-secret.example.json") + " " + project.resolve("docs/examples/ssh-key.example.pub"));
    }

    @Test
    void writesNothingOutsideTheBuildDirectory() throws Exception {
        Path jdk = fakeJdk("25.0.1");
        List<String> before = files(project);

        launch(Map.of("JAVA_HOME", jdk.toString()), "version");
        launch(Map.of("JAVA_HOME", jdk.toString()), "version");

        assertThat(files(project)).filteredOn(f -> !before.contains(f))
                .allMatch(f -> f.startsWith("target/") || f.equals("calls.log") || f.startsWith("stdout") || f.startsWith("stderr"))
                .anyMatch(f -> f.matches("target/quarkus-app/rhoai-jdk25\\.0\\.1-\\d+\\.aot"));
        assertThat(files(project.resolve("home"))).isEmpty();
        assertThat(files(project.resolve("tmp"))).isEmpty();
    }

    @Test
    void anOlderBuildWithoutTheApplicationJarRunsQuarkusEntryPoint() throws Exception {
        Path jdk = fakeJdk("17.0.99");
        Files.createDirectories(project.resolve("target/quarkus-app"));
        Files.writeString(project.resolve("target/quarkus-app/quarkus-run.jar"), "jar");

        Run run = launch(Map.of("JAVA_HOME", jdk.toString(), "RHOAI_JVM_CACHE", "off"), "version");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(callLog()).filteredOn(l -> l.startsWith("mvnw")).isEmpty();
        assertThat(callLog()).containsExactly("java " + JVM_FLAGS + " -jar " + project.resolve("target/quarkus-app/quarkus-run.jar") + " version");

        launch(Map.of("JAVA_HOME", jdk.toString()), "version");
        assertThat(callLog().get(1)).contains("-XX:ArchiveClassesAtExit=").endsWith("quarkus-run.jar version -o json");
    }

    @Test
    void javaOlderThan17IsAPreconditionFailure() throws Exception {
        Run run = launch(Map.of("JAVA_HOME", fakeJdk("11.0.2").toString()), "version");

        assertThat(run.exit()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("rhoai needs Java 17 or newer").contains("hint: set JAVA_HOME");
        assertThat(callLog()).isEmpty();
    }

    @Test
    void nativeBinaryFromRhoaiNativeGetsTheArgumentsVerbatim() throws Exception {
        Path binary = fakeNative(project.resolve("elsewhere/rhoai"));

        Run run = launch(Map.of("RHOAI_NATIVE", binary.toString(), "FAKE_EXIT", "7"), "certs", "renew", "a b");

        assertThat(run.exit()).isEqualTo(ExitCodes.NOT_DUE);
        assertThat(run.stdout()).isEqualTo("native output\n");
        assertThat(callLog()).containsExactly("native [certs] [renew] [a b]");
    }

    @Test
    void runnerInTargetIsUsedUnlessOlderThanTheSources() throws Exception {
        Path runner = fakeNative(project.resolve("target/rhoai-0.1.0-runner"));
        Path jdk = fakeJdk("17.0.99");

        Run fresh = launch(Map.of("JAVA_HOME", jdk.toString()), "version");
        assertThat(fresh.stdout()).isEqualTo("native output\n");

        Files.setLastModifiedTime(runner, FileTime.from(SOURCES_TIME.minusSeconds(60)));
        Run stale = launch(Map.of("JAVA_HOME", jdk.toString()), "version");
        assertThat(stale.stdout()).isEqualTo("command output\n");
        assertThat(stale.stderr()).contains("target/rhoai-0.1.0-runner is older than the sources; using the JVM build");

        Run forced = launch(Map.of("JAVA_HOME", jdk.toString(), "RHOAI_RUNTIME", "jvm"), "version");
        assertThat(forced.stdout()).isEqualTo("command output\n");
    }

    @Test
    void missingNativeBinaryOrBadRuntimeAreReported() throws Exception {
        Run missing = launch(Map.of("RHOAI_RUNTIME", "native"), "version");
        assertThat(missing.exit()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(missing.stderr()).contains("no native binary").contains("./mvnw package -Dnative");

        Run bad = launch(Map.of("RHOAI_RUNTIME", "graal"), "version");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.stderr()).contains("RHOAI_RUNTIME must be auto, native or jvm, not 'graal'");
        assertThat(bad.stdout()).isEmpty();
    }

    // ---- fakes -----------------------------------------------------------------------------------------------

    /** A JDK whose java logs its arguments, makes the cache file a training run asks for, and runs "the command". */
    private Path fakeJdk(String version) throws IOException {
        return fakeJdk(version, project.resolve("jdk-" + version));
    }

    private Path fakeJdk(String version, Path home) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        executable(home.resolve("bin/java"), """
                #!/usr/bin/env bash
                echo "java $*" >> "%s"
                for a in "$@"; do
                  case $a in -XX:ArchiveClassesAtExit=* | -XX:AOTCacheOutput=*) echo cache > "${a#*=}"; exit 0 ;; esac
                done
                echo "command output"
                echo "command stderr" >&2
                exit "${FAKE_EXIT:-0}"
                """.formatted(calls));
        return home;
    }

    private Path fakeNative(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        executable(path, """
                #!/usr/bin/env bash
                line="native"; for a in "$@"; do line="$line [$a]"; done
                echo "$line" >> "%s"
                echo "native output"
                exit "${FAKE_EXIT:-0}"
                """.formatted(calls));
        return path;
    }

    private static void executable(Path path, String script) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, script);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Every file under {@code dir}, relative to it, in order. */
    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private List<String> callLog() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(project.resolve("scripts/rhoai").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().clear();
        // the java found first on the PATH is no JDK, and the machine's JDK folders are not searched, unless a test says so
        pb.environment().put("PATH", project.resolve("path-bin") + ":/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("RHOAI_JDK_DIRS", project.resolve("no-jdks").toString());
        Files.createDirectories(project.resolve("home"));
        Files.createDirectories(project.resolve("tmp"));
        pb.environment().put("HOME", project.resolve("home").toString());
        pb.environment().put("TMPDIR", project.resolve("tmp").toString());
        pb.environment().putAll(env);
        Path out = project.resolve("stdout.txt"), err = project.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
