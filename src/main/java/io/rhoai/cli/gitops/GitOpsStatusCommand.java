package io.rhoai.cli.gitops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.gitops.GitOpsStatus;
import io.rhoai.gitops.GitOpsStatus.StatusResult;
import io.rhoai.kube.KubeClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "status", description = "Show the OpenShift GitOps operator version, the Argo CD instance's health and every Application's sync, health and revision.",
        footer = {"%nExamples:",
                "  rhoai gitops status --cluster rhoaibu-cluster-dev",
                "  rhoai gitops status --cluster rhoaibu-cluster-prod --context prod-admin -o \\",
                "      json"})
public class GitOpsStatusCommand extends BaseCommand {
    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "1m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        String cluster = profile.load(env()).profile().name();
        StatusResult result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            result = new GitOpsStatus(client).read(cluster, timeout);
        }
        if (!result.installed()) progress().warn("OpenShift GitOps is not installed (no Subscription to openshift-gitops-operator)");
        output().result(result, GitOpsStatusCommand::text);
        return ExitCodes.OK;
    }

    static String text(StatusResult r) {
        if (!r.installed()) return "OpenShift GitOps: not installed\n";
        StringBuilder b = new StringBuilder();
        var o = r.operator();
        b.append("operator:  ").append(o.subscription()).append(", channel ").append(o.channel()).append(", CSV ")
                .append(o.csv()).append(" (").append(o.phase()).append(")").append(o.version() == null ? "" : ", version " + o.version()).append('\n');
        var i = r.instance();
        b.append("argo cd:   ").append(i == null ? "no instance" : i.name() + " " + i.phase() + (i.url() == null ? "" : ", " + i.url())).append('\n');
        b.append('\n');
        Table apps = new Table("APPLICATION", "PROJECT", "SYNC", "HEALTH", "REVISION");
        r.applications().forEach(a -> apps.row(a.name(), a.project(), a.sync(), a.health(), a.revision()));
        b.append(apps.isEmpty() ? "no Applications\n" : apps.toString());
        return b.toString();
    }
}
