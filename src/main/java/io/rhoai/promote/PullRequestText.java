package io.rhoai.promote;

import io.rhoai.promote.PromotionRequest.Direction;
import io.rhoai.promote.gate.GateResult;
import org.eclipse.jgit.lib.ObjectId;

/** The words of a promotion: the branch name, the commit message, the pull request's title and body. */
final class PullRequestText {
    private PullRequestText() { }

    /** promote/dev-to-prod-1a2b3c4: the environment names without their shared prefix, and the promoted commit. */
    static String branchName(PromotionRequest r, ObjectId source) {
        String a = r.from().name(), b = r.to().name();
        int common = 0;
        while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) common++;
        int cut = a.lastIndexOf('-', Math.max(0, common - 1)) + 1;
        if (cut >= a.length() || cut >= b.length()) cut = 0;
        return "promote/" + a.substring(cut) + "-to-" + b.substring(cut) + "-" + shortSha(source);
    }

    static String title(PromotionRequest r, ObjectId source) {
        return (back(r) ? "Back-merge " : "Promote ") + r.from().name() + " → " + r.to().name()
                + " (" + r.from().revision() + "@" + shortSha(source) + ")";
    }

    static String commitMessage(PromotionRequest r, PromotionPlan plan, GateResult gate) {
        StringBuilder b = new StringBuilder();
        if (plan.style() == PromotionStyle.PINNED) {
            b.append("Pin ").append(r.to().name()).append(" to ").append(plan.sourceSha(), 0, 7).append(" verified in ").append(r.from().name());
        } else {
            b.append(back(r) ? "Back-merge " : "Promote ").append(r.from().revision()).append(" (")
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
        b.append(back(r) ? "Back-merges hotfixes from **" : "Promotes **").append(r.from().name()).append("** (`")
                .append(r.from().revision()).append("` at `").append(plan.sourceSha(), 0, 7).append("`) ")
                .append(back(r) ? "into **" : "to **").append(r.to().name()).append("** (`").append(r.to().revision())
                .append("`, overlay `").append(r.to().overlayPath()).append("`), style: ").append(plan.style().label()).append(".\n\n");
        gate(b, gate);
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

    private static void gate(StringBuilder b, GateResult gate) {
        b.append("### Gate\n\n**").append(gate.status()).append("**");
        if (gate.reason() != null) b.append(": ").append(gate.reason());
        b.append('\n');
        if (gate.applications().isEmpty()) return;
        b.append("\nApplications in `").append(gate.namespace()).append("` on ").append(gate.server()).append(":\n\n")
                .append("| Application | Sync | Health | Revision |\n|---|---|---|---|\n");
        for (GateResult.AppStatus a : gate.applications()) {
            b.append("| ").append(a.name()).append(" | ").append(a.sync()).append(" | ").append(a.health()).append(" | `")
                    .append(a.revision() == null ? "" : a.revision().length() > 7 ? a.revision().substring(0, 7) : a.revision())
                    .append("` |\n");
        }
    }

    private static boolean back(PromotionRequest r) {
        return r.direction() == Direction.BACK_MERGE;
    }

    static String shortSha(ObjectId id) {
        return id.name().substring(0, 7);
    }
}
