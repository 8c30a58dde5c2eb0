package io.rhoai.cli.promote;

import io.rhoai.cli.output.Table;
import io.rhoai.promote.AppChanges;
import io.rhoai.promote.CommitInfo;
import io.rhoai.promote.FileChange;
import io.rhoai.promote.PromotionPlan;
import io.rhoai.promote.PromotionResult;
import io.rhoai.promote.render.RenderedDiff;
import io.rhoai.promote.gate.GateResult;
import io.rhoai.promote.overlay.RemoteBase;

import java.util.List;

/** The text views of a plan and a promotion result (JSON and YAML serialise the records themselves). */
final class PromoteText {
    private PromoteText() { }

    static String plan(PromotionPlan p) {
        StringBuilder b = new StringBuilder();
        boolean back = "back-merge".equals(p.direction());
        b.append(back ? "Back-merge " : "Promote ").append(p.from().name()).append(" → ").append(p.to().name())
                .append(" (").append(p.style().label()).append(" style)\n");
        b.append("  source  ").append(p.sourceRevision()).append(" at ").append(p.sourceSha(), 0, 7).append('\n');
        b.append("  target  ").append(p.targetRevision()).append(" at ").append(p.targetSha(), 0, 7);
        if (p.pinnedSha() != null) b.append(", pinned to ").append(p.pinnedSha(), 0, 7);
        b.append('\n');
        b.append("Status: ").append(p.status().label());
        if (!p.commits().isEmpty()) {
            b.append(" (").append(p.commits().size()).append(" commit(s), ").append(p.files().size()).append(" file(s), ")
                    .append(p.applications().stream().filter(a -> a.origin() != null).count()).append(" application(s))");
        }
        b.append("\n");
        if (!p.commits().isEmpty()) {
            b.append("\nCOMMITS TO ").append(back ? "BACK-MERGE" : "PROMOTE").append('\n');
            b.append(indent(commits(p.commits(), false)));
        }
        if (!p.drift().isEmpty()) {
            b.append("\nDRIFT: ").append(p.to().revision()).append(" has ").append(p.drift().size()).append(" commit(s) ")
                    .append(p.sourceRevision()).append(" lacks")
                    .append(p.driftAllowed() ? " (allowed with --allow-drift)" : " (blocks the promotion)").append('\n');
            b.append(indent(commits(p.drift(), true)));
            b.append("  merge them back with: ").append(p.backMergeCommand()).append('\n');
        }
        if (!p.conflicts().isEmpty()) {
            b.append("\nCONFLICTS (").append(p.conflicts().size()).append(")\n");
            p.conflicts().forEach(f -> b.append("  ").append(f).append('\n'));
        }
        if (!p.applications().isEmpty()) {
            b.append("\nCHANGES BY APPLICATION\n");
            for (AppChanges a : p.applications()) {
                b.append("  ").append(a.application());
                if (a.path() != null) b.append("  (").append(a.origin()).append(", ").append(a.path()).append(')');
                b.append('\n');
                for (String f : a.files()) b.append("      ").append(mark(p.files(), f)).append(' ').append(f).append('\n');
            }
        }
        RenderedDiff r = p.rendered();
        if (r != null && !"skipped".equals(r.status())) {
            if ("unavailable".equals(r.status())) {
                b.append("\nRENDERED DIFF: unavailable (").append(r.reason()).append("); file diff:\n");
                b.append(r.fileDiff() == null ? "" : r.fileDiff());
            } else {
                b.append("\nRENDERED DIFF (").append(r.tool()).append(")");
                if (r.sections().isEmpty()) b.append(": the rendered manifests do not change");
                b.append('\n');
                for (RenderedDiff.Section s : r.sections()) {
                    b.append("=== ").append(s.name()).append(s.path() == null ? "" : " (" + s.path() + ")").append('\n');
                    if (s.error() != null) b.append("render failed: ").append(s.error()).append('\n');
                    b.append(s.diff());
                    if (!s.diff().isEmpty() && !s.diff().endsWith("\n")) b.append('\n');
                }
            }
        }
        if (!p.remoteBases().isEmpty()) {
            long floating = p.remoteBases().stream().filter(RemoteBase::floating).count();
            b.append("\nREMOTE BASES (").append(p.remoteBases().size()).append(", ").append(floating).append(" floating)\n");
            Table t = new Table("REF", "PINNING", "URL", "KUSTOMIZATION", "APPLICATIONS");
            for (RemoteBase rb : p.remoteBases()) {
                t.row(rb.ref() == null ? "(none)" : rb.ref(), rb.pinning().label(), rb.url(), rb.kustomization(),
                        String.join(", ", rb.applications()));
            }
            b.append(indent(t.toString()));
        }
        if (!p.notes().isEmpty()) {
            b.append("\nNOTES\n");
            p.notes().forEach(n -> b.append("  ").append(n).append('\n'));
        }
        return b.toString();
    }

    static String result(PromotionResult r) {
        StringBuilder b = new StringBuilder(plan(r.plan()));
        if (r.gate() != null) {
            GateResult g = r.gate();
            b.append("\nGATE: ").append(g.status());
            if (g.reason() != null) b.append(" (").append(g.reason()).append(')');
            b.append('\n');
            if (!g.applications().isEmpty()) {
                Table t = new Table("APPLICATION", "SYNC", "HEALTH", "REVISION", "PROBLEM");
                for (GateResult.AppStatus a : g.applications()) {
                    t.row(a.name(), a.sync(), a.health(), a.revision() == null ? "" : a.revision().length() > 7 ? a.revision().substring(0, 7) : a.revision(),
                            a.problem() == null ? "" : a.problem());
                }
                b.append(indent(t.toString()));
            }
        }
        if (r.branch() != null) {
            b.append("\nBRANCH: ").append(r.branch()).append(" at ").append(r.headSha(), 0, 7)
                    .append(r.pushed() ? " (pushed)" : r.dryRun() ? " (not pushed: --dry-run)" : " (already on the remote)").append('\n');
        }
        if (r.dryRun() && r.commitMessage() != null) {
            b.append("\nCOMMIT MESSAGE\n").append(indent(r.commitMessage()));
        }
        if (r.pullRequestBody() != null) {
            b.append("\nPULL REQUEST BODY\n").append(indent(r.pullRequestBody()));
        }
        if (r.pullRequest() != null) {
            b.append("\nPULL REQUEST: ").append(r.pullRequest().url()).append(r.pullRequest().created() ? " (opened)" : " (already open)").append('\n');
        }
        b.append('\n').append(r.message()).append('\n');
        return b.toString();
    }

    private static String commits(List<CommitInfo> commits, boolean withFiles) {
        Table t = withFiles ? new Table("SHA", "AUTHOR", "SUBJECT", "FILES") : new Table("SHA", "AUTHOR", "SUBJECT");
        for (CommitInfo c : commits) {
            String subject = (c.merge() ? "[merge] " : "") + c.subject();
            if (withFiles) t.row(c.shortSha(), c.author(), subject, String.join(", ", c.files()));
            else t.row(c.shortSha(), c.author(), subject);
        }
        return t.toString();
    }

    private static String mark(List<FileChange> files, String path) {
        for (FileChange f : files) {
            if (f.path().equals(path)) {
                return switch (f.change()) {
                    case "added" -> "A";
                    case "deleted" -> "D";
                    case "modified" -> "M";
                    default -> "~";
                };
            }
        }
        return "~";
    }

    private static String indent(String s) {
        StringBuilder b = new StringBuilder();
        s.lines().forEach(l -> b.append("  ").append(l).append('\n'));
        return b.toString();
    }
}
