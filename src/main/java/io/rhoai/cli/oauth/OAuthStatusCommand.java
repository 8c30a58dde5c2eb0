package io.rhoai.cli.oauth;

import io.rhoai.cli.RunTimeout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.output.Table;
import io.rhoai.kube.KubeClients;
import io.rhoai.oauth.OAuthStatus;
import io.rhoai.oauth.OAuthStatusReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

import java.time.Duration;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the identity providers (type, Secret and whether it exists), the cluster-admin bindings and whether kubeadmin still exists.",
        footer = {"%nExamples:", "  rhoai oauth status", "  rhoai oauth status -o json --context admin"})
public class OAuthStatusCommand extends BaseCommand {
    @Mixin KubeOptions kube;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "1m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        OAuthStatus status;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            status = new OAuthStatusReader(client).read(timeout);
        }
        output().result(status, OAuthStatusCommand::text);
        return ExitCodes.OK;
    }

    static String text(OAuthStatus s) {
        StringBuilder b = new StringBuilder();
        Table providers = new Table("PROVIDER", "TYPE", "MAPPING", "SECRET", "SECRET PRESENT", "HOSTED DOMAIN");
        s.providers().forEach(p -> providers.row(p.name(), p.type(), p.mappingMethod(), p.secret() == null ? "-" : p.secret(),
                p.secretPresent() == null ? "-" : p.secretPresent() ? "yes" : "NO",
                "Google".equals(p.type()) ? (p.hostedDomain() == null ? "(any account!)" : p.hostedDomain()) : ""));
        b.append(providers.isEmpty() ? "no identity providers configured\n" : providers.toString());
        b.append('\n');
        Table admins = new Table("CLUSTER-ADMIN BINDING", "MANAGED BY RHOAI", "SUBJECTS");
        s.admins().forEach(a -> admins.row(a.binding(), a.managedByRhoai() ? "yes" : "no", String.join(", ", a.subjects())));
        b.append(admins.isEmpty() ? "no ClusterRoleBindings to cluster-admin\n" : admins.toString());
        b.append('\n');
        b.append("kubeadmin: ").append(s.kubeadminPresent() ? "present (Secret kube-system/kubeadmin exists)" : "removed").append('\n');
        b.append("authentication operator: ").append(s.authentication().state()).append('\n');
        return b.toString();
    }
}
