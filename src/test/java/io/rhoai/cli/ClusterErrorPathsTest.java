package io.rhoai.cli;

import io.rhoai.certs.install.LoopbackTlsServer;
import io.rhoai.certs.install.TestPki;
import io.rhoai.testing.Cli;
import io.rhoai.testing.LoopbackApi;
import io.rhoai.testing.LoopbackApi.Reply;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that reaches a cluster, against an API server that fails the ways real ones do: nothing listening,
 * a server that accepts and never answers, 401, 403 and 500. Each run must end with the documented exit code, one
 * {@code error:} line naming the server, no stack trace, never the kubeconfig's bearer token, and within its
 * {@code --timeout} plus a small margin; a server that cannot be reached or refuses the credentials fails at once.
 */
class ClusterErrorPathsTest {
    static final String TOKEN = "sha256~fake-bearer-token-never-shown-0123456789";
    /** Start-up, class loading and the client's own set-up on a shared two-core machine. */
    static final Duration MARGIN = Duration.ofSeconds(4);

    @TempDir static Path tmp;

    /** The commands that reach a cluster, with the least they need to get there. */
    static final Map<String, List<String>> COMMANDS = Map.of(
            "gitops status", List.of("gitops", "status", "-c", "rhoaibu-cluster-dev"),
            "gitops bootstrap", List.of("gitops", "bootstrap", "-c", "rhoaibu-cluster-dev"),
            "gpu pools list", List.of("gpu", "pools", "list"),
            "gpu pools add", List.of("gpu", "pools", "add", "--pool", "probe", "--instance-type", "g6.2xlarge", "--zone", "us-east-1b", "--max", "1"),
            "gpu pools remove", List.of("gpu", "pools", "remove", "--pool", "probe"),
            "oauth status", List.of("oauth", "status"),
            "oauth grant-admin", List.of("oauth", "grant-admin", "-c", "rhoaibu-cluster-dev"),
            "oauth remove-kubeadmin", List.of("oauth", "remove-kubeadmin", "--confirm"),
            "certs status", List.of("certs", "status", "-c", "rhoaibu-cluster-dev"));

    /**
     * Commands whose cluster access is being moved onto kube/ by other engineers (issue 10, steps 3 and 4): they still
     * have their own REST client and error mapping. The lead empties this set after merging oauth and certs.
     */
    static final Set<String> KNOWN_UNTIL_MERGE = Set.of();                                                // defect 7: exits 0 on 401/unreachable

    enum Failure {
        REFUSED(6, "connection refused", Duration.ofSeconds(30), true),
        HANGS(5, "no answer", Duration.ofSeconds(3), false),
        UNAUTHORIZED(6, "401", Duration.ofSeconds(30), true),
        FORBIDDEN(6, "403", Duration.ofSeconds(30), true),
        UNTRUSTED_TLS(6, "TLS handshake failed", Duration.ofSeconds(30), true),
        SERVER_ERROR(6, "500", Duration.ofSeconds(3), false);

        final int exitCode;
        final String cause;
        final Duration timeout;
        /** Fails at once: long before --timeout, as kubectl does. */
        final boolean fast;

        Failure(int exitCode, String cause, Duration timeout, boolean fast) {
            this.exitCode = exitCode;
            this.cause = cause;
            this.timeout = timeout;
            this.fast = fast;
        }

        /** The failing server and its URL; nothing listens for {@link #REFUSED}. */
        Server start() throws Exception {
            return switch (this) {
                case REFUSED -> new Server("https://127.0.0.1:1", () -> { });
                case HANGS -> Server.of(LoopbackApi.silent());
                case UNAUTHORIZED -> Server.of(LoopbackApi.always(Reply.status(401, "Unauthorized", "Unauthorized")));
                case FORBIDDEN -> Server.of(LoopbackApi.always(Reply.status(403, "Forbidden", "forbidden: User \\\"system:anonymous\\\" cannot list resource")));
                case UNTRUSTED_TLS -> {
                    // a TLS server whose self-signed certificate the kubeconfig does not trust
                    LoopbackTlsServer tls = new LoopbackTlsServer(TestPki.selfSigned("127.0.0.1"));
                    yield new Server("https://" + tls.endpoint(), tls);
                }
                case SERVER_ERROR -> Server.of(LoopbackApi.always(Reply.status(500, "InternalError", "etcdserver: request timed out")));
            };
        }
    }

    record Server(String url, AutoCloseable closer) implements AutoCloseable {
        static Server of(LoopbackApi api) {
            return new Server(api.url(), api);
        }

        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /**
     * The first in-process run loads the HTTP client, TLS and model classes (about 10 s on a shared two-core machine;
     * the native binary has them built in): done once here, so the timings below measure rhoai, not class loading.
     */
    @BeforeAll
    static void warmUp() throws IOException {
        Cli.cli().run("gpu", "pools", "list", "--kubeconfig", LoopbackApi.kubeconfig(tmp, "https://127.0.0.1:1", TOKEN).toString());
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String command : COMMANDS.keySet().stream().sorted().toList()) {
            for (Failure f : Failure.values()) all.add(Arguments.of(command, f));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} against {1}")
    @MethodSource("cases")
    void failsOnTimeWithOneLineNamingTheServerAndNoSecret(String command, Failure failure) throws Exception {
        Assumptions.assumeFalse(KNOWN_UNTIL_MERGE.contains(command), command + " is on KNOWN_UNTIL_MERGE");
        try (Server api = failure.start()) {
            String server = api.url();
            Path kubeconfig = LoopbackApi.kubeconfig(tmp, server, TOKEN);
            List<String> args = new ArrayList<>(COMMANDS.get(command));
            args.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--timeout", failure.timeout.toSeconds() + "s"));

            long t0 = System.nanoTime();
            Cli.Result r = Cli.cli().run(args.toArray(String[]::new));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(r.exitCode()).as("exit code\n%s", r).isEqualTo(failure.exitCode);
            List<String> errors = Arrays.stream(r.stderr().split("\\R")).filter(l -> l.startsWith("error:")).toList();
            assertThat(errors).as("one error line\n%s", r).hasSize(1);
            assertThat(errors.get(0)).as("names the server and the cause").contains(server).containsIgnoringCase(failure.cause);
            assertThat(r.stderr()).as("no stack trace without -v").doesNotContain("\tat ", "Exception:");
            assertThat(r.all()).as("never the token").doesNotContain(TOKEN).doesNotContain("fake-bearer");
            Duration limit = failure.fast ? MARGIN : failure.timeout.plus(MARGIN);
            assertThat(took).as("finished within %s\n%s", limit, r).isLessThan(limit);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandNames")
    void noKubeconfigOrAnUndefinedContextIsInvalidInputNamingWhatIsMissing(String command) throws IOException {
        Assumptions.assumeFalse(KNOWN_UNTIL_MERGE.contains(command), command + " is on KNOWN_UNTIL_MERGE");
        Path home = Files.createTempDirectory(tmp, "home");   // no .kube/config in it, no KUBECONFIG, not in a pod
        Cli.Result none = Cli.cli().env("HOME", home.toString()).run(COMMANDS.get(command).toArray(String[]::new));
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.stderr()).contains("error: no kubeconfig: --kubeconfig not given, KUBECONFIG not set, "
                + home.resolve(".kube/config") + " does not exist, and not running in a cluster").contains("hint: pass --kubeconfig");

        Path kubeconfig = Files.writeString(home.resolve("stale"), Files.readString(LoopbackApi.kubeconfig(home, "https://127.0.0.1:1", TOKEN))
                .replace("current-context: ctx", "current-context: deleted-cluster"));
        List<String> args = new ArrayList<>(COMMANDS.get(command));
        args.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        Cli.Result stale = Cli.cli().run(args.toArray(String[]::new));
        assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(stale.stderr()).contains("current-context 'deleted-cluster' is not one of its contexts").doesNotContain(TOKEN);
    }

    static Stream<String> commandNames() {
        return COMMANDS.keySet().stream().sorted();
    }
}
