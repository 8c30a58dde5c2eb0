package io.rhoai.cli;

import io.rhoai.installconfig.Fixtures;
import io.rhoai.testing.Cli;
import io.rhoai.testing.HostileApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Escape sequences and bidi overrides never reach the terminal raw: neither from a profile nor from a remote. */
class TerminalSafetyTest {
    static final String HOSTILE = "\u001b]0;pwned\u0007\u202e";

    @TempDir Path tmp;

    @Test
    void aProfileValueIsEscapedInTheError() throws IOException {
        Path profiles = Files.createDirectories(tmp.resolve("profiles"));
        for (String f : new String[] {"_base.yaml", "rhoaibu-cluster-dev.yaml"}) Files.copy(Fixtures.PROFILES.resolve(f), profiles.resolve(f));
        Path base = profiles.resolve("_base.yaml");
        Files.writeString(base, Files.readString(base).replace("instanceType: g6.2xlarge\n      access: SHARED",
                "instanceType: \"x\\e]0;pwned\\a\\u202e\"\n      access: SHARED"));
        Cli.Result r = Cli.cli().run("install-config", "render", "--cluster", "rhoaibu-cluster-dev", "--profiles-dir", profiles.toString(),
                "--dir", tmp.resolve("out").toString(), "--dry-run",
                "--pull-secret-file", Fixtures.PULL_SECRET.toString(), "--ssh-key-file", Fixtures.SSH_KEY.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("x\\x1b]0;pwned\\x07\\u202e");
        assertNoRawControl(r);
    }

    @Test
    void aRemoteErrorMessageIsEscaped() throws IOException {
        try (HostileApiServer server = new HostileApiServer(403, req -> "forbidden " + HOSTILE + " done")) {
            Cli.Result r = Cli.cli().run("gpu", "pools", "list", "--kubeconfig", server.kubeconfig(tmp, "t0ken-for-terminal-test").toString(),
                    "--timeout", "10s");
            assertThat(r.exitCode()).as(r.toString()).isIn(ExitCodes.REMOTE, ExitCodes.PRECONDITION);
            assertThat(r.stderr()).contains("forbidden \\x1b]0;pwned\\x07\\u202e done");
            assertNoRawControl(r);
        }
    }

    /**
     * A commit subject is remote text that {@code promote plan -o json|yaml} prints on stdout: escaped there too (ESC,
     * CSI, C1, DEL, bidi), and a consumer parsing the output gets the subject exactly as committed.
     */
    @Test
    void remoteTextInJsonAndYamlOutputIsEscapedAndParsesBackUnchanged() throws Exception {
        String subject = "bump \u001b[2J\u001b]0;pwned\u0007 \u009b31m \u007f \u202eevil\u202c \u2066iso\u2069 → ok";
        try (io.rhoai.promote.SeedRepo seed = io.rhoai.promote.SeedRepo.create(tmp.resolve("seed"), io.rhoai.promote.SeedRepo.Hotfix.NONE)) {
            seed.checkout("dev");
            seed.write("docs/hostile.md", "x\n");
            seed.commit(subject, "mallory");
            seed.pushAll();
            for (String format : new String[] {"json", "yaml"}) {
                Cli.Result r = Cli.cli().run("promote", "plan", "--from", "dev", "--to", "prod", "--no-render",
                        "--profiles-dir", seed.profiles.toString(), "-o", format);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
                assertNoRawControl(r);
                assertThat(r.stdout()).doesNotContain("\u009b", "\u007f", "\u202c", "\u2066", "\u2069");
                var plan = ("json".equals(format) ? io.rhoai.core.yaml.Mappers.json() : io.rhoai.core.yaml.Mappers.yaml()).readTree(r.stdout());
                java.util.List<String> subjects = new java.util.ArrayList<>();
                plan.path("commits").forEach(c -> subjects.add(c.path("subject").asText()));
                assertThat(subjects).as(format).contains(subject);
            }
        }
    }

    static void assertNoRawControl(Cli.Result r) {
        assertThat(r.all()).doesNotContain("\u001b", "\u0007", "\u202e");
    }
}
