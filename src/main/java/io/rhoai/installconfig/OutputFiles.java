package io.rhoai.installconfig;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.AtomicFiles;
import io.rhoai.core.io.FileContent;
import io.rhoai.installconfig.FileResult.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a set of output files into a directory in one atomic batch, or only reports what would change (dry run); shared by the file-rendering engines. */
public final class OutputFiles {
    /** One file to write; {@code preview} is its text with secrets masked, for dry runs. */
    public record Planned(String path, FileContent content, String preview) { }

    private OutputFiles() { }

    public static List<FileResult> apply(Path dir, List<Planned> planned, List<String> removals, boolean dryRun) {
        List<FileResult> results = new ArrayList<>();
        Map<Path, FileContent> toWrite = new LinkedHashMap<>();
        for (Planned p : planned) {
            Path target = dir.resolve(p.path());
            Status status = status(target, p.content());
            results.add(new FileResult(p.path(), status, p.content().secret(), InputRecord.sha256(p.content().bytes())));
            if (status != Status.UNCHANGED) toWrite.put(target, p.content());
        }
        for (String r : removals) results.add(new FileResult(r, Status.REMOVED, false, null));
        if (dryRun) return results;
        if (!toWrite.isEmpty()) AtomicFiles.writeAll(toWrite);
        for (Planned p : planned) {
            // a kept file from an earlier run may have looser permissions than its secret content now needs
            if (p.content().secret()) tighten(dir.resolve(p.path()));
        }
        for (String r : removals) {
            try {
                Files.deleteIfExists(dir.resolve(r));
            } catch (IOException e) {
                throw RhoaiException.invalid("cannot remove " + dir.resolve(r) + ": " + e.getMessage(), "check that the directory is writable");
            }
        }
        return results;
    }

    static Status status(Path target, FileContent content) {
        if (!Files.isRegularFile(target)) return Status.CREATED;
        try {
            return Arrays.equals(Files.readAllBytes(target), content.bytes()) ? Status.UNCHANGED : Status.UPDATED;
        } catch (IOException e) {
            return Status.UPDATED;
        }
    }

    private static void tighten(Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot restrict " + file + " to its owner: " + e.getMessage(), "check the file's ownership");
        }
    }
}
