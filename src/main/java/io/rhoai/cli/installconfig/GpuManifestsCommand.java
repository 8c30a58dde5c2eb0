package io.rhoai.cli.installconfig;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.VersionCommand;
import io.rhoai.cli.output.Table;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.installconfig.GpuManifestsGenerator;
import io.rhoai.installconfig.GpuManifestsInput;
import io.rhoai.installconfig.GpuManifestsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "gpu-manifests", mixinStandardHelpOptions = true,
        description = {"After 'openshift-install create manifests', derive the profile's GPU pools from the installer's worker MachineSets:",
                "per pool and zone a GPU MachineSet (replicas 0) and a MachineAutoscaler, plus the ClusterAutoscaler with the GPU caps,",
                "written to <dir>/openshift/99_rhoai_gpu-*.yaml."},
        footer = {"%nExamples:",
                "  openshift-install create manifests --dir out/dev",
                "  rhoai install-config gpu-manifests --cluster rhoaibu-cluster-dev --dir out/dev",
                "  rhoai install-config gpu-manifests -c rhoaibu-cluster-prod --dir out/prod \\",
                "      --dry-run",
                "  rhoai install-config gpu-manifests -c rhoaibu-cluster-dev --dir out/dev -o \\",
                "      json"})
public class GpuManifestsCommand extends BaseCommand {
    @Mixin ProfileOptions profile;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Installation directory after openshift-install create manifests.")
    Path dir;

    @Option(names = "--dry-run", description = "Show the manifests that would be written and write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        GpuManifestsInput input = new GpuManifestsInput(profile.repository(env()), profile.cluster, dir, dryRun, VersionCommand.info().version());
        GpuManifestsResult result = new GpuManifestsGenerator(GpuCatalog.bundled(), progress()).generate(input);
        output().result(result, GpuManifestsCommand::text);
        return ExitCodes.OK;
    }

    static String text(GpuManifestsResult r) {
        StringBuilder b = new StringBuilder();
        Table sets = new Table("MACHINESET", "POOL", "ZONE", "TYPE", "LABEL", "GPUS/NODE", "MIN", "MAX", "SPOT");
        r.machineSets().forEach(m -> sets.row(m.name(), m.pool(), m.zone(), m.instanceType(), m.label(), m.gpusPerNode(),
                m.minReplicas(), m.maxReplicas(), m.spot() ? "yes" : "no"));
        if (!sets.isEmpty()) b.append(sets).append('\n');
        Table caps = new Table("GPU LABEL", "CAP", "SOURCE");
        r.gpuLimits().forEach(c -> caps.row(c.label(), c.max(), c.derived() ? "derived from pools" : "spec.autoscaler.gpuLimits"));
        if (!caps.isEmpty()) b.append(caps).append('\n');
        b.append(OutputText.files("GPU manifests for " + r.profile() + " (infrastructure ID " + r.infraID() + ") in " + r.dir(),
                r.dryRun(), r.changed(), r.files(), r.inputDigest(), r.preview()));
        return b.toString();
    }
}
