package io.rhoai.fleet.render;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.AtomicFiles;
import io.rhoai.core.io.FileContent;
import io.rhoai.fleet.Fleet;
import io.rhoai.fleet.LabelSelector;
import io.rhoai.fleet.Member;
import io.rhoai.fleet.render.FleetRenderer.RenderedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code fleet render}: renders the hub's fleet manifests ({@link FleetRenderer}) and writes them into a directory of
 * the hub's GitOps repository, atomically as one batch. Files of rings that no longer have members are removed; a
 * re-run with the same profiles writes nothing ({@code unchanged}).
 */
public final class FleetRender {
    public record Request(String hub, Path dir, boolean autoSync, Path manifestsDir) { }

    @RegisterForReflection
    public record FileResult(String path, Outcome outcome, long bytes) { }

    @RegisterForReflection
    public record Result(String hub, String dir, int clusters, List<String> rings, List<FileResult> files, long bytes, boolean changed) { }

    private final Fleet fleet;

    public FleetRender(Fleet fleet) {
        this.fleet = fleet;
    }

    public Result run(Request req) {
        String hub = fleet.hub(req.hub());
        List<Member> members = fleet.members(hub, LabelSelector.ALL);
        if (members.isEmpty()) {
            throw RhoaiException.invalid("no fleet members in " + fleet.source() + " besides the hub " + hub,
                    "add a profile per member cluster (docs/fleet.md), or pass --profiles-dir");
        }
        List<RenderedFile> rendered = FleetRenderer.render(hub, members, req.autoSync(), req.manifestsDir());
        Path dir = req.dir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw RhoaiException.invalid("--dir: " + dir + " is not a directory", "pass a directory of the hub's GitOps repository");
        }
        Map<Path, FileContent> batch = new LinkedHashMap<>();
        Map<Path, Boolean> existed = new LinkedHashMap<>();
        for (RenderedFile f : rendered) {
            Path p = dir.resolve(f.name());
            batch.put(p, FileContent.text(f.text()));
            existed.put(p, Files.exists(p));
        }
        List<Path> stale = stale(dir, batch.keySet());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot create " + dir + ": " + e.getMessage(), "check the path and its permissions");
        }
        Map<Path, Boolean> changed = AtomicFiles.writeAll(batch);
        List<FileResult> results = new ArrayList<>();
        long total = 0;
        for (Map.Entry<Path, FileContent> e : batch.entrySet()) {
            Outcome o = !existed.get(e.getKey()) ? Outcome.CREATED : changed.get(e.getKey()) ? Outcome.CONFIGURED : Outcome.UNCHANGED;
            results.add(new FileResult(e.getKey().toString(), o, e.getValue().bytes().length));
            total += e.getValue().bytes().length;
        }
        for (Path p : stale) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw RhoaiException.invalid("cannot remove " + p + ": " + e.getMessage(), "remove it by hand; its ring has no members any more");
            }
            results.add(new FileResult(p.toString(), Outcome.DELETED, 0));
        }
        List<String> rings = members.stream().map(Member::ring).distinct().sorted(
                java.util.Comparator.comparingInt(io.rhoai.profile.rules.LabelRules.RINGS::indexOf)).toList();
        boolean any = results.stream().anyMatch(r -> r.outcome().changes());
        return new Result(hub, dir.toString(), members.size(), rings, results, total, any);
    }

    /** A file this command wrote (it starts with the renderer's header): a hand-written ApplicationSet is never deleted. */
    private static boolean renderedByRhoai(Path file) {
        try (java.io.BufferedReader r = Files.newBufferedReader(file)) {
            String first = r.readLine();
            return first != null && FleetRenderer.HEADER.startsWith(first);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Ring files rhoai wrote earlier whose ring has no members now. */
    private static List<Path> stale(Path dir, java.util.Set<Path> keep) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(FleetRenderer.FILE_PREFIX) && n.endsWith(".yaml") && !keep.contains(p) && renderedByRhoai(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot list " + dir + ": " + e.getMessage(), "check the directory's permissions");
        }
    }
}
