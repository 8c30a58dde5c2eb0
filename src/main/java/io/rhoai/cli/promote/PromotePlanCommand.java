package io.rhoai.cli.promote;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.promote.PromotionPlan;
import io.rhoai.promote.PromotionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what a promotion would bring: commits, drift (target commits the source lacks), files by "
                + "Argo CD Application, and the target overlay rendered before/after (kustomize or kubectl on PATH). Reads git only.",
        footer = {"%nExit codes (like kubectl diff): 0 nothing to promote, 1 changes pending, 4 blocked (drift or conflict), "
                + "other values >1 are errors.",
                "%nExamples:",
                "  rhoai promote plan --from dev --to prod",
                "  rhoai promote plan --from rhoaibu-cluster-dev --to rhoaibu-cluster-prod -o json",
                "  rhoai promote plan --from dev --to prod --allow-drift --no-render",
                "  RHOAI_EXTERNAL_DIFF='diff -ru' rhoai promote plan --from dev --to prod"})
public class PromotePlanCommand extends BaseCommand {
    @Mixin PromoteOptions options;

    @Override
    public Integer call() {
        Integer usage = options.requireEnvironments(spec.commandLine());
        if (usage != null) return usage;
        PromotionRequest request = PromoteWiring.request(options, null, true, true, PromotionRequest.Direction.PROMOTE, env());
        PromotionPlan plan = PromoteWiring.promoter(options, null, null, request, env(), progress()).plan(request);
        output().result(plan, PromoteText::plan);
        if (plan.blocked()) {
            PrintWriter err = spec.commandLine().getErr();
            if (PromotionPlan.DRIFT.equals(plan.status())) {
                err.println("error: " + plan.to().name() + " has " + plan.drift().size() + " commit(s) " + plan.from().name()
                        + " lacks (drift)");
                err.println("hint: " + plan.backMergeCommand() + " (or --allow-drift)");
            } else {
                err.println("error: merging " + plan.sourceRevision() + " into " + plan.targetRevision() + " conflicts in "
                        + String.join(", ", plan.conflicts()));
                err.println("hint: merge " + plan.targetRevision() + " into " + plan.sourceRevision() + " and resolve, then re-run");
            }
            err.flush();
            return ExitCodes.PRECONDITION;
        }
        return PromotionPlan.NOTHING.equals(plan.status()) ? ExitCodes.OK : ExitCodes.CHANGES_PENDING;
    }
}
