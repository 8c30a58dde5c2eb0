package io.rhoai.cli.promote;

import io.rhoai.cli.ExitCodes;
import io.rhoai.testing.HungPeers;
import io.rhoai.testing.acme.RhoaiMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C on a real process: {@code promote plan} fetching from a git server that accepts and never answers
 * ({@link HungPeers}) gets SIGINT. It must exit 130, say on stderr what was interrupted and what it was doing, say
 * that it removed its temporary clone, and the clone must be gone; stdout stays empty.
 */
class PromoteInterruptTest {
    @TempDir Path tmp;

    @Test
    void sigintWhileFetchingRemovesTheTemporaryCloneSaysSoAndExits130() throws Exception {
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        Path profiles = Files.createDirectories(tmp.resolve("profiles"));
        try (ServerSocket hung = HungPeers.tcp()) {
            String repo = "http://127.0.0.1:" + hung.getLocalPort() + "/acme/rhoaibu-cluster.git";
            writeProfiles(profiles, repo);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + javaTmp, "-cp", System.getProperty("java.class.path"), RhoaiMain.class.getName(),
                    "promote", "plan", "--from", "dev", "--to", "prod", "--profiles-dir", profiles.toString(), "--timeout", "5m")
                    .start();
            List<String> stderr = new ArrayList<>();
            CompletableFuture<Void> fetching = new CompletableFuture<>();
            Thread errReader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (stderr) { stderr.add(line); }
                        if (line.contains("Fetching " + repo)) fetching.complete(null);
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            });
            errReader.start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (Exception e) {
                    return "";
                }
            });
            try {
                fetching.get(60, TimeUnit.SECONDS);
                List<Path> clones = clones(javaTmp);
                assertThat(clones).as("the temporary clone exists while fetching").hasSize(1);

                new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
                errReader.join(5000);

                String err = String.join("\n", stderr);
                assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.INTERRUPTED);
                assertThat(stdout.get(5, TimeUnit.SECONDS)).as("stdout").isEmpty();
                assertThat(stderr).as(err).contains("interrupted: rhoai promote plan while: Fetching " + repo);
                String cleaned = stderr.stream().filter(l -> l.startsWith("cleaned up: ")).findFirst().orElse("");
                Matcher m = Pattern.compile("cleaned up: removed the temporary clone (\\S+)").matcher(cleaned);
                assertThat(m.matches()).as(err).isTrue();
                assertThat(Path.of(m.group(1))).isEqualTo(clones.get(0)).doesNotExist();
                assertThat(clones(javaTmp)).as("no temporary clone left").isEmpty();
                assertThat(err).as("no error line or trace after the interrupt").doesNotContain("error:", "\tat ", "Exception");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /**
     * The error paths a run ends on by itself leave no temporary clone either: a remote that is no git server, a fetch
     * that runs out of its --operation-timeout.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"not-git", "timeout"})
    void everyErrorPathRemovesTheTemporaryClone(String failure) throws Exception {
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        Path profiles = Files.createDirectories(tmp.resolve("profiles"));
        try (io.rhoai.testing.GarblingPeer garbling = new io.rhoai.testing.GarblingPeer(io.rhoai.testing.GarblingPeer.Answer.HTML);
             ServerSocket hung = HungPeers.tcp()) {
            int port = "timeout".equals(failure) ? hung.getLocalPort() : garbling.port();
            writeProfiles(profiles, "http://127.0.0.1:" + port + "/acme/rhoaibu-cluster.git");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + javaTmp, "-cp", System.getProperty("java.class.path"), RhoaiMain.class.getName(),
                    "promote", "plan", "--from", "dev", "--to", "prod", "--profiles-dir", profiles.toString(), "--timeout", "60s",
                    "--operation-timeout", "2s")
                    .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile()).start();
            try {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String err = Files.readString(tmp.resolve("err"));
                assertThat(p.exitValue()).as(err).isEqualTo("timeout".equals(failure) ? ExitCodes.TIMEOUT : ExitCodes.REMOTE);
                assertThat(err).contains("error: git fetch").contains("127.0.0.1:" + port);
                assertThat(Files.readString(tmp.resolve("out"))).isEmpty();
                assertThat(clones(javaTmp)).as("no temporary clone left\n%s", err).isEmpty();
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static void writeProfiles(Path profiles, String repo) throws java.io.IOException {
        for (String[] p : new String[][] {{"rhoaibu-cluster-dev", "dev"}, {"rhoaibu-cluster-prod", "main"}}) {
            Files.writeString(profiles.resolve(p[0] + ".yaml"), """
                    apiVersion: rhoai.io/v1alpha1
                    kind: ClusterProfile
                    metadata:
                      name: %s
                    spec:
                      cluster:
                        name: %s
                        baseDomain: example.com
                      gitops:
                        repoURL: %s
                        revision: %s
                        overlayPath: clusters/overlays/%s
                        promotion: branch
                    """.formatted(p[0], p[1], repo, p[1], p[0]));
        }
    }

    private static List<Path> clones(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("rhoai-promote-")).toList();
        }
    }
}
