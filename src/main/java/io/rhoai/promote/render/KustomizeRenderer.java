package io.rhoai.promote.render;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs {@code kustomize build DIR} or, failing that, {@code kubectl kustomize DIR}, found on the PATH the run sees.
 * Each build has a timeout; stderr becomes the error message.
 */
public final class KustomizeRenderer implements ManifestRenderer {
    private final List<String> command;
    private final Supplier<Duration> timeouts;

    /** @param timeouts asked before each build; throws when the run's overall budget is spent */
    private KustomizeRenderer(List<String> command, Supplier<Duration> timeouts) {
        this.command = command;
        this.timeouts = timeouts;
    }

    /** The renderer for this PATH, or null when neither kustomize nor kubectl is on it. */
    public static KustomizeRenderer locate(Map<String, String> env, Supplier<Duration> timeout) {
        String path = env.get("PATH");
        if (path == null || path.isBlank()) return null;
        Path kustomize = find(path, "kustomize");
        if (kustomize != null) return new KustomizeRenderer(List.of(kustomize.toString(), "build"), timeout);
        Path kubectl = find(path, "kubectl");
        if (kubectl != null) return new KustomizeRenderer(List.of(kubectl.toString(), "kustomize"), timeout);
        return null;
    }

    private static Path find(String path, String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }

    /**
     * The first line of kustomize's own error. kubectl wraps it in a klog line: {@code err="…"} on one line, or
     * {@code err=<} followed by the error on the next lines (the form remote-base failures take), where the first line
     * alone says nothing.
     */
    static String readable(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) return stderr.strip();
        String first = lines.get(0);
        int err = first.indexOf("err=\"");
        if (err >= 0) {
            String m = first.substring(err + 5);
            return m.endsWith("\"") ? m.substring(0, m.length() - 1) : m;
        }
        if (first.endsWith("err=<") && lines.size() > 1) return lines.get(1);
        return first.replaceFirst("^Error: ", "");
    }

    @Override
    public String tool() {
        return Path.of(command.get(0)).getFileName() + " " + command.get(1);
    }

    @Override
    public String render(Path dir) {
        Duration timeout = timeouts.get();
        List<String> cmd = new ArrayList<>(command);
        cmd.add(dir.toString());
        Path err = null;
        try {
            err = Files.createTempFile("rhoai-kustomize-", ".err");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] out;
            // read stdout fully before waiting, so a large render cannot block on a full pipe
            var reader = new Thread[1];
            var buffer = new java.io.ByteArrayOutputStream();
            reader[0] = new Thread(() -> {
                try (var in = p.getInputStream()) {
                    in.transferTo(buffer);
                } catch (IOException ignored) {
                    // process killed
                }
            }, "kustomize-stdout");
            reader[0].start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RenderException(tool() + " did not finish within " + timeout.toSeconds() + "s");
            }
            reader[0].join(timeout.toMillis());
            out = buffer.toByteArray();
            if (p.exitValue() != 0) {
                String msg = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new RenderException(msg.isEmpty() ? tool() + " exited with " + p.exitValue() : readable(msg));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("cannot run " + tool() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while running " + tool());
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }
    }
}
