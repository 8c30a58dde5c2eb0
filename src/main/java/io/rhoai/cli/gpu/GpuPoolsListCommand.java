package io.rhoai.cli.gpu;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuPoolManager;
import io.rhoai.gpu.GpuPoolManager.ListResult;
import io.rhoai.gpu.GpuPoolManager.PoolEntry;
import io.rhoai.kube.KubeClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the cluster's GPU MachineSets (label rhoai.io/gpu-pool, or a cluster-api/accelerator node label): instance type,",
                "GPU model, zone, replicas/ready, autoscaler min/max, accelerator label and taint."},
        footer = {"%nExamples:", "  rhoai gpu pools list", "  rhoai gpu pools list -o json | \\",
                "      jq -r '.pools[] | [.machineSet, .replicas] | @tsv'"})
public class GpuPoolsListCommand extends BaseCommand {
    @Mixin KubeOptions kube;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "1m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        ListResult result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            result = new GpuPoolManager(client, GpuCatalog.bundled(), progress()).list(timeout);
        }
        output().result(result, GpuPoolsListCommand::text);
        return ExitCodes.OK;
    }

    static String text(ListResult r) {
        if (r.pools().isEmpty()) return "no GPU MachineSets on this cluster; add some with 'rhoai gpu pools add'\n";
        Table t = new Table("POOL", "MACHINESET", "INSTANCE TYPE", "GPU", "ZONE", "REPLICAS", "MIN/MAX", "LABEL", "TAINT");
        for (PoolEntry p : r.pools()) {
            t.row(p.pool() == null ? "-" : p.pool(), p.machineSet(), p.instanceType(),
                    p.gpu() == null ? "?" : p.gpusPerNode() + "x " + p.gpu(), p.zone(), p.readyReplicas() + "/" + p.replicas(),
                    p.minReplicas() == null ? "-" : p.minReplicas() + "/" + p.maxReplicas(), p.label() == null ? "-" : p.label(),
                    p.taint() == null ? "-" : p.taint());
        }
        return t.toString();
    }
}
