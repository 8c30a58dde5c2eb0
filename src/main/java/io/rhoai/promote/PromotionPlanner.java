package io.rhoai.promote;

import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.git.GitObjects;
import io.rhoai.git.GitWorkspace;
import io.rhoai.git.RepoUrls;
import io.rhoai.git.TreeFiles;
import io.rhoai.promote.PromotionRequest.Direction;
import io.rhoai.promote.overlay.ArgoApp;
import io.rhoai.promote.overlay.OverlayApplications;
import io.rhoai.promote.overlay.RemoteBase;
import io.rhoai.promote.overlay.RevisionField;
import io.rhoai.promote.render.RenderedDiff;
import io.rhoai.promote.render.RenderedDiffs;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes a plan from git alone: which commits go, which drifted, the tree the target would have afterwards (a merge,
 * or the overlay re-pinned), the files that change by Argo CD Application, and the rendered difference.
 */
final class PromotionPlanner {
    private final Progress progress;
    private final RenderedDiffs renderedDiffs;   // null: no kustomize or kubectl on PATH

    PromotionPlanner(Progress progress, RenderedDiffs renderedDiffs) {
        this.progress = progress;
        this.renderedDiffs = renderedDiffs;
    }

    /** The plan plus what a promotion needs to build the branch; {@code afterTree} is null when nothing is pending. */
    record Work(PromotionPlan plan, ObjectId source, ObjectId target, ObjectId afterTree) { }

    /** The commit promoted, the target's commit, and what the target's content is based on now (pins, or the branch). */
    private record Ends(PromotionStyle style, ObjectId source, ObjectId target, List<ObjectId> bases, Set<String> pinnedValues,
                        String pinnedSha, List<String> notes) { }

    /** The target's tree after the promotion (overlay side and content side differ only with pinned revisions). */
    private record After(ObjectId targetTree, ObjectId beforeContent, ObjectId tree, ObjectId content, List<String> conflicts) { }

    private record Changes(List<FileChange> files, List<AppChanges> apps, RenderedDiff rendered) { }

    Work compute(GitWorkspace ws, PromotionRequest r) {
        Ends ends = ends(ws, r);
        History h = new History(ws.repository());
        List<RevCommit> shown = new ArrayList<>();
        List<RevCommit> drift = new ArrayList<>();
        commits(h, r, ends, shown, drift);
        List<CommitInfo> commits = info(h, shown);
        List<CommitInfo> driftInfo = info(h, drift);
        String backCmd = drift.isEmpty() ? null : r.backMergeCommand();
        if (!drift.isEmpty()) {
            progress.warn(r.to().name() + " has " + drift.size() + " commit(s) that " + r.from().name() + " lacks (drift)"
                    + (r.allowDrift() ? "; promoting anyway (--allow-drift)" : "; merge them back first: " + backCmd));
        }
        boolean driftBlocks = !drift.isEmpty() && !r.allowDrift();
        if (shown.isEmpty()) {
            // drift blocks even with nothing to promote, so a CI job running plan sees the hotfixes (exit 4)
            ObjectId targetTree = h.treeOf(ends.target());
            PromotionPlan plan = plan(r, ends, driftBlocks ? PromotionStatus.DRIFT : PromotionStatus.NOTHING, commits, driftInfo, backCmd, List.of(),
                    new Changes(List.of(), List.of(), RenderedDiff.skipped("nothing to promote")),
                    remoteBases(ws, r.to(), targetTree, targetTree));
            return new Work(plan, ends.source(), ends.target(), null);
        }
        After after = after(ws, h, r, ends);
        Changes changes;
        PromotionStatus status;
        if (!after.conflicts().isEmpty()) {
            status = PromotionStatus.CONFLICT;
            changes = conflicting(ws, h, r, ends, after, commits);
        } else {
            status = driftBlocks ? PromotionStatus.DRIFT : PromotionStatus.PENDING;
            changes = changes(ws, h, r, ends, after);
        }
        // what the target builds afterwards; with conflicts there is no afterwards, so what it builds now
        List<RemoteBase> remote = after.conflicts().isEmpty() ? remoteBases(ws, r.to(), after.tree(), after.content())
                : remoteBases(ws, r.to(), after.targetTree(), after.targetTree());
        return new Work(plan(r, ends, status, commits, driftInfo, backCmd, after.conflicts(), changes, remote),
                ends.source(), ends.target(), after.tree());
    }

    private static PromotionPlan plan(PromotionRequest r, Ends e, PromotionStatus status, List<CommitInfo> commits,
                                      List<CommitInfo> drift, String backCmd, List<String> conflicts, Changes c,
                                      List<RemoteBase> remoteBases) {
        return new PromotionPlan(r.direction() == Direction.BACK_MERGE ? "back-merge" : "promote", safe(r.from()), safe(r.to()),
                e.style(), status, r.from().revision(), e.source().name(), r.to().revision(), e.target().name(), e.pinnedSha(),
                commits, drift, r.allowDrift(), backCmd, conflicts, c.files(), c.apps(), c.rendered(), remoteBases, e.notes());
    }

    // ------------------------------------------------------------------------------------ the two ends and history

    private static Ends ends(GitWorkspace ws, PromotionRequest r) {
        Environment from = r.from(), to = r.to();
        boolean back = r.direction() == Direction.BACK_MERGE;
        if (back && (from.style() == PromotionStyle.PINNED || to.style() == PromotionStyle.PINNED)) {
            throw RhoaiException.invalid("back-merge applies to branch-per-environment promotion; " + to.name() + "/" + from.name()
                    + " use pinned revisions", "with pinned revisions, pin the target to a commit that contains the fix instead");
        }
        PromotionStyle style = back ? PromotionStyle.BRANCH : to.style();
        ObjectId target = branch(ws, to);
        List<String> notes = new ArrayList<>();
        if (!ws.fetched()) {
            notes.add("not fetched (--no-fetch): branches of " + ws.directory() + " as last fetched "
                    + ws.lastFetched().map(t -> "at " + t).orElse("(time unknown)"));
        }
        if (style == PromotionStyle.BRANCH) {
            return new Ends(style, branch(ws, from), target, List.of(target), Set.of(), null, notes);
        }
        ObjectId source = pinnedSource(ws, from, notes);
        OverlayApplications.Resolved current = new OverlayApplications(TreeFiles.ofCommit(ws.repository(), target)).resolve(to.overlayPath());
        requireOverlay(current, to, target);
        Set<String> pinnedValues = new LinkedHashSet<>();
        for (RevisionField f : current.revisions()) pinnedValues.add(f.value());
        if (pinnedValues.isEmpty()) {
            throw RhoaiException.invalid(to.name() + ": the overlay " + to.overlayPath() + " sets no targetRevision to pin",
                    "add a targetRevision patch to the overlay, or use spec.gitops.promotion: branch");
        }
        List<ObjectId> bases = new ArrayList<>();
        for (String v : pinnedValues) {
            ObjectId id = ws.resolve(v);
            if (id == null) {
                throw RhoaiException.invalid(to.name() + ": the overlay pins '" + v + "', which is no branch or commit of "
                        + RepoUrls.display(to.repoURL()), "fix the pin in " + to.overlayPath());
            }
            bases.add(id);
        }
        return new Ends(style, source, target, bases, pinnedValues, bases.size() == 1 ? bases.get(0).name() : null, notes);
    }

    /** Fills {@code shown} (what goes, newest first) and {@code drift} (what the target has and the source lacks). */
    private static void commits(History h, PromotionRequest r, Ends e, List<RevCommit> shown, List<RevCommit> drift) {
        List<RevCommit> incoming = h.between(e.source(), e.bases());
        if (r.direction() == Direction.BACK_MERGE) {
            // bring the target's hotfixes home: what main has that dev lacks, minus earlier promotion merges
            shown.addAll(h.drift(incoming, e.target()));
            return;
        }
        shown.addAll(incoming);
        for (ObjectId base : e.bases()) {
            for (RevCommit d : h.drift(h.between(base, List.of(e.source())), e.source())) {
                if (drift.stream().noneMatch(x -> x.getId().equals(d.getId()))) drift.add(d);
            }
        }
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
        if (values.size() == 1 && values.iterator().next().matches("[0-9a-fA-F]{7,40}")) {
            ObjectId pinned = ws.resolve(values.iterator().next());
            if (pinned != null) {
                notes.add(from.name() + " pins " + pinned.name().substring(0, 7) + "; promoting that commit");
                return pinned;
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

    private static List<CommitInfo> info(History h, List<RevCommit> commits) {
        List<CommitInfo> out = new ArrayList<>();
        for (RevCommit c : commits) {
            PersonIdent a = c.getAuthorIdent();
            out.add(new CommitInfo(c.name(), c.name().substring(0, 7), c.getShortMessage(), a.getName(),
                    Instant.ofEpochSecond(c.getCommitTime()), c.getParentCount() > 1, h.filesOf(c)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ the after-tree

    private static After after(GitWorkspace ws, History h, PromotionRequest r, Ends e) {
        ObjectId targetTree = h.treeOf(e.target());
        if (e.style() == PromotionStyle.PINNED) {
            ObjectId tree = PinEditor.repinTree(ws.repository(), e.target(), r.to(), e.pinnedValues(), e.source().name());
            return new After(targetTree, h.treeOf(e.bases().get(0)), tree, h.treeOf(e.source()), List.of());
        }
        if (h.isAncestor(e.target(), e.source())) {
            ObjectId tree = h.treeOf(e.source());
            return new After(targetTree, targetTree, tree, tree, List.of());
        }
        GitObjects.Merge m = new GitObjects(ws.repository()).merge(e.target(), e.source());
        return new After(targetTree, targetTree, m.tree(), m.tree(), m.conflicts());
    }

    // ------------------------------------------------------------------------------- files, applications, render

    /** With conflicts there is no after-tree: list what the incoming commits touch, mapped on both sides. */
    private static Changes conflicting(GitWorkspace ws, History h, PromotionRequest r, Ends e, After a, List<CommitInfo> commits) {
        TreeFiles targetFiles = TreeFiles.ofTree(ws.repository(), a.targetTree());
        OverlayApplications.Resolved beforeOverlay = targetOverlay(targetFiles, r.to(), e);
        TreeFiles sourceFiles = TreeFiles.ofTree(ws.repository(), h.treeOf(e.source()));
        ApplicationMapper mapper = new ApplicationMapper(List.of(new ApplicationMapper.Side(beforeOverlay, targetFiles),
                new ApplicationMapper.Side(new OverlayApplications(sourceFiles).resolve(r.to().overlayPath()), sourceFiles)));
        TreeSet<String> touched = new TreeSet<>();
        commits.forEach(c -> touched.addAll(c.files()));
        List<FileChange> files = new ArrayList<>();
        for (String f : touched) files.add(new FileChange(f, "incoming", mapper.appsOf(f)));
        return new Changes(files, mapper.group(new ArrayList<>(touched)), RenderedDiff.skipped("the merge has conflicts"));
    }

    private Changes changes(GitWorkspace ws, History h, PromotionRequest r, Ends e, After a) {
        TreeFiles targetFiles = TreeFiles.ofTree(ws.repository(), a.targetTree());
        OverlayApplications.Resolved beforeOverlay = targetOverlay(targetFiles, r.to(), e);
        TreeFiles afterOverlayFiles = TreeFiles.ofTree(ws.repository(), a.tree());
        TreeFiles beforeContent = a.beforeContent().equals(a.targetTree()) ? targetFiles : TreeFiles.ofTree(ws.repository(), a.beforeContent());
        TreeFiles afterContent = a.content().equals(a.tree()) ? afterOverlayFiles : TreeFiles.ofTree(ws.repository(), a.content());
        OverlayApplications.Resolved afterOverlay = new OverlayApplications(afterOverlayFiles).resolve(r.to().overlayPath());
        ApplicationMapper mapper = new ApplicationMapper(List.of(new ApplicationMapper.Side(beforeOverlay, beforeContent),
                new ApplicationMapper.Side(afterOverlay, afterContent)));
        Map<String, String> changed = new LinkedHashMap<>();
        for (DiffEntry d : h.diff(a.targetTree(), a.tree())) changed.put(History.path(d), change(d));
        if (e.style() == PromotionStyle.PINNED) {
            for (DiffEntry d : h.diff(a.beforeContent(), a.content())) changed.putIfAbsent(History.path(d), change(d));
        }
        List<FileChange> files = new ArrayList<>();
        new TreeSet<>(changed.keySet()).forEach(f -> files.add(new FileChange(f, changed.get(f), mapper.appsOf(f))));
        List<AppChanges> apps = mapper.group(new ArrayList<>(new TreeSet<>(changed.keySet())));
        RenderedDiff rendered;
        if (!r.render()) {
            rendered = RenderedDiff.skipped("--no-render");
        } else if (renderedDiffs == null) {
            progress.warn("neither kustomize nor kubectl is on PATH: showing the file diff instead of rendered manifests");
            rendered = RenderedDiff.unavailable("neither kustomize nor kubectl is on PATH", h.patch(a.targetTree(), a.tree())
                    + (e.style() == PromotionStyle.PINNED ? h.patch(a.beforeContent(), a.content()) : ""));
        } else {
            rendered = renderedDiffs.render(r.to().overlayPath(),
                    new RenderedDiffs.Trees(targetFiles, afterOverlayFiles, beforeContent, afterContent),
                    renderedApps(apps, beforeOverlay, afterOverlay));
        }
        return new Changes(files, apps, rendered);
    }

    /** The target overlay as it is now; its notes (remote bases, unsupported patches) go into the plan. */
    private static OverlayApplications.Resolved targetOverlay(TreeFiles targetFiles, Environment to, Ends e) {
        OverlayApplications.Resolved overlay = new OverlayApplications(targetFiles).resolve(to.overlayPath());
        requireOverlay(overlay, to, e.target());
        e.notes().addAll(overlay.notes());
        return overlay;
    }

    private static List<RenderedDiffs.App> renderedApps(List<AppChanges> changed, OverlayApplications.Resolved before,
                                                        OverlayApplications.Resolved after) {
        List<RenderedDiffs.App> apps = new ArrayList<>();
        for (AppChanges a : changed) {
            if (a.origin() != null) apps.add(new RenderedDiffs.App(a.application(), pathOf(before, a.application()), pathOf(after, a.application())));
        }
        return apps;
    }

    private static String pathOf(OverlayApplications.Resolved resolved, String app) {
        for (ArgoApp a : resolved.apps()) if (a.name().equals(app)) return a.path();
        return null;
    }

    /** Every remote base the target builds; floating refs are warned about (what they render moves on its own). */
    private List<RemoteBase> remoteBases(GitWorkspace ws, Environment to, ObjectId overlayTree, ObjectId contentTree) {
        TreeFiles overlayFiles = TreeFiles.ofTree(ws.repository(), overlayTree);
        TreeFiles content = overlayTree.equals(contentTree) ? overlayFiles : TreeFiles.ofTree(ws.repository(), contentTree);
        List<RemoteBase> found = RemoteBase.collect(overlayFiles, to.overlayPath(), content, AppChanges.OVERLAY);
        Set<String> warned = new LinkedHashSet<>();
        for (RemoteBase b : found) {
            if (b.floating() && warned.add(b.url())) {
                progress.warn("remote base " + b.url() + " floats on " + (b.ref() == null ? "no ref" : b.ref()) + " (" + b.kustomization()
                        + "): renders are not reproducible; pin its ?ref= to a commit");
            }
        }
        return found;
    }

    private static Environment safe(Environment e) {
        return new Environment(e.name(), RepoUrls.display(e.repoURL()), e.revision(), e.overlayPath(), e.style(), e.repoUsername());
    }

    private static String change(DiffEntry d) {
        return switch (d.getChangeType()) {
            case ADD -> "added";
            case DELETE -> "deleted";
            default -> "modified";
        };
    }
}
