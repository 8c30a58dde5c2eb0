package io.rhoai.cli.gitops;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "gitops", description = "Bootstrap OpenShift GitOps on a cluster and report its state.",
        subcommands = {GitOpsBootstrapCommand.class, GitOpsStatusCommand.class},
        footer = {"%nExamples:",
                "  rhoai gitops bootstrap --cluster rhoaibu-cluster-dev --dry-run=client -o yaml",
                "  GIT_TOKEN_FILE=~/.config/rhoai/token rhoai gitops bootstrap --cluster \\",
                "      rhoaibu-cluster-dev --repo-username me --wait-apps",
                "  rhoai gitops status --cluster rhoaibu-cluster-dev -o json"})
public class GitOpsCommand extends GroupCommand {
}
