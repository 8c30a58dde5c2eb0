package io.rhoai.cli.oauth;

import io.rhoai.cli.RunTimeout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.kube.KubeClients;
import io.rhoai.oauth.KubeadminRemover;
import io.rhoai.oauth.RemoveKubeadminResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "remove-kubeadmin", mixinStandardHelpOptions = true,
        description = {"Delete Secret kube-system/kubeadmin (irreversible) only after proving that cannot lock you out.",
                "It refuses unless:",
                "(a) an identity provider is configured and the authentication operator is Available;",
                "(b) a user who signed in through it is allowed * on * cluster-wide (asked with a SubjectAccessReview);",
                "(c) --confirm is given. Otherwise it refuses (exit 4), naming the failed check and the fix.",
                "--dry-run runs the checks only; --dry-run=server also has the API server check the delete, storing nothing."},
        footer = {"%nExamples:",
                "  rhoai oauth remove-kubeadmin --dry-run",
                "  rhoai oauth remove-kubeadmin --confirm",
                "  rhoai oauth remove-kubeadmin --confirm -o json"})
public class OAuthRemoveKubeadminCommand extends BaseCommand {
    @Mixin KubeOptions kube;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;
    /** The profile whose cluster this must be (checked before the delete); optional. */
    @Mixin io.rhoai.cli.OptionalProfileOptions profile;

    @Option(names = "--confirm", description = "Yes, delete kubeadmin once every check passes. It cannot be brought back.")
    boolean confirm;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        RemoveKubeadminResult result;
        io.rhoai.cli.ProfileOptions given = profile.given();
        io.rhoai.profile.ClusterProfile loaded = given == null ? null : given.load(env()).profile();
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            Duration left = clusterCheck.verifyWithin(client, loaded, timeout, progress());
            result = new KubeadminRemover(client, progress()).remove(confirm, dryRun.mode(), left);
        }
        output().result(result, OAuthRemoveKubeadminCommand::text);
        return ExitCodes.OK;
    }

    static String text(RemoveKubeadminResult r) {
        StringBuilder b = new StringBuilder();
        for (RemoveKubeadminResult.Check c : r.checks()) {
            b.append(c.passed() ? "ok    " : "FAIL  ").append(c.name()).append(": ").append(c.detail()).append('\n');
        }
        b.append(switch (r.kubeadmin()) {
            case DELETED -> r.dryRun() ? "DRY RUN: all checks passed; --confirm would delete secret/kubeadmin in kube-system"
                    : "secret/kubeadmin deleted from kube-system: kube:admin can no longer sign in";
            case ABSENT -> "kubeadmin is already removed; nothing to do";
            default -> "kubeadmin: " + r.kubeadmin();
        }).append('\n');
        return b.toString();
    }
}
