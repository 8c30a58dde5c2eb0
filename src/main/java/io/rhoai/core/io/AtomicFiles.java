package io.rhoai.core.io;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
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
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() { }

    public static void write(Path target, FileContent content) {
        writeAll(Map.of(target, content));
    }

    /** @return for each target, whether its bytes changed (false: the file already held exactly these bytes) */
    public static Map<Path, Boolean> writeAll(Map<Path, FileContent> files) {
        return writeAll(files, AtomicFiles::writeFully);
    }

    /** How bytes reach a staged file; tests pass one that fails like a full disk. */
    interface ChannelWriter {
        void write(FileChannel channel, byte[] bytes) throws IOException;
    }

    static Map<Path, Boolean> writeAll(Map<Path, FileContent> files, ChannelWriter writer) {
        Map<Path, Path> staged = new LinkedHashMap<>();
        Map<Path, Boolean> changed = new LinkedHashMap<>();
        Path current = null;
        try {
            for (var e : files.entrySet()) {
                Path target = e.getKey().toAbsolutePath();
                current = e.getKey();
                changed.put(e.getKey(), !sameBytes(target, e.getValue()));
                Path dir = target.getParent();
                Files.createDirectories(dir);
                removeStaleTemps(dir, target.getFileName().toString());
                stage(dir, target, e.getValue(), staged, writer);
            }
            for (var e : staged.entrySet()) {
                current = e.getKey();
                move(e.getValue(), e.getKey());
            }
            staged.clear();
            return changed;
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INVALID_INPUT, "cannot write " + current + ": " + reason(e),
                    "check that the output directory is writable and has free space", e);
        } finally {
            for (Path tmp : staged.values()) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { }
            }
        }
    }

    /** The OS's reason ("No space left on device"), not the path that FileSystemException puts in its message. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String kind = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "a file is in the way" : e.getClass().getSimpleName();
            return f.getReason() != null ? f.getReason() : kind;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static boolean sameBytes(Path target, FileContent content) throws IOException {
        return Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content.bytes());
    }

    /**
     * Temp files of an earlier run that was killed between staging and renaming (kill -9, power loss) may hold a
     * secret, such as an install-config with the pull secret; the next write of the same file removes them.
     */
    private static void removeStaleTemps(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path stale : siblings) Files.deleteIfExists(stale);
        }
    }

    /** Creates the temp file and registers it for clean-up before a byte is written, so a failed write leaves nothing. */
    private static void stage(Path dir, Path target, FileContent content, Map<Path, Path> staged, ChannelWriter writer) throws IOException {
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(content.secret() ? OWNER_ONLY : PUBLIC)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attrs);
        staged.put(target, tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writer.write(ch, content.bytes());
            ch.force(true);
        }
        // createTempFile honours the umask; set the mode explicitly so public files are readable and secret ones are not
        if (posix(dir)) Files.setPosixFilePermissions(tmp, content.secret() ? OWNER_ONLY : PUBLIC);
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) ch.write(buf);
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
        privateDirectory(dir, dir);
        return dir;
    }

    /**
     * Makes {@code root} and every directory from it down to {@code dir} private (0700): missing ones are created so,
     * existing ones readable or writable by others are tightened. The state root holds account and certificate keys;
     * a key file's 0600 is worth little in a directory anyone can list and, when it is group-writable, swap.
     *
     * @return one warning per directory that had to be tightened, for the caller to report
     */
    public static List<String> privateDirectory(Path root, Path dir) {
        Path r = root.toAbsolutePath().normalize(), d = dir.toAbsolutePath().normalize();
        if (!d.startsWith(r)) throw new IllegalArgumentException(d + " is not under " + r);
        List<String> warnings = new ArrayList<>();
        Path level = r;
        privateLevel(level, warnings);
        for (Path part : r.relativize(d)) {
            if (part.toString().isEmpty()) continue;
            level = level.resolve(part);
            privateLevel(level, warnings);
        }
        return warnings;
    }

    private static void privateLevel(Path dir, List<String> warnings) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                if (posix(dir)) Files.setPosixFilePermissions(dir, OWNER_DIR);
                return;
            }
            if (!Files.isDirectory(dir)) throw new FileAlreadyExistsException(dir.toString());
            if (!posix(dir)) return;
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            if (!OWNER_DIR.containsAll(mode)) {
                Files.setPosixFilePermissions(dir, OWNER_DIR);
                warnings.add(dir + " was accessible to other users (mode " + PosixFilePermissions.toString(mode)
                        + "); tightened to rwx------ because it holds keys");
            }
        } catch (FileAlreadyExistsException e) {
            throw RhoaiException.invalid(dir + " exists and is not a directory", "remove it or choose another state directory");
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot create directory " + dir + ": " + reason(e), "check permissions");
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
