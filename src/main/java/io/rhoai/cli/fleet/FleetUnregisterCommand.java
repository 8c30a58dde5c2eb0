package io.rhoai.cli.fleet;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.core.time.Deadline;
import io.rhoai.fleet.register.ClusterRegistrar;
import io.rhoai.fleet.register.ClusterRegistrar.Result;
import io.rhoai.kube.KubeClients;
import io.rhoai.kube.KubeTarget;
import io.rhoai.profile.ProfileRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;

@Command(name = "unregister", description = "Remove a member cluster from the hub's Argo CD (its cluster Secret); with --purge also its ServiceAccount, Role, binding, token and namespace on the member.",
        footer = {"%nExamples:",
                "  rhoai fleet unregister --hub rhoaibu-cluster-prod \\",
                "      --cluster rhoaibu-cluster-dev --hub-context prod-admin",
                "  rhoai fleet unregister --hub prod --cluster dev --purge --context dev-admin \\",
                "      --hub-context prod-admin --dry-run"})
public class FleetUnregisterCommand extends BaseCommand {
    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;
    @Mixin HubOptions hub;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @Option(names = "--purge", description = "Also delete rhoai's ServiceAccount, Role, RoleBinding, token Secret and namespace on the member (needs --context/--kubeconfig for it).")
    boolean purge;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "1m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        ProfileRepository repo = profile.repository(env());
        String hubName = repo.resolve(hub.hub, "--hub");
        String member = repo.resolve(profile.cluster, "--cluster");
        KubeTarget memberTarget = kube.target(env());
        Result result;
        try (KubernetesClient h = KubeClients.connect(hub.target(env(), memberTarget.requestTimeout()));
             KubernetesClient m = purge ? KubeClients.connect(memberTarget) : null) {
            Deadline run = Deadline.in(timeout);   // one --timeout for the checks and the removal
            clusterCheck.verify(h, repo.load(hubName).profile(), run.remaining(), progress());
            if (m != null) clusterCheck.verify(m, repo.load(member).profile(), run.remaining(), progress());
            result = new ClusterRegistrar(m, h, Clock.systemUTC(), progress())
                    .unregister(new ClusterRegistrar.UnregisterRequest(member, hubName, purge, dryRun.mode(), run.remaining()));
        }
        progress().done(result.changed() ? (result.dryRun() ? "would remove " : "removed ") + member + " from the hub " + hubName + "'s Argo CD"
                : "nothing changed: " + member + " is not registered in " + hubName);
        return finish(result, FleetRegisterCommand::text);
    }
}
