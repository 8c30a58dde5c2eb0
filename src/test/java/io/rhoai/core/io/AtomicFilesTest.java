package io.rhoai.core.io;

import io.rhoai.core.RhoaiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class AtomicFilesTest {
    @TempDir Path tmp;

    List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsMidwayLeavesNoTempFileAndNamesTheFile() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out/dev"));
        Files.writeString(out.resolve("keep.txt"), "old");
        Map<Path, FileContent> files = new LinkedHashMap<>();
        files.put(out.resolve("keep.txt"), FileContent.text("new"));
        files.put(out.resolve("install-config.yaml"), FileContent.secretText("pullSecret: '{\"auths\":{}}'"));
        // the first file stages fine, the second fails after its temp file exists, as on a full disk
        int[] calls = {0};
        AtomicFiles.ChannelWriter fullDisk = (ch, bytes) -> {
            if (++calls[0] == 2) {
                ch.write(java.nio.ByteBuffer.wrap(bytes, 0, 3));
                throw new IOException("No space left on device");
            }
            ch.write(java.nio.ByteBuffer.wrap(bytes));
        };
        assertThatThrownBy(() -> AtomicFiles.writeAll(files, fullDisk))
                .isInstanceOf(RhoaiException.class)
                .hasMessage("cannot write " + out.resolve("install-config.yaml") + ": No space left on device");
        assertThat(names(out)).containsExactly("keep.txt");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("old");
    }

    @Test
    void aDirectoryThatBecameReadOnlyIsNamedAndLeavesNothing() throws IOException {
        // root ignores directory permissions; the injected full-disk writer above covers the failure there
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root");
        Path out = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatThrownBy(() -> AtomicFiles.write(out.resolve("a.yaml"), FileContent.text("x")))
                    .hasMessageStartingWith("cannot write " + out.resolve("a.yaml") + ": ");
            assertThat(names(out)).isEmpty();
        } finally {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void staleTempSiblingsOfAKilledRunAreRemovedByTheNextWrite() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve(".install-config.yaml.8234712.tmp"), "pullSecret: leaked");
        Files.writeString(out.resolve(".install-config.yaml.99.tmp"), "pullSecret: leaked");
        Files.writeString(out.resolve(".other.yaml.1.tmp"), "not ours to touch");
        AtomicFiles.write(out.resolve("install-config.yaml"), FileContent.secretText("fresh"));
        assertThat(names(out)).containsExactly(".other.yaml.1.tmp", "install-config.yaml");
    }

    @Test
    void theStateRootAndItsSubdirectoriesArePrivateAndALooseOneIsTightenedWithAWarning() throws IOException {
        Path root = tmp.resolve("state/rhoai");
        assertThat(AtomicFiles.privateDirectory(root, root.resolve("certs/dev/v1"))).isEmpty();
        for (Path p : List.of(root, root.resolve("certs"), root.resolve("certs/dev"), root.resolve("certs/dev/v1"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rwx------");
        }
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("certs"), PosixFilePermissions.fromString("rwxrwx---"));
        List<String> warnings = AtomicFiles.privateDirectory(root, root.resolve("certs/dev"));
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains(root.toString(), "rwxr-xr-x", "tightened to rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("certs")))).isEqualTo("rwx------");
    }
}
