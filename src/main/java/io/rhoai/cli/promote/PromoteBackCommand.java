package io.rhoai.cli.promote;

import io.rhoai.cli.BaseCommand;
import io.rhoai.core.time.Deadline;
import io.rhoai.promote.PromotionRequest;
import io.rhoai.promote.PromotionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "back", mixinStandardHelpOptions = true,
        description = "Back-merge: bring commits that exist only on the --from cluster's branch (hotfixes pushed to main) into "
                + "the --to cluster's branch, through the same branch + pull request flow. No gate: those commits already run.",
        footer = {"%nExamples:",
                "  rhoai promote back --from prod --to dev",
                "  rhoai promote back --from rhoaibu-cluster-prod --to rhoaibu-cluster-dev \\",
                "      --no-pr --dry-run"})
public class PromoteBackCommand extends BaseCommand {
    @Mixin PromoteOptions options;

    @Option(names = "--no-pr", description = "Push the back-merge branch only; open no pull request.")
    boolean noPr;

    @Option(names = "--dry-run", description = "Do everything up to the push and show it; create no branch, touch no file, push nothing.")
    boolean dryRun;

    @Option(names = "--github-repo", paramLabel = "OWNER/NAME", description = "GitHub repository for the pull request (default: from repoURL).")
    String githubRepo;

    @Override
    public Integer call() {
        Deadline deadline = Deadline.in(options.timeout);
        Integer usage = options.requireEnvironments(spec.commandLine());
        if (usage != null) return usage;
        PromotionRequest request = PromoteWiring.request(options, null, noPr, dryRun, PromotionRequest.Direction.BACK_MERGE, env());
        PromotionResult result = PromoteWiring.promoter(options, null, githubRepo, request, env(), progress(), deadline).promote(request);
        return finish(result, PromoteText::result);
    }
}
