package io.rhoai.cli.oauth;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "oauth", mixinStandardHelpOptions = true,
        description = "Sign-in to the cluster: add Google as identity provider (merged, never replacing others), grant cluster-admin, "
                + "remove kubeadmin only when that is proven safe.",
        subcommands = {OAuthGoogleCommand.class, OAuthGrantAdminCommand.class, OAuthRemoveKubeadminCommand.class, OAuthStatusCommand.class},
        footer = {"%nExamples:",
                "  RHOAI_GOOGLE_CLIENT_SECRET_FILE=./google-secret rhoai oauth google --cluster \\",
                "      rhoaibu-cluster-dev --wait",
                "  rhoai oauth grant-admin --user jane@redhat.com",
                "  rhoai oauth remove-kubeadmin --dry-run",
                "  rhoai oauth status -o json",
                "%nThe whole flow, fresh cluster to Google sign-in without kubeadmin: docs/oauth.md"})
public class OAuthCommand extends GroupCommand {
    /** Heads every dry-run result: the outcomes below it are the ones a real run would have. */
    static final String DRY_RUN_HEADER = "DRY RUN: nothing was changed; the results below are what a real run would do\n";

}
