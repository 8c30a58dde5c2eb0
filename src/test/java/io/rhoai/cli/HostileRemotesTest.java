package io.rhoai.cli;

import io.rhoai.testing.Cli;
import io.rhoai.testing.GarblingPeer;
import io.rhoai.testing.GarblingPeer.Answer;
import io.rhoai.testing.LoopbackApi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of remote rhoai talks to, answered by a peer that does not speak the remote's protocol ({@link GarblingPeer}:
 * binary bytes with terminal escapes, an HTML page, JSON cut short, a closed connection, a truncated answer). The
 * corpus's class "non-protocol answer from a remote" must end with exit 6 (a remote failed) and one {@code error:} line
 * naming the endpoint: never exit 8 (an internal exit is a bug), never a stack trace, never the peer's bytes raw on the
 * terminal, never a credential, nothing on stdout. Route 53 (behind a real ACME order) is in PebbleIssueTest, the GitHub
 * API (after a real push) in PromoteEndToEndTest.
 */
class HostileRemotesTest {
    static final String TOKEN = "sha256~hostile-remote-token-0123456789abcdef";
    static final String GIT_TOKEN = "ghp_HostileRemoteGitToken0123456789abc";

    @TempDir static Path tmp;

    /** A remote rhoai reaches, and the command line that reaches it at {@code url}. */
    enum Remote {
        KUBERNETES_API("http"),
        KUBERNETES_API_TLS("https"),
        GIT_SMART_HTTP("http"),
        ACME_DIRECTORY("https");

        final String scheme;

        Remote(String scheme) {
            this.scheme = scheme;
        }

        Cli.Result run(String url) throws IOException {
            Path dir = Files.createTempDirectory(tmp, name());
            return switch (this) {
                case KUBERNETES_API, KUBERNETES_API_TLS -> Cli.cli().run("gpu", "pools", "list", "--timeout", "20s",
                        "--kubeconfig", LoopbackApi.kubeconfig(dir, url, TOKEN).toString());
                case GIT_SMART_HTTP -> {
                    for (String[] p : new String[][] {{"rhoaibu-cluster-dev", "dev"}, {"rhoaibu-cluster-prod", "main"}}) {
                        Files.writeString(dir.resolve(p[0] + ".yaml"), """
                                apiVersion: rhoai.io/v1alpha1
                                kind: ClusterProfile
                                metadata:
                                  name: %s
                                spec:
                                  cluster:
                                    name: %s
                                    baseDomain: example.com
                                  gitops:
                                    repoURL: %s/acme/rhoaibu-cluster.git
                                    revision: %s
                                    overlayPath: clusters/overlays/%s
                                    promotion: branch
                                """.formatted(p[0], p[1], url, p[1], p[0]));
                    }
                    yield Cli.cli().env("GIT_TOKEN", GIT_TOKEN).run("promote", "plan", "--from", "dev", "--to", "prod",
                            "--profiles-dir", dir.toString(), "--timeout", "20s");
                }
                case ACME_DIRECTORY -> Cli.cli().env("RFC2136_NAMESERVER", "127.0.0.1:1").env("RFC2136_TSIG_KEY", "acme-update.")
                        .env("RFC2136_TSIG_SECRET", "c2VjcmV0LXNlY3JldC1zZWNyZXQ=")
                        .run("certs", "issue", "--acme-server", url + "/dir", "--state-dir", dir.resolve("state").toString(),
                                "--timeout", "20s", "--dns-provider", "rfc2136", "--domain", "api.dev.example.test");
            };
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Remote r : Remote.values()) for (Answer a : Answer.values()) all.add(Arguments.of(r, a));
        return all.stream();
    }

    /** Every command that reaches a cluster ({@link ClusterErrorPathsTest#COMMANDS}), against each non-API answer. */
    static Stream<Arguments> clusterCases() {
        List<Arguments> all = new ArrayList<>();
        for (String command : ClusterErrorPathsTest.COMMANDS.keySet().stream().sorted().toList()) {
            for (Answer a : Answer.values()) all.add(Arguments.of(command, a.name()));
            all.add(Arguments.of(command, "404-for-every-path"));
        }
        return all.stream();
    }

    /**
     * The rule "an internal exit is a bug that cannot happen for the corpus's classes of input", for every
     * cluster command against the classes this suite covers: answers that are not the Kubernetes API, and an API
     * server that serves none of the kinds asked for (404 on every path, as a cluster without an API group answers).
     * The exit is one of 4 (precondition), 5 (timeout), 6 (remote), with one error line and no trace; against the 404
     * server also 0 where a command reports the absence it reads as a state.
     */
    @ParameterizedTest(name = "{0} against {1}")
    @MethodSource("clusterCases")
    void noClusterCommandExitsInternalOnAnAnswerThatIsNotTheApi(String command, String answer) throws Exception {
        AutoCloseable server;
        String url;
        if (answer.startsWith("404")) {
            LoopbackApi api = LoopbackApi.always(LoopbackApi.Reply.status(404, "NotFound", "the server could not find the requested resource"));
            server = api;
            url = api.url();
        } else {
            GarblingPeer peer = new GarblingPeer(Answer.valueOf(answer));
            server = peer;
            url = peer.url("http");
        }
        try (server) {
            Path dir = Files.createTempDirectory(tmp, "cluster");
            List<String> args = new ArrayList<>(ClusterErrorPathsTest.COMMANDS.get(command));
            args.addAll(List.of("--kubeconfig", LoopbackApi.kubeconfig(dir, url, TOKEN).toString(), "--timeout", "20s"));

            Cli.Result r = Cli.cli().run(args.toArray(String[]::new));

            if (answer.startsWith("404")) {
                // a 404 on one object is "absent": status and removal commands may report that as the state (exit 0)
                assertThat(r.exitCode()).as("never internal (8)\n%s", r).isIn(ExitCodes.OK, ExitCodes.PRECONDITION, ExitCodes.TIMEOUT, ExitCodes.REMOTE);
            } else {
                assertThat(r.exitCode()).as("never internal (8)\n%s", r).isIn(ExitCodes.PRECONDITION, ExitCodes.TIMEOUT, ExitCodes.REMOTE);
            }
            assertThat(r.stderr().lines().filter(l -> l.startsWith("error:"))).as("at most one error line\n%s", r)
                    .hasSize(r.exitCode() == ExitCodes.OK ? 0 : 1);
            assertThat(r.stderr()).as("no stack trace\n%s", r).doesNotContain("\tat ", "Exception:");
            assertThat(r.stderr()).doesNotContain("\u001b", "\u0007", "\u202e");
            assertThat(r.all()).doesNotContain(TOKEN);
        }
    }

    @ParameterizedTest(name = "{0} answered with {1}")
    @MethodSource("cases")
    void aRemoteThatDoesNotSpeakItsProtocolIsARemoteFailureInOneLineNamingTheEndpoint(Remote remote, Answer answer) throws Exception {
        try (GarblingPeer peer = new GarblingPeer(answer)) {
            String url = peer.url(remote.scheme);

            Cli.Result r = remote.run(url);

            assertThat(r.exitCode()).as("exit code: a remote failed, never internal (8)\n%s", r).isIn(4, 5, 6).isEqualTo(ExitCodes.REMOTE);
            assertThat(r.stdout()).as("nothing on stdout\n%s", r).isEmpty();
            List<String> errors = r.stderr().lines().filter(l -> l.startsWith("error:")).toList();
            assertThat(errors).as("one error line\n%s", r).hasSize(1);
            assertThat(errors.get(0)).as("names the endpoint\n%s", r).contains(url);
            assertThat(r.stderr()).as("a hint").contains("hint:");
            assertThat(r.stderr()).as("no stack trace, no Java type names\n%s", r).doesNotContain("\tat ", "Exception:", "io.fabric8.", "java.");
            assertThat(r.stderr()).as("the peer's bytes never reach the terminal raw").doesNotContain("\u001b", "\u0007", "\u202e");
            assertThat(r.all()).as("no credential").doesNotContain(TOKEN, GIT_TOKEN);
        }
    }
}
