package io.rhoai.core.io;

import io.rhoai.core.RhoaiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs that are not regular files or are too large are refused before a byte is read. */
class InputFilesTest {
    @TempDir Path tmp;

    @Test
    void aDeviceIsRefusedBeforeReading() {
        assertThatThrownBy(() -> InputFiles.readText(Path.of("/dev/zero"), "pull secret", "--pull-secret-file", InputFiles.PULL_SECRET_MAX))
                .isInstanceOf(RhoaiException.class).hasMessage("--pull-secret-file: pull secret file /dev/zero is not a regular file");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("token");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> InputFiles.readText(fifo, "git token", "--git-token-file", InputFiles.TOKEN_MAX))
                .hasMessage("--git-token-file: git token file " + fifo + " is not a regular file");
    }

    @Test
    void aDirectoryIsRefused() {
        assertThatThrownBy(() -> InputFiles.readText(tmp, "git token", "GIT_TOKEN_FILE", InputFiles.TOKEN_MAX))
                .hasMessage("GIT_TOKEN_FILE: git token file " + tmp + " is not a regular file (a directory)");
    }

    @Test
    void aFileOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws IOException {
        Path big = Files.write(tmp.resolve("token"), new byte[(int) InputFiles.TOKEN_MAX + 1]);
        assertThatThrownBy(() -> InputFiles.readText(big, "git token", "--git-token-file", InputFiles.TOKEN_MAX))
                .hasMessage("--git-token-file: git token file " + big + " is larger than 64 KiB");
        Path ok = Files.writeString(tmp.resolve("ok"), "a".repeat((int) InputFiles.TOKEN_MAX));
        assertThat(InputFiles.readText(ok, "git token", "--git-token-file", InputFiles.TOKEN_MAX)).hasSize((int) InputFiles.TOKEN_MAX);
    }
}
