package io.rhoai.core.io;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes files so a reader never sees half of one: each file goes to a temporary sibling first, is flushed to disk,
 * then renamed over the target. A batch is staged whole before the first rename, so a failure while staging leaves
 * the directory as it was.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() { }

    public static void write(Path target, FileContent content) {
        writeAll(Map.of(target, content));
    }

    /** @return for each target, whether its bytes changed (false: the file already held exactly these bytes) */
    public static Map<Path, Boolean> writeAll(Map<Path, FileContent> files) {
        Map<Path, Path> staged = new LinkedHashMap<>();
        Map<Path, Boolean> changed = new LinkedHashMap<>();
        try {
            for (var e : files.entrySet()) {
                Path target = e.getKey().toAbsolutePath();
                changed.put(e.getKey(), !sameBytes(target, e.getValue()));
                Path dir = target.getParent();
                Files.createDirectories(dir);
                staged.put(target, stage(dir, target.getFileName().toString(), e.getValue()));
            }
            for (var e : staged.entrySet()) {
                move(e.getValue(), e.getKey());
            }
            staged.clear();
            return changed;
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INVALID_INPUT, "cannot write " + e.getMessage(),
                    "check that the output directory is writable", e);
        } finally {
            for (Path tmp : staged.values()) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { }
            }
        }
    }

    private static boolean sameBytes(Path target, FileContent content) throws IOException {
        return Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content.bytes());
    }

    private static Path stage(Path dir, String name, FileContent content) throws IOException {
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(content.secret() ? OWNER_ONLY : PUBLIC)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp", attrs);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content.bytes());
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        // createTempFile honours the umask; set the mode explicitly so public files are readable and secret ones are not
        if (posix(dir)) Files.setPosixFilePermissions(tmp, content.secret() ? OWNER_ONLY : PUBLIC);
        return tmp;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates a directory (and parents) readable only by the owner, for state that holds keys. */
    public static Path privateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            if (posix(dir)) Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw RhoaiException.invalid(dir + " exists and is not a directory", "remove it or choose another state directory");
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot create directory " + dir + ": " + e.getMessage(), "check permissions");
        }
    }

    /** Lists the files a batch would write that already exist with other content (for dry-run plans). */
    public static List<Path> wouldChange(Map<Path, FileContent> files) {
        List<Path> out = new ArrayList<>();
        for (var e : files.entrySet()) {
            try {
                if (!sameBytes(e.getKey().toAbsolutePath(), e.getValue())) out.add(e.getKey());
            } catch (IOException ex) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
