package io.rhoai.promote.render;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Interrupts;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.git.TreeFiles;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds the target overlay and each changed Application before and after a promotion and diffs the rendered
 * manifests. The trees are exported to a temp dir (deleted afterwards), because kustomize reads files, not git.
 */
public final class RenderedDiffs {
    private static final String OVERLAY_JOB = "cluster overlay";

    private final ManifestRenderer renderer;
    private final List<String> externalDiff;   // RHOAI_EXTERNAL_DIFF, split; null when unset
    private final Progress progress;

    public RenderedDiffs(ManifestRenderer renderer, List<String> externalDiff, Progress progress) {
        this.renderer = renderer;
        this.externalDiff = externalDiff;
        this.progress = progress;
    }

    /** The four trees a promotion compares; overlay and content differ only with pinned revisions. */
    public record Trees(TreeFiles beforeOverlay, TreeFiles afterOverlay, TreeFiles beforeContent, TreeFiles afterContent) { }

    /** An Application to build on both sides; a null path means it does not exist on that side. */
    public record App(String name, String beforePath, String afterPath) { }

    /** One kustomization to build on both sides. */
    private record Job(String name, String path, Path beforeRoot, String beforePath, Path afterRoot, String afterPath) { }

    /** One side built: its text, or the tool's error. */
    private record Built(String text, String error) { }

    public RenderedDiff render(String overlayPath, Trees trees, List<App> apps) {
        progress.step("Rendering " + overlayPath + " before and after with " + renderer.tool());
        Map<ObjectId, Path> exported = new LinkedHashMap<>();
        Interrupts.Registration removal = null;
        try {
            Path root = Files.createTempDirectory("rhoai-render-");
            removal = Interrupts.onInterrupt("the render directory " + root, () -> deleteQuietly(root));
            List<Job> jobs = new ArrayList<>();
            jobs.add(new Job(OVERLAY_JOB, overlayPath, export(root, trees.beforeOverlay(), exported), overlayPath,
                    export(root, trees.afterOverlay(), exported), overlayPath));
            for (App a : apps) {
                jobs.add(new Job(a.name(), a.afterPath() != null ? a.afterPath() : a.beforePath(),
                        export(root, trees.beforeContent(), exported), a.beforePath(),
                        export(root, trees.afterContent(), exported), a.afterPath()));
            }
            Map<String, String[]> texts = new LinkedHashMap<>();
            List<RenderedDiff.Section> sections = renderAll(jobs, texts);
            if (externalDiff != null) {
                sections = List.of(new RenderedDiff.Section("external diff", String.join(" ", externalDiff), runExternalDiff(root, texts), null));
            }
            progress.done("Rendered " + texts.size() + " kustomization(s); " + sections.size() + " differ");
            return new RenderedDiff("rendered", renderer.tool(), null, sections, null);
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot prepare render directories: " + e.getMessage(), null, e);
        } finally {
            if (removal != null) removal.close();
        }
    }

    private static Path export(Path root, TreeFiles tree, Map<ObjectId, Path> exported) {
        return exported.computeIfAbsent(tree.treeId(), id -> {
            Path dir = root.resolve(id.name().substring(0, 12));
            tree.exportTo(dir);
            return dir;
        });
    }

    /** Builds every job's two sides in parallel (each build is a separate kustomize process) and diffs them in order. */
    private List<RenderedDiff.Section> renderAll(List<Job> jobs, Map<String, String[]> texts) {
        List<RenderedDiff.Section> sections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<Built>> before = new ArrayList<>(), after = new ArrayList<>();
            for (Job j : jobs) {
                before.add(pool.submit(() -> build(j.beforeRoot(), j.beforePath())));
                after.add(pool.submit(() -> build(j.afterRoot(), j.afterPath())));
            }
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                Built b = before.get(i).get(), a = after.get(i).get();
                texts.put(j.name(), new String[]{b.text(), a.text()});
                String error = b.error() != null ? "before: " + b.error() : a.error() != null ? "after: " + a.error() : null;
                if (error != null) {
                    String side = b.error() != null ? "before" : "after";
                    String path = b.error() != null ? j.beforePath() : j.afterPath();
                    progress.warn("cannot render " + (j.name().equals(OVERLAY_JOB) ? "the cluster overlay" : "Application " + j.name())
                            + ": kustomization " + path + " (" + side + "): " + (b.error() != null ? b.error() : a.error()));
                }
                String diff = UnifiedDiff.of("before/" + (j.beforePath() == null ? "(none)" : j.beforePath()), b.text(),
                        "after/" + (j.afterPath() == null ? "(none)" : j.afterPath()), a.text());
                if (!diff.isEmpty() || error != null) sections.add(new RenderedDiff.Section(j.name(), j.path(), diff, error));
            }
            return sections;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while rendering", null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RhoaiException r) throw r;   // e.g. the run's --timeout is spent
            throw new RhoaiException(ErrorKind.INTERNAL, "rendering failed: " + e.getCause(), null, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A missing path renders as empty. */
    private Built build(Path root, String path) {
        if (path == null) return new Built("", null);
        Path dir = root.resolve(path);
        if (!Files.isDirectory(dir)) return new Built("", null);
        try {
            return new Built(renderer.render(dir), null);
        } catch (ManifestRenderer.RenderException e) {
            return new Built("", e.getMessage());
        }
    }

    private String runExternalDiff(Path root, Map<String, String[]> texts) throws IOException {
        Path before = Files.createDirectories(root.resolve("diff/before"));
        Path after = Files.createDirectories(root.resolve("diff/after"));
        for (Map.Entry<String, String[]> e : texts.entrySet()) {
            String file = e.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml";
            Files.writeString(before.resolve(file), e.getValue()[0]);
            Files.writeString(after.resolve(file), e.getValue()[1]);
        }
        List<String> cmd = new ArrayList<>(externalDiff);
        cmd.add(before.toString());
        cmd.add(after.toString());
        Path out = root.resolve("diff/out.txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "RHOAI_EXTERNAL_DIFF did not finish within 60s";
            }
        } catch (IOException e) {
            return "cannot run RHOAI_EXTERNAL_DIFF (" + cmd.get(0) + "): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return Files.readString(out).replace(root.toString() + "/", "");
    }

    private static void deleteQuietly(Path root) {
        try {
            FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
        } catch (IOException ignored) {
            // a leftover temp dir is not worth failing the plan for
        }
    }
}
