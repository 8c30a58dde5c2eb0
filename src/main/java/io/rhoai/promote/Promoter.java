package io.rhoai.promote;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.git.GitWorkspace;
import io.rhoai.git.RepoUrls;
import io.rhoai.git.TreeFiles;
import io.rhoai.promote.PromotionRequest.Direction;
import io.rhoai.promote.forge.Forge;
import io.rhoai.promote.forge.PullRequest;
import io.rhoai.promote.forge.PullRequestDraft;
import io.rhoai.promote.gate.GateResult;
import io.rhoai.promote.gate.SourceGate;
import io.rhoai.promote.overlay.ArgoApp;
import io.rhoai.promote.overlay.OverlayApplications;
import io.rhoai.promote.overlay.RevisionField;
import io.rhoai.promote.render.ManifestRenderer;
import io.rhoai.promote.render.UnifiedDiff;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The promotion engine. {@link #plan} answers from git alone: what would be promoted, what drifted, which files and
 * Applications change, and the rendered difference. {@link #promote} adds the gate, the promotion branch (a merge for
 * branch-per-environment, a new pin for pinned revisions), the push and the pull request.
 */
public final class Promoter {
    /** Opens the local copy of the GitOps repo. */
    @FunctionalInterface
    public interface Workspaces {
        GitWorkspace open(PromotionRequest request, Progress progress);
    }

    private final Progress progress;
    private final Clock clock;
    private final Workspaces workspaces;
    private final ManifestRenderer renderer;        // null: none on PATH
    private final SourceGate gate;
    private final Function<String, Forge> forges;   // repoURL → forge, asked only when a PR is opened
    private final List<String> externalDiff;        // RHOAI_EXTERNAL_DIFF, split; null when unset

    public Promoter(Progress progress, Clock clock, Workspaces workspaces, ManifestRenderer renderer, SourceGate gate,
                    Function<String, Forge> forges, List<String> externalDiff) {
        this.progress = progress;
        this.clock = clock;
        this.workspaces = workspaces;
        this.renderer = renderer;
        this.gate = gate;
        this.forges = forges;
        this.externalDiff = externalDiff;
    }

    public PromotionPlan plan(PromotionRequest request) {
        try (GitWorkspace ws = workspaces.open(request, progress)) {
            return compute(ws, request).plan();
        }
    }

    public PromotionResult promote(PromotionRequest request) {
        try (GitWorkspace ws = workspaces.open(request, progress)) {
            return promote(ws, request);
        }
    }

    // ---------------------------------------------------------------------------------------------------- the plan

    /** The plan plus what promote() needs to build the branch. */
    private record Work(PromotionPlan plan, ObjectId source, ObjectId target, ObjectId afterTree, Set<String> pinnedValues) { }

    private Work compute(GitWorkspace ws, PromotionRequest r) {
        Environment from = r.from(), to = r.to();
        boolean back = r.direction() == Direction.BACK_MERGE;
        PromotionStyle style = back ? PromotionStyle.BRANCH : to.style();
        if (back && (from.style() == PromotionStyle.PINNED || to.style() == PromotionStyle.PINNED)) {
            throw RhoaiException.invalid("back-merge applies to branch-per-environment promotion; " + to.name() + "/" + from.name()
                    + " use pinned revisions", "with pinned revisions, pin the target to a commit that contains the fix instead");
        }
        History h = new History(ws.repository());
        ObjectId target = branch(ws, to);
        List<String> notes = new ArrayList<>();

        ObjectId source;
        Set<String> pinnedValues = new LinkedHashSet<>();
        List<ObjectId> bases = new ArrayList<>();
        String pinnedSha = null;
        if (style == PromotionStyle.BRANCH) {
            source = branch(ws, from);
            bases.add(target);
        } else {
            source = pinnedSource(ws, from, notes);
            OverlayApplications.Resolved current = new OverlayApplications(TreeFiles.ofCommit(ws.repository(), target)).resolve(to.overlayPath());
            requireOverlay(current, to, target);
            for (RevisionField f : current.revisions()) pinnedValues.add(f.value());
            if (pinnedValues.isEmpty()) {
                throw RhoaiException.invalid(to.name() + ": the overlay " + to.overlayPath() + " sets no targetRevision to pin",
                        "add a targetRevision patch to the overlay, or use spec.gitops.promotion: branch");
            }
            for (String v : pinnedValues) {
                ObjectId id = ws.resolve(v);
                if (id == null) {
                    throw RhoaiException.invalid(to.name() + ": the overlay pins '" + v + "', which is no branch or commit of "
                            + RepoUrls.display(to.repoURL()), "fix the pin in " + to.overlayPath());
                }
                bases.add(id);
            }
            if (bases.size() == 1) pinnedSha = bases.get(0).name();
        }

        List<RevCommit> incoming = new ArrayList<>();
        for (RevCommit c : h.between(source, bases)) incoming.add(c);
        List<RevCommit> drift = new ArrayList<>();
        List<RevCommit> shown;
        if (back) {
            // bring the target's hotfixes home: what main has that dev lacks, minus earlier promotion merges
            shown = h.drift(incoming, target);
        } else {
            shown = incoming;
            for (ObjectId base : bases) {
                for (RevCommit d : h.drift(h.between(base, List.of(source)), source)) {
                    if (drift.stream().noneMatch(x -> x.getId().equals(d.getId()))) drift.add(d);
                }
            }
        }

        List<CommitInfo> commits = info(h, shown);
        List<CommitInfo> driftInfo = info(h, drift);
        String backCmd = drift.isEmpty() ? null : r.backMergeCommand();
        if (!drift.isEmpty()) {
            progress.warn(to.name() + " has " + drift.size() + " commit(s) that " + from.name() + " lacks (drift)"
                    + (r.allowDrift() ? "; promoting anyway (--allow-drift)" : "; merge them back first: " + backCmd));
        }

        if (shown.isEmpty()) {
            PromotionPlan plan = new PromotionPlan(direction(r), safe(from), safe(to), style.label(), PromotionPlan.NOTHING,
                    from.revision(), source.name(), to.revision(), target.name(), pinnedSha, commits, driftInfo,
                    r.allowDrift(), backCmd, List.of(), List.of(), List.of(),
                    new RenderedDiff("skipped", null, "nothing to promote", List.of(), null), notes);
            return new Work(plan, source, target, null, pinnedValues);
        }

        // the trees before and after: overlay side and content side (they differ only with pinned revisions)
        ObjectId targetTree = h.treeOf(target);
        ObjectId beforeContent = style == PromotionStyle.BRANCH ? targetTree : h.treeOf(bases.get(0));
        ObjectId afterTree;
        ObjectId afterContent;
        List<String> conflicts = List.of();
        if (style == PromotionStyle.BRANCH) {
            if (h.isAncestor(target, source)) {
                afterTree = h.treeOf(source);
            } else {
                MergeOutcome m = merge(ws, target, source);
                afterTree = m.tree();
                conflicts = m.conflicts();
            }
            afterContent = afterTree;
        } else {
            afterTree = repin(ws, target, to, pinnedValues, source.name());
            afterContent = h.treeOf(source);
        }

        String status;
        List<FileChange> files = new ArrayList<>();
        List<AppChanges> apps;
        RenderedDiff rendered;
        TreeFiles targetFiles = TreeFiles.ofTree(ws.repository(), targetTree);
        OverlayApplications.Resolved beforeOverlay = new OverlayApplications(targetFiles).resolve(to.overlayPath());
        requireOverlay(beforeOverlay, to, target);
        notes.addAll(beforeOverlay.notes());
        if (!conflicts.isEmpty()) {
            status = PromotionPlan.CONFLICT;
            TreeFiles sourceFiles = TreeFiles.ofTree(ws.repository(), h.treeOf(source));
            ApplicationMapper mapper = new ApplicationMapper(List.of(new ApplicationMapper.Side(beforeOverlay, targetFiles),
                    new ApplicationMapper.Side(new OverlayApplications(sourceFiles).resolve(to.overlayPath()), sourceFiles)));
            TreeSet<String> touched = new TreeSet<>();
            commits.forEach(c -> touched.addAll(c.files()));
            for (String f : touched) files.add(new FileChange(f, "incoming", mapper.appsOf(f)));
            apps = mapper.group(new ArrayList<>(touched));
            rendered = new RenderedDiff("skipped", null, "the merge has conflicts", List.of(), null);
        } else {
            status = !drift.isEmpty() && !r.allowDrift() ? PromotionPlan.DRIFT : PromotionPlan.PENDING;
            TreeFiles afterOverlayFiles = TreeFiles.ofTree(ws.repository(), afterTree);
            TreeFiles beforeContentFiles = beforeContent.equals(targetTree) ? targetFiles : TreeFiles.ofTree(ws.repository(), beforeContent);
            TreeFiles afterContentFiles = afterContent.equals(afterTree) ? afterOverlayFiles : TreeFiles.ofTree(ws.repository(), afterContent);
            OverlayApplications.Resolved afterOverlay = new OverlayApplications(afterOverlayFiles).resolve(to.overlayPath());
            ApplicationMapper mapper = new ApplicationMapper(List.of(new ApplicationMapper.Side(beforeOverlay, beforeContentFiles),
                    new ApplicationMapper.Side(afterOverlay, afterContentFiles)));
            Map<String, String> changes = new LinkedHashMap<>();
            for (DiffEntry d : h.diff(targetTree, afterTree)) changes.put(History.path(d), change(d));
            if (style == PromotionStyle.PINNED) {
                for (DiffEntry d : h.diff(beforeContent, afterContent)) changes.putIfAbsent(History.path(d), change(d));
            }
            new TreeSet<>(changes.keySet()).forEach(f -> files.add(new FileChange(f, changes.get(f), mapper.appsOf(f))));
            apps = mapper.group(new ArrayList<>(new TreeSet<>(changes.keySet())));
            if (!r.render()) {
                rendered = new RenderedDiff("skipped", null, "--no-render", List.of(), null);
            } else if (renderer == null) {
                progress.warn("neither kustomize nor kubectl is on PATH: showing the file diff instead of rendered manifests");
                String fileDiff = h.patch(targetTree, afterTree)
                        + (style == PromotionStyle.PINNED ? h.patch(beforeContent, afterContent) : "");
                rendered = new RenderedDiff("unavailable", null, "neither kustomize nor kubectl is on PATH", List.of(), fileDiff);
            } else {
                rendered = render(ws, to, targetFiles, afterOverlayFiles, beforeContentFiles, afterContentFiles,
                        beforeOverlay, afterOverlay, apps);
            }
        }
        PromotionPlan plan = new PromotionPlan(direction(r), safe(from), safe(to), style.label(), status,
                from.revision(), source.name(), to.revision(), target.name(), pinnedSha, commits, driftInfo, r.allowDrift(),
                backCmd, conflicts, files, apps, rendered, notes);
        return new Work(plan, source, target, afterTree, pinnedValues);
    }

    private static String direction(PromotionRequest r) {
        return r.direction() == Direction.BACK_MERGE ? "back-merge" : "promote";
    }

    private static Environment safe(Environment e) {
        return new Environment(e.name(), RepoUrls.display(e.repoURL()), e.revision(), e.overlayPath(), e.style());
    }

    private static String change(DiffEntry d) {
        return switch (d.getChangeType()) {
            case ADD -> "added";
            case DELETE -> "deleted";
            default -> "modified";
        };
    }

    private static ObjectId branch(GitWorkspace ws, Environment env) {
        ObjectId id = ws.remoteBranch(env.revision());
        if (id == null) {
            throw RhoaiException.invalid(env.name() + ": branch '" + env.revision() + "' (spec.gitops.revision) is not in "
                    + RepoUrls.display(env.repoURL()), "fix spec.gitops.revision in the profile, or push the branch");
        }
        return id;
    }

    /** Pinned style: the source overlay's own pin when it pins one commit, else the tip of its branch. */
    private static ObjectId pinnedSource(GitWorkspace ws, Environment from, List<String> notes) {
        ObjectId tip = ws.resolve(from.revision());
        if (tip == null) {
            throw RhoaiException.invalid(from.name() + ": revision '" + from.revision() + "' is not in " + RepoUrls.display(from.repoURL()),
                    "fix spec.gitops.revision in the profile");
        }
        OverlayApplications.Resolved src = new OverlayApplications(TreeFiles.ofCommit(ws.repository(), tip)).resolve(from.overlayPath());
        Set<String> values = new LinkedHashSet<>();
        src.revisions().forEach(f -> values.add(f.value()));
        if (values.size() == 1) {
            String v = values.iterator().next();
            if (v.matches("[0-9a-fA-F]{7,40}")) {
                ObjectId pinned = ws.resolve(v);
                if (pinned != null) {
                    notes.add(from.name() + " pins " + pinned.name().substring(0, 7) + "; promoting that commit");
                    return pinned;
                }
            }
        }
        return tip;
    }

    private static void requireOverlay(OverlayApplications.Resolved o, Environment env, ObjectId commit) {
        if (o.overlay().files().isEmpty()) {
            throw RhoaiException.invalid(env.name() + ": no kustomization at " + env.overlayPath() + " (spec.gitops.overlayPath) in "
                    + env.revision() + " at " + commit.name().substring(0, 7), "fix spec.gitops.overlayPath in the profile");
        }
    }

    private record MergeOutcome(ObjectId tree, List<String> conflicts) { }

    private static MergeOutcome merge(GitWorkspace ws, ObjectId target, ObjectId source) {
        try {
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(ws.repository(), true);
            if (merger.merge(target, source)) return new MergeOutcome(merger.getResultTreeId(), List.of());
            TreeSet<String> files = new TreeSet<>(merger.getUnmergedPaths());
            if (merger.getFailingPaths() != null) files.addAll(merger.getFailingPaths().keySet());
            return new MergeOutcome(null, new ArrayList<>(files));
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "merge failed: " + e.getMessage(), null, e);
        }
    }

    /** A tree like the target's, with the target overlay's pins set to {@code sha}; checked by re-reading the overlay. */
    private static ObjectId repin(GitWorkspace ws, ObjectId target, Environment to, Set<String> oldValues, String sha) {
        TreeFiles files = TreeFiles.ofCommit(ws.repository(), target);
        String prefix = to.overlayPath().replaceAll("/+$", "") + "/";
        Map<String, String> edited = new LinkedHashMap<>();
        for (String p : files.paths()) {
            if (!p.startsWith(prefix) || !(p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith("Kustomization"))) continue;
            String text = files.read(p);
            String repinned = PinEditor.repin(text, oldValues, sha);
            if (!repinned.equals(text)) edited.put(p, repinned);
        }
        ObjectId tree;
        try (ObjectInserter ins = ws.repository().newObjectInserter(); ObjectReader reader = ws.repository().newObjectReader()) {
            DirCache dc = DirCache.read(reader, files.treeId());
            DirCacheEditor editor = dc.editor();
            for (Map.Entry<String, String> e : edited.entrySet()) {
                ObjectId blob = ins.insert(Constants.OBJ_BLOB, e.getValue().getBytes(StandardCharsets.UTF_8));
                editor.add(new DirCacheEditor.PathEdit(e.getKey()) {
                    @Override public void apply(DirCacheEntry ent) {
                        ent.setFileMode(FileMode.REGULAR_FILE);
                        ent.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            tree = dc.writeTree(ins);
            ins.flush();
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot write the pinned overlay: " + e.getMessage(), null, e);
        }
        List<String> unpinned = new ArrayList<>();
        for (RevisionField f : new OverlayApplications(TreeFiles.ofTree(ws.repository(), tree)).resolve(to.overlayPath()).revisions()) {
            if (!f.value().equals(sha)) unpinned.add(f.object() + " " + f.field() + "=" + f.value());
        }
        if (!unpinned.isEmpty()) {
            throw RhoaiException.invalid(to.name() + ": cannot pin " + String.join(", ", unpinned) + " from " + to.overlayPath(),
                    "set those revisions in the overlay itself (a targetRevision patch per ApplicationSet), so rhoai can rewrite them");
        }
        return tree;
    }

    private List<CommitInfo> info(History h, List<RevCommit> commits) {
        List<CommitInfo> out = new ArrayList<>();
        for (RevCommit c : commits) {
            PersonIdent a = c.getAuthorIdent();
            out.add(new CommitInfo(c.name(), c.name().substring(0, 7), c.getShortMessage(), a.getName(),
                    Instant.ofEpochSecond(c.getCommitTime()), c.getParentCount() > 1, h.filesOf(c)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ rendering

    private RenderedDiff render(GitWorkspace ws, Environment to, TreeFiles beforeOverlay, TreeFiles afterOverlay,
                                TreeFiles beforeContent, TreeFiles afterContent, OverlayApplications.Resolved beforeApps,
                                OverlayApplications.Resolved afterApps, List<AppChanges> changed) {
        progress.step("Rendering " + to.overlayPath() + " before and after with " + renderer.tool());
        Map<ObjectId, Path> exported = new LinkedHashMap<>();
        Path root = null;
        try {
            root = Files.createTempDirectory("rhoai-render-");
            List<RenderedDiff.Section> sections = new ArrayList<>();
            Map<String, String[]> texts = new LinkedHashMap<>();
            List<RenderJob> jobs = new ArrayList<>();
            jobs.add(new RenderJob("cluster overlay", to.overlayPath(), export(root, beforeOverlay, exported), to.overlayPath(),
                    export(root, afterOverlay, exported), to.overlayPath()));
            for (AppChanges a : changed) {
                if (a.origin() == null) continue;
                String beforePath = pathOf(beforeApps, a.application());
                String afterPath = pathOf(afterApps, a.application());
                jobs.add(new RenderJob(a.application(), afterPath != null ? afterPath : beforePath,
                        export(root, beforeContent, exported), beforePath, export(root, afterContent, exported), afterPath));
            }
            renderAll(jobs, sections, texts);
            if (externalDiff != null) {
                sections = List.of(new RenderedDiff.Section("external diff", String.join(" ", externalDiff), runExternalDiff(root, texts), null));
            }
            progress.done("Rendered " + texts.size() + " kustomization(s); " + sections.size() + " differ");
            return new RenderedDiff("rendered", renderer.tool(), null, sections, null);
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot prepare render directories: " + e.getMessage(), null, e);
        } finally {
            if (root != null) {
                try {
                    FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
                } catch (IOException ignored) {
                    // temp dir
                }
            }
        }
    }

    private static String pathOf(OverlayApplications.Resolved resolved, String app) {
        for (ArgoApp a : resolved.apps()) if (a.name().equals(app)) return a.path();
        return null;
    }

    private static Path export(Path root, TreeFiles tree, Map<ObjectId, Path> exported) {
        return exported.computeIfAbsent(tree.treeId(), id -> {
            Path dir = root.resolve(id.name().substring(0, 12));
            tree.exportTo(dir);
            return dir;
        });
    }

    /** One kustomization to build on both sides. */
    private record RenderJob(String name, String path, Path beforeRoot, String beforePath, Path afterRoot, String afterPath) { }

    /** Builds every job's two sides in parallel (each build is a separate kustomize process) and diffs them in order. */
    private void renderAll(List<RenderJob> jobs, List<RenderedDiff.Section> sections, Map<String, String[]> texts) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        try {
            List<java.util.concurrent.Future<String[]>> before = new ArrayList<>(), after = new ArrayList<>();
            for (RenderJob j : jobs) {
                before.add(pool.submit(() -> build(j.beforeRoot(), j.beforePath())));
                after.add(pool.submit(() -> build(j.afterRoot(), j.afterPath())));
            }
            for (int i = 0; i < jobs.size(); i++) {
                RenderJob j = jobs.get(i);
                String[] b = before.get(i).get(), a = after.get(i).get();
                texts.put(j.name(), new String[]{b[0], a[0]});
                String error = b[1] != null ? "before: " + b[1] : a[1] != null ? "after: " + a[1] : null;
                String diff = UnifiedDiff.of("before/" + (j.beforePath() == null ? "(none)" : j.beforePath()), b[0],
                        "after/" + (j.afterPath() == null ? "(none)" : j.afterPath()), a[0]);
                if (!diff.isEmpty() || error != null) sections.add(new RenderedDiff.Section(j.name(), j.path(), diff, error));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while rendering", null, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "rendering failed: " + e.getCause(), null, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {rendered text, error or null}; a missing path renders as empty. */
    private String[] build(Path root, String path) {
        if (path == null) return new String[]{"", null};
        Path dir = root.resolve(path);
        if (!Files.isDirectory(dir)) return new String[]{"", null};
        try {
            return new String[]{renderer.render(dir), null};
        } catch (ManifestRenderer.RenderException e) {
            return new String[]{"", e.getMessage()};
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
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
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

    // ---------------------------------------------------------------------------------------------- promotion

    private PromotionResult promote(GitWorkspace ws, PromotionRequest r) {
        Work w = compute(ws, r);
        PromotionPlan plan = w.plan();
        boolean back = r.direction() == Direction.BACK_MERGE;
        if (PromotionPlan.NOTHING.equals(plan.status())) {
            String msg = back ? "nothing to back-merge: " + r.to().name() + " (" + r.to().revision() + ") already has every commit of "
                    + r.from().revision() : "nothing to promote: " + r.to().name() + " already has " + shortSha(w.source()) + " from "
                    + r.from().name();
            return new PromotionResult(PromotionPlan.NOTHING, plan, null, null, w.source().name(), null, null, false, r.dryRun(), null, null, msg);
        }
        if (PromotionPlan.CONFLICT.equals(plan.status())) {
            return new PromotionResult(PromotionPlan.CONFLICT, plan, null, null, w.source().name(), null, null, false, r.dryRun(), null, null,
                    "merging " + r.from().revision() + " into " + r.to().revision() + " conflicts in " + String.join(", ", plan.conflicts())
                            + "; nothing was pushed");
        }
        if (PromotionPlan.DRIFT.equals(plan.status())) {
            return new PromotionResult(PromotionPlan.DRIFT, plan, null, null, w.source().name(), null, null, false, r.dryRun(), null, null,
                    r.to().name() + " has " + plan.drift().size() + " commit(s) " + r.from().name()
                            + " lacks; back-merge them first (" + plan.backMergeCommand() + ") or pass --allow-drift");
        }
        GateResult gateResult;
        if (back) {
            gateResult = new GateResult(GateResult.NOT_REQUIRED, w.source().name(), null, null,
                    "back-merge: the commits already run in " + r.from().name(), List.of());
        } else if (r.skipGate()) {
            progress.warn("gate skipped (--skip-gate): " + r.from().name() + " was not checked at " + shortSha(w.source()));
            gateResult = GateResult.skipped(w.source().name(), "--skip-gate");
        } else {
            gateResult = gate.check(r.from().repoURL(), w.source().name(), progress);
            if (gateResult.failed()) {
                return new PromotionResult(PromotionResult.GATE_FAILED, plan, gateResult, null, w.source().name(), null, null, false,
                        r.dryRun(), null, null, "gate failed: " + gateResult.reason());
            }
        }

        String branch = branchName(r, w.source());
        History h = new History(ws.repository());
        ObjectId existing = ws.remoteBranch(branch);
        ObjectId head;
        String message = commitMessage(r, plan, gateResult);
        boolean reuse = existing != null && h.isAncestor(w.target(), existing)
                && (r.to().style() == PromotionStyle.PINNED && !back || h.isAncestor(w.source(), existing));
        if (reuse) {
            progress.info("branch " + branch + " is already pushed; reusing it");
            head = existing;
        } else if (existing != null) {
            throw RhoaiException.precondition("branch " + branch + " exists on the remote but does not hold this promotion",
                    "delete the remote branch " + branch + ", then re-run");
        } else {
            head = commit(ws, plan, w, message);
            ws.setLocalBranch(branch, head);
        }
        String title = title(r, w.source());
        String body = pullRequestBody(r, plan, gateResult, branch);
        if (r.dryRun()) {
            return new PromotionResult(PromotionResult.DRY_RUN, plan, gateResult, branch, w.source().name(), head.name(), message,
                    false, true, null, body, "dry run: would push " + branch + " (" + shortSha(head) + ")"
                    + (r.noPr() ? "" : " and open a pull request into " + r.to().revision() + ": " + title));
        }
        boolean pushed = false;
        if (!reuse) {
            ws.push(branch, progress);
            pushed = true;
            progress.done("Pushed " + branch + " (" + shortSha(head) + ")");
        }
        if (r.noPr()) {
            return new PromotionResult(PromotionResult.PUSHED, plan, gateResult, branch, w.source().name(), head.name(), message,
                    pushed, false, null, null, (pushed ? "pushed " : "already pushed: ") + branch + "; open a pull request into "
                    + r.to().revision() + " to promote");
        }
        PullRequest pr;
        try {
            Forge forge = forges.apply(r.to().repoURL());
            progress.step("Opening a " + forge.name() + " pull request " + branch + " → " + r.to().revision());
            pr = forge.openPullRequest(new PullRequestDraft(branch, r.to().revision(), title, body));
        } catch (RhoaiException e) {
            throw new RhoaiException(e.kind(), "branch " + branch + " is pushed, but the pull request failed: " + e.getMessage(),
                    e.hint() == null ? "re-run once fixed; the pushed branch is reused" : e.hint() + "; re-running reuses the pushed branch", e);
        }
        return new PromotionResult(pr.created() ? PromotionResult.PR_CREATED : PromotionResult.PR_EXISTS, plan, gateResult, branch,
                w.source().name(), head.name(), message, pushed, false, pr, null,
                (pr.created() ? "opened " : "already open: ") + pr.url());
    }

    private ObjectId commit(GitWorkspace ws, PromotionPlan plan, Work w, String message) {
        History h = new History(ws.repository());
        boolean pinned = "pinned".equals(plan.style());
        if (!pinned && h.isAncestor(w.target(), w.source())) return w.source();   // fast-forward: the branch is the source
        PersonIdent who = new PersonIdent(ws.committer(), clock.instant());
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(w.afterTree());
        if (pinned) cb.setParentId(w.target()); else cb.setParentIds(w.target(), w.source());
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(message);
        try (ObjectInserter ins = ws.repository().newObjectInserter()) {
            ObjectId id = ins.insert(cb);
            ins.flush();
            return id;
        } catch (IOException e) {
            throw new RhoaiException(ErrorKind.INTERNAL, "cannot write the promotion commit: " + e.getMessage(), null, e);
        }
    }

    /** promote/dev-to-prod-1a2b3c4: the environment names without their shared prefix, and the promoted commit. */
    static String branchName(PromotionRequest r, ObjectId source) {
        String a = r.from().name(), b = r.to().name();
        int common = 0;
        while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) common++;
        int cut = a.lastIndexOf('-', Math.max(0, common - 1)) + 1;
        if (cut >= a.length() || cut >= b.length()) cut = 0;
        return "promote/" + a.substring(cut) + "-to-" + b.substring(cut) + "-" + shortSha(source);
    }

    private static String title(PromotionRequest r, ObjectId source) {
        return (r.direction() == Direction.BACK_MERGE ? "Back-merge " : "Promote ") + r.from().name() + " → " + r.to().name()
                + " (" + r.from().revision() + "@" + shortSha(source) + ")";
    }

    private static String commitMessage(PromotionRequest r, PromotionPlan plan, GateResult gate) {
        StringBuilder b = new StringBuilder();
        boolean pinned = "pinned".equals(plan.style());
        if (pinned) {
            b.append("Pin ").append(r.to().name()).append(" to ").append(plan.sourceSha(), 0, 7).append(" verified in ").append(r.from().name());
        } else {
            b.append(r.direction() == Direction.BACK_MERGE ? "Back-merge " : "Promote ").append(r.from().revision()).append(" (")
                    .append(plan.sourceSha(), 0, 7).append(") into ").append(r.to().revision());
        }
        b.append("\n\n");
        for (CommitInfo c : plan.commits()) b.append("- ").append(c.shortSha()).append(' ').append(c.subject()).append('\n');
        b.append("\nGate: ").append(gate.status());
        if (gate.reason() != null) b.append(" (").append(gate.reason()).append(')');
        b.append("\nPromoted-by: rhoai promote\n");
        return b.toString();
    }

    static String pullRequestBody(PromotionRequest r, PromotionPlan plan, GateResult gate, String branch) {
        StringBuilder b = new StringBuilder();
        boolean back = r.direction() == Direction.BACK_MERGE;
        b.append(back ? "Back-merges hotfixes from **" : "Promotes **").append(r.from().name()).append("** (`")
                .append(r.from().revision()).append("` at `").append(plan.sourceSha(), 0, 7).append("`) ")
                .append(back ? "into **" : "to **").append(r.to().name()).append("** (`").append(r.to().revision())
                .append("`, overlay `").append(r.to().overlayPath()).append("`), style: ").append(plan.style()).append(".\n\n");
        b.append("### Gate\n\n**").append(gate.status()).append("**");
        if (gate.reason() != null) b.append(": ").append(gate.reason());
        b.append('\n');
        if (!gate.applications().isEmpty()) {
            b.append("\nApplications in `").append(gate.namespace()).append("` on ").append(gate.server()).append(":\n\n")
                    .append("| Application | Sync | Health | Revision |\n|---|---|---|---|\n");
            for (GateResult.AppStatus a : gate.applications()) {
                b.append("| ").append(a.name()).append(" | ").append(a.sync()).append(" | ").append(a.health()).append(" | `")
                        .append(a.revision() == null ? "" : a.revision().length() > 7 ? a.revision().substring(0, 7) : a.revision())
                        .append("` |\n");
            }
        }
        b.append("\n### Commits (").append(plan.commits().size()).append(")\n\n");
        for (CommitInfo c : plan.commits()) {
            b.append("- `").append(c.shortSha()).append("` ").append(c.subject()).append(" (").append(c.author()).append(")\n");
        }
        b.append("\n### Changes by Argo CD Application\n\n");
        for (AppChanges a : plan.applications()) {
            b.append("**").append(a.application()).append("**");
            if (a.path() != null) b.append(" `").append(a.path()).append('`');
            b.append('\n');
            for (String f : a.files()) b.append("- `").append(f).append("`\n");
            b.append('\n');
        }
        if (!plan.drift().isEmpty()) {
            b.append("### Drift (allowed with --allow-drift)\n\n").append(r.to().name()).append(" has commits ")
                    .append(r.from().name()).append(" lacks:\n\n");
            for (CommitInfo c : plan.drift()) b.append("- `").append(c.shortSha()).append("` ").append(c.subject()).append('\n');
            b.append("\nMerge them back with `").append(plan.backMergeCommand()).append("`.\n\n");
        }
        b.append("---\nOpened by `rhoai promote` from branch `").append(branch).append("`. Argo CD Applications in ")
                .append(r.to().name()).append(" may need a manual sync after merging.\n");
        return b.toString();
    }

    private static String shortSha(ObjectId id) {
        return id.name().substring(0, 7);
    }
}
