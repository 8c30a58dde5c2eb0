package io.rhoai.cli.promote;

import io.rhoai.cli.BaseCommand;
import io.rhoai.core.time.Deadline;
import io.rhoai.promote.PromotionRequest;
import io.rhoai.promote.PromotionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Promote one cluster's GitOps configuration to another as one reviewed, gated unit: check the source "
                + "cluster's Argo CD Applications are Synced and Healthy at the commit, push a promotion branch (a merge of the "
                + "source branch, or a new pinned targetRevision) and open a GitHub pull request.",
        subcommands = {PromotePlanCommand.class, PromoteBackCommand.class},
        footer = {"%nEnvironment: GIT_TOKEN / GIT_TOKEN_FILE (HTTPS push and GitHub API),",
                "SSH_AUTH_SOCK, KUBECONFIG, RHOAI_GITHUB_API_URL (GitHub Enterprise),",
                "RHOAI_EXTERNAL_DIFF, RHOAI_PROFILES_DIR.",
                "%nExamples:",
                "  rhoai promote plan --from dev --to prod",
                "  rhoai promote --from rhoaibu-cluster-dev --to rhoaibu-cluster-prod \\",
                "      --source-context dev-admin",
                "  rhoai promote --from dev --to prod --dry-run -o json",
                "  rhoai promote --from dev --to prod --no-pr --ssh-key-file ~/.ssh/deploy_key",
                "  rhoai promote back --from prod --to dev",
                "%nExit codes: 0 promoted (or nothing to promote), 4 blocked by drift,",
                "  conflict or the gate, 5 out of --timeout, 6 git/GitHub failed."})
public class PromoteCommand extends BaseCommand {
    @Mixin PromoteOptions options;
    @Mixin GateOptions gate;

    @Option(names = "--no-pr", description = "Push the promotion branch only; open no pull request.")
    boolean noPr;

    @Option(names = "--dry-run", description = "Do everything up to the push (plan, gate, promotion commit) and show it; "
            + "create no branch, touch no file, push nothing.")
    boolean dryRun;

    @Option(names = "--pin-remote-bases", description = "Pin floating remote bases (?ref=main, HEAD, no ref) in the "
            + "promoted kustomizations to the commit each resolves to now (git ls-remote), in the same commit; fails (exit 6) "
            + "when a remote cannot be reached.")
    boolean pinRemoteBases;

    @Option(names = "--github-repo", paramLabel = "OWNER/NAME", description = "GitHub repository for the pull request (default: from repoURL).")
    String githubRepo;

    @Override
    public Integer call() {
        Deadline deadline = Deadline.in(options.timeout);
        Integer usage = options.requireEnvironments(spec.commandLine());
        if (usage != null) return usage;
        PromotionRequest request = PromoteWiring.request(options, gate, noPr, dryRun, PromotionRequest.Direction.PROMOTE, env(),
                pinRemoteBases);
        PromotionResult result = PromoteWiring.promoter(options, gate, githubRepo, request, env(), progress(), deadline).promote(request);
        return finish(result, PromoteText::result);
    }
}
