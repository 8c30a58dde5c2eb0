package io.rhoai.cli;

import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The state root holds ACME account keys: a loose one is tightened to 0700 with a warning before any key is written. */
class StateDirTest {
    @TempDir Path tmp;

    @Test
    void certsIssueTightensALooseStateRootAndSaysSo() throws IOException {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        // no CA listens there: the run fails after preparing the state directory, which is all this test needs
        Cli.Result r = Cli.cli().env("RHOAI_STATE_DIR", state.toString())
                .run("certs", "issue", "--domain", "api.example.com", "--acme-server", "https://127.0.0.1:9/directory",
                        "--dns-provider", "manual", "--timeout", "5s");
        assertThat(r.stderr()).as(r.toString()).contains("warning: " + state + " was accessible to other users (mode rwxr-xr-x); tightened to rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        try (var dirs = Files.walk(state)) {
            dirs.filter(Files::isDirectory).forEach(d -> {
                try {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString()).isEqualTo("rwx------");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
