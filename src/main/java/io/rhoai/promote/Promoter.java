package io.rhoai.promote;

import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.git.GitObjects;
import io.rhoai.git.GitWorkspace;
import io.rhoai.promote.PromotionRequest.Direction;
import io.rhoai.promote.forge.Forge;
import io.rhoai.promote.forge.PullRequest;
import io.rhoai.promote.forge.PullRequestDraft;
import io.rhoai.promote.gate.GateResult;
import io.rhoai.promote.gate.SourceGate;
import io.rhoai.promote.overlay.RemoteBasePins;
import io.rhoai.promote.render.ManifestRenderer;
import io.rhoai.promote.render.RenderedDiffs;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import static io.rhoai.promote.PullRequestText.shortSha;

/**
 * The promotion engine. {@link #plan} answers from git alone (see {@link PromotionPlanner}). {@link #promote} adds the
 * gate, the promotion branch (a merge for branch-per-environment, a new pin for pinned revisions), the push and the
 * pull request.
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
    private final SourceGate gate;
    private final Function<String, Forge> forges;   // repoURL → forge, asked only when a PR is opened
    private final PromotionPlanner planner;
    private final RemoteBasePins.Resolver refs;   // ls-remote, asked only with --pin-remote-bases

    /**
     * @param renderer     null when neither kustomize nor kubectl is on PATH
     * @param externalDiff RHOAI_EXTERNAL_DIFF split into words, or null
     * @param refs         resolves a remote base's ref to a commit (git ls-remote), for --pin-remote-bases
     */
    public Promoter(Progress progress, Clock clock, Workspaces workspaces, ManifestRenderer renderer, SourceGate gate,
                    Function<String, Forge> forges, List<String> externalDiff, RemoteBasePins.Resolver refs) {
        this.refs = refs;
        this.progress = progress;
        this.clock = clock;
        this.workspaces = workspaces;
        this.gate = gate;
        this.forges = forges;
        this.planner = new PromotionPlanner(progress, renderer == null ? null : new RenderedDiffs(renderer, externalDiff, progress));
    }

    public PromotionPlan plan(PromotionRequest request) {
        try (GitWorkspace ws = workspaces.open(request, progress)) {
            return planner.compute(ws, request).plan();
        }
    }

    public PromotionResult promote(PromotionRequest request) {
        try (GitWorkspace ws = workspaces.open(request, progress)) {
            return promote(ws, request);
        }
    }

    private PromotionResult promote(GitWorkspace ws, PromotionRequest r) {
        PromotionPlanner.Work w = planner.compute(ws, r);
        PromotionPlan plan = w.plan();
        PromotionResult stop = stopBeforeTheGate(r, plan);
        if (stop != null) return stop;
        RemoteBasePins.Result pins = r.pinRemoteBases() ? pin(ws, w) : null;
        GateResult gateResult = gate(r, w.source());
        if (gateResult.failed()) {
            return PromotionResult.blocked(PromotionStatus.GATE_FAILED, plan, gateResult, r.dryRun(), "gate failed: " + gateResult.reason());
        }
        String branch = PullRequestText.branchName(r, w.source());
        String message = PullRequestText.commitMessage(r, plan, gateResult) + pinsText(pins);
        ObjectId existing = ws.remoteBranch(branch);
        boolean reuse = holdsThisPromotion(ws, r, w, existing);
        if (existing != null && !reuse) {
            throw RhoaiException.precondition("branch " + branch + " exists on the remote but does not hold this promotion",
                    "delete the remote branch " + branch + ", then re-run");
        }
        if (reuse) progress.info("branch " + branch + " is already pushed; reusing it");
        ObjectId head = reuse ? existing : commit(ws, w, pins == null ? w.afterTree() : pins.tree(), message);
        PromotionResult.Head h = new PromotionResult.Head(branch, head.name(), message);
        String title = PullRequestText.title(r, w.source());
        if (r.dryRun()) {
            return PromotionResult.dryRun(plan, gateResult, h, PullRequestText.pullRequestBody(r, plan, gateResult, branch) + pinsText(pins),
                    "dry run: would push " + branch + " (" + shortSha(head) + ")"
                            + (r.noPr() ? "" : " and open a pull request into " + r.to().revision() + ": " + title));
        }
        if (!reuse) {
            ws.push(head, branch, progress);
            progress.done("Pushed " + branch + " (" + shortSha(head) + ")");
        }
        if (r.noPr()) {
            return PromotionResult.pushed(plan, gateResult, h, !reuse, (reuse ? "already pushed: " : "pushed ") + branch
                    + "; open a pull request into " + r.to().revision() + " to promote");
        }
        PullRequest pr = openPullRequest(r, branch, title, PullRequestText.pullRequestBody(r, plan, gateResult, branch) + pinsText(pins));
        return PromotionResult.prOpened(plan, gateResult, h, !reuse, pr, (pr.created() ? "opened " : "already open: ") + pr.url());
    }

    /** Nothing to do, drift or a conflict: the result that ends the run before the gate, else null. */
    private static PromotionResult stopBeforeTheGate(PromotionRequest r, PromotionPlan plan) {
        return switch (plan.status()) {
            case NOTHING -> PromotionResult.nothing(plan, r.dryRun(), r.direction() == Direction.BACK_MERGE
                    ? "nothing to back-merge: " + r.to().name() + " (" + r.to().revision() + ") already has every commit of "
                            + r.from().revision()
                    : "nothing to promote: " + r.to().name() + " already has " + plan.sourceSha().substring(0, 7) + " from "
                            + r.from().name());
            case DRIFT, CONFLICT -> PromotionResult.blocked(plan.status(), plan, null, r.dryRun(),
                    plan.blockedBy().orElseThrow().getMessage() + "; nothing was pushed");
            default -> null;
        };
    }

    private GateResult gate(PromotionRequest r, ObjectId source) {
        if (r.direction() == Direction.BACK_MERGE) {
            return new GateResult(GateResult.NOT_REQUIRED, source.name(), null, null,
                    "back-merge: the commits already run in " + r.from().name(), List.of());
        }
        if (r.skipGate()) {
            progress.warn("gate skipped (--skip-gate): " + r.from().name() + " was not checked at " + shortSha(source));
            return GateResult.skipped(source.name(), "--skip-gate");
        }
        return gate.check(r.from().repoURL(), source.name(), progress);
    }

    /** A branch already pushed by an earlier run holds the target, and the source too unless it is a new pin. */
    private static boolean holdsThisPromotion(GitWorkspace ws, PromotionRequest r, PromotionPlanner.Work w, ObjectId existing) {
        if (existing == null) return false;
        History h = new History(ws.repository());
        boolean newPin = r.to().style() == PromotionStyle.PINNED && r.direction() != Direction.BACK_MERGE;
        return h.isAncestor(w.target(), existing) && (newPin || h.isAncestor(w.source(), existing));
    }

    /**
     * The promotion commit: the source itself when it fast-forwards (and no remote base was pinned), else a merge (two
     * parents) or the new pin (one).
     */
    private ObjectId commit(GitWorkspace ws, PromotionPlanner.Work w, ObjectId tree, String message) {
        boolean pinned = w.plan().style() == PromotionStyle.PINNED;
        if (!pinned && tree.equals(w.afterTree()) && new History(ws.repository()).isAncestor(w.target(), w.source())) return w.source();
        PersonIdent who = new PersonIdent(ws.committer(), clock.instant());
        List<ObjectId> parents = pinned ? List.of(w.target()) : List.of(w.target(), w.source());
        return new GitObjects(ws.repository()).commit(tree, parents, message, who);
    }

    /** --pin-remote-bases: the promotion's tree with every floating remote base pinned (ls-remote; fails offline). */
    private RemoteBasePins.Result pin(GitWorkspace ws, PromotionPlanner.Work w) {
        progress.step("Resolving the floating remote bases' refs (--pin-remote-bases)");
        RemoteBasePins.Result result = RemoteBasePins.pin(ws.repository(), w.afterTree(), w.plan().remoteBases(), refs);
        for (RemoteBasePins.Pin p : result.pins()) {
            progress.done("pinned " + p.url() + " (" + (p.ref() == null ? "no ref" : p.ref()) + ") to " + shortSha(ObjectId.fromString(p.commit()))
                    + " in " + p.kustomization());
        }
        for (String n : result.notPinned()) progress.warn("not pinned: " + n);
        if (result.pins().isEmpty() && result.notPinned().isEmpty()) progress.info("no floating remote base to pin");
        return result;
    }

    private static String pinsText(RemoteBasePins.Result pins) {
        if (pins == null || pins.pins().isEmpty()) return "";
        StringBuilder b = new StringBuilder("\n\nRemote bases pinned (--pin-remote-bases):\n");
        for (RemoteBasePins.Pin p : pins.pins()) {
            b.append("- ").append(p.kustomization()).append(": ").append(p.url()).append(" -> ref=").append(p.commit()).append('\n');
        }
        return b.toString();
    }

    private PullRequest openPullRequest(PromotionRequest r, String branch, String title, String body) {
        try {
            Forge forge = forges.apply(r.to().repoURL());
            progress.step("Opening a " + forge.name() + " pull request " + branch + " → " + r.to().revision());
            return forge.openPullRequest(new PullRequestDraft(branch, r.to().revision(), title, body));
        } catch (RhoaiException e) {
            throw new RhoaiException(e.kind(), "branch " + branch + " is pushed, but the pull request failed: " + e.getMessage(),
                    e.hint() == null ? "re-run once fixed; the pushed branch is reused" : e.hint() + "; re-running reuses the pushed branch", e);
        }
    }
}
