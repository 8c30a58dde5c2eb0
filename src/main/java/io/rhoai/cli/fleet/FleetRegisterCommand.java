package io.rhoai.cli.fleet;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.core.time.Deadline;
import io.rhoai.fleet.Fleet;
import io.rhoai.fleet.Member;
import io.rhoai.fleet.register.ClusterRegistrar;
import io.rhoai.fleet.register.ClusterRegistrar.Result;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.kube.KubeClients;
import io.rhoai.kube.KubeTarget;
import io.rhoai.profile.ProfileRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;

@Command(name = "register", description = "Register a member cluster in the hub's Argo CD: a ServiceAccount with a Role limited to openshift-gitops on the member, and an Argo CD cluster Secret with its token and the profile's labels on the hub. Idempotent.",
        footer = {"%nExamples:",
                "  rhoai fleet register --hub rhoaibu-cluster-prod \\",
                "      --cluster rhoaibu-cluster-dev --hub-context prod-admin \\",
                "      --context dev-admin",
                "  rhoai fleet register --hub prod --cluster dev --hub-kubeconfig ~/.kube/prod \\",
                "      --kubeconfig ~/.kube/dev --dry-run",
                "%nThe member's token is never printed; see docs/fleet.md."})
public class FleetRegisterCommand extends BaseCommand {
    @Mixin ProfileOptions profile;
    @Mixin KubeOptions kube;
    @Mixin HubOptions hub;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        ProfileRepository repo = profile.repository(env());
        Fleet fleet = new Fleet(repo, GpuCatalog.bundled());
        String hubName = fleet.hub(hub.hub);
        Member member = fleet.member(profile.cluster, "--cluster");
        if (member.name().equals(hubName)) {
            throw io.rhoai.core.RhoaiException.invalid("--cluster " + member.name() + " is the hub", "the hub manages itself through its root Application; register the other clusters");
        }
        KubeTarget memberTarget = kube.target(env());
        Result result;
        try (KubernetesClient m = KubeClients.connect(memberTarget);
             KubernetesClient h = KubeClients.connect(hub.target(env(), memberTarget.requestTimeout()))) {
            // both ends are written to: each must be the cluster its profile names, before the first write
            Deadline run = Deadline.in(timeout);   // one --timeout for both checks and the registration
            clusterCheck.verify(m, fleet.profile(member.name()), run.remaining(), progress());
            clusterCheck.verify(h, fleet.profile(hubName), run.remaining(), progress());
            result = new ClusterRegistrar(m, h, Clock.systemUTC(), progress())
                    .register(new ClusterRegistrar.Request(member, hubName, dryRun.mode(), run.remaining()));
        }
        progress().done(result.changed() ? (result.dryRun() ? "would register " : "registered ") + result.cluster() + " in the hub " + result.hub() + "'s Argo CD"
                : "nothing changed: " + result.cluster() + " is registered in " + result.hub() + " as described");
        return finish(result, FleetRegisterCommand::text);
    }

    static String text(Result r) {
        Table t = new Table("WHERE", "OBJECT", "OUTCOME");
        r.member().forEach(a -> t.row(r.cluster(), a.ref(), a.outcome() + (a.dryRun() ? " (dry run)" : "")));
        r.hubObjects().forEach(a -> t.row(r.hub(), a.ref(), a.outcome() + (a.dryRun() ? " (dry run)" : "")));
        return t.toString();
    }
}
