package io.rhoai.cli.promote;

import io.rhoai.cli.BaseCommand;
import io.rhoai.core.time.Deadline;
import io.rhoai.cli.ExitCodes;
import io.rhoai.promote.PromotionPlan;
import io.rhoai.promote.PromotionRequest;
import io.rhoai.promote.PromotionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what a promotion would bring: commits, drift (target commits the source lacks), files by "
                + "Argo CD Application, and the target overlay rendered before/after (kustomize or kubectl on PATH). Reads git only.",
        footer = {"%nExit codes (like kubectl diff): 0 nothing to promote, 1 changes pending,",
                "  4 blocked (drift, even with nothing pending, or conflict),",
                "  other values >1 are errors.",
                "%nExamples:",
                "  rhoai promote plan --from dev --to prod",
                "  rhoai promote plan --from rhoaibu-cluster-dev --to rhoaibu-cluster-prod -o \\",
                "      json",
                "  rhoai promote plan --from dev --to prod --allow-drift --no-render",
                "  rhoai promote plan --from dev --to prod --repo-dir ~/src/gitops --no-fetch",
                "  RHOAI_EXTERNAL_DIFF='diff -ru' rhoai promote plan --from dev --to prod"})
public class PromotePlanCommand extends BaseCommand {
    @Mixin PromoteOptions options;

    @Override
    public Integer call() {
        Deadline deadline = Deadline.in(options.timeout);
        Integer usage = options.requireEnvironments(spec.commandLine());
        if (usage != null) return usage;
        PromotionRequest request = PromoteWiring.request(options, null, true, true, PromotionRequest.Direction.PROMOTE, env());
        PromotionPlan plan = PromoteWiring.promoter(options, null, null, request, env(), progress(), deadline).plan(request);
        int code = finish(plan, PromoteText::plan);
        if (code != ExitCodes.OK) return code;
        return plan.status() == PromotionStatus.NOTHING ? ExitCodes.OK : ExitCodes.CHANGES_PENDING;
    }
}
