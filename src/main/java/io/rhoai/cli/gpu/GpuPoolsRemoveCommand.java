package io.rhoai.cli.gpu;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuPoolManager;
import io.rhoai.gpu.GpuPoolManager.RemoveRequest;
import io.rhoai.gpu.GpuPoolManager.RemoveResult;
import io.rhoai.kube.KubeClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Remove a GPU pool's rhoai-managed MachineSets (one zone with --zone): the MachineAutoscaler first, then the MachineSet.",
                "Refuses (exit 4) while a set still has replicas or Machines; --force scales it to 0 and deletes it anyway",
                "(the machine API then deletes its Machines, i.e. the GPU nodes). Already gone: says so, exit 0.",
                "The ClusterAutoscaler GPU cap is left as it is (other pools may share the label)."},
        footer = {"%nExamples:", "  rhoai gpu pools remove --pool t4-shared --dry-run", "  rhoai gpu pools remove --pool t4-shared --dry-run=server", "  rhoai gpu pools remove --pool t4-shared --zone us-west-2b",
                "  rhoai gpu pools remove --pool t4-shared --force -o json"})
public class GpuPoolsRemoveCommand extends BaseCommand {
    @Mixin KubeOptions kube;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;
    /** The profile whose cluster this must be (checked before any write); optional. */
    @Mixin io.rhoai.cli.OptionalProfileOptions profile;

    @Option(names = "--pool", paramLabel = "NAME", required = true, description = "The pool (label rhoai.io/gpu-pool).")
    String pool;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Only the pool's MachineSet in this zone.")
    String zone;

    @Option(names = "--force", description = "Delete even when the set still runs nodes (scaled to 0 first).")
    boolean force;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        RemoveResult result;
        io.rhoai.cli.ProfileOptions given = profile.given();
        io.rhoai.profile.ClusterProfile loaded = given == null ? null : given.load(env()).profile();
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            Duration left = clusterCheck.verifyWithin(client, loaded, timeout, progress());
            result = new GpuPoolManager(client, GpuCatalog.bundled(), progress()).remove(new RemoveRequest(pool, zone, force, dryRun.mode(), left));
        }
        output().result(result, GpuPoolsRemoveCommand::text);
        return ExitCodes.OK;
    }

    static String text(RemoveResult r) {
        String what = "pool " + r.pool() + (r.zone() == null ? "" : " in " + r.zone());
        if (r.alreadyGone()) return "no rhoai-managed GPU MachineSet of " + what + "; already removed, nothing to do\n";
        StringBuilder b = new StringBuilder();
        r.objects().forEach(o -> b.append(r.dryRun() ? "would be " : "").append(o.outcome()).append(": ").append(o.kind()).append(' ').append(o.namespace()).append('/').append(o.name()).append('\n'));
        if (r.dryRun()) b.append("DRY RUN: nothing was deleted\n");
        return b.toString();
    }
}
