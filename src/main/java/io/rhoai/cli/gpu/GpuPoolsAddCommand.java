package io.rhoai.cli.gpu;

import io.rhoai.profile.rules.GpuPoolRules;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.Candidates;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.OptionalProfileOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.core.RhoaiException;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuPoolManager;
import io.rhoai.gpu.GpuPoolManager.AddRequest;
import io.rhoai.gpu.GpuPoolManager.AddResult;
import io.rhoai.installconfig.Profiles;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.KubeClients;
import io.rhoai.profile.ValidatedProfile;
import io.rhoai.profile.ValidatedProfile.PlannedPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add GPU pools to a running cluster, idempotently: per pool and zone a GPU MachineSet derived from the installer's",
                "worker MachineSet OF THAT ZONE (0 replicas: no paid node starts until pods ask), a MachineAutoscaler, and the",
                "pool's GPU cap merged into ClusterAutoscaler 'default' (other limits kept). Pools come from the profile",
                "(--cluster, optionally --pool to pick some) or from flags (--pool with --instance-type and --zone).",
                "A re-run reports 'unchanged' and sends no write."},
        footer = {"%nExamples:",
                "  rhoai gpu pools add --cluster rhoaibu-cluster-dev",
                "  rhoai gpu pools add --cluster dev --pool t4-shared --dry-run",
                "  rhoai gpu pools add --cluster rhoaibu-cluster-dev --dry-run=server",
                "  rhoai gpu pools add --pool l4-private --instance-type g6.2xlarge --access \\",
                "      private --zone us-west-2b --max 2",
                "  rhoai gpu pools add --pool t4-spot --instance-type g4dn.2xlarge --zone \\",
                "      us-west-2a --spot --gpu-limit 8 -o json"})
public class GpuPoolsAddCommand extends BaseCommand {
    @Mixin KubeOptions kube;
    /** --cluster: take the pools from this profile's spec.gpuPools; without it, an ad-hoc pool from the flags. */
    @Mixin OptionalProfileOptions profile;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    @Option(names = "--pool", paramLabel = "NAME", description = "With --cluster: only these pools (repeatable; default all). Ad hoc: the new pool's name.")
    List<String> pools;

    @Option(names = "--instance-type", paramLabel = "TYPE", completionCandidates = Candidates.InstanceTypes.class, description = "Ad-hoc pool: instance type from 'rhoai gpu catalog'.")
    String instanceType;

    @Option(names = "--access", paramLabel = "shared|private", completionCandidates = Candidates.AccessModes.class, defaultValue = "shared", description = "Ad-hoc pool: accelerator label suffix (default: ${DEFAULT-VALUE}).")
    String access;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Ad-hoc pool: full availability zone, e.g. us-west-2a.")
    String zone;

    @Option(names = "--min", defaultValue = "0", description = "Ad-hoc pool: MachineAutoscaler minimum (default: ${DEFAULT-VALUE}).")
    int min;

    @Option(names = "--max", defaultValue = "1", description = "Ad-hoc pool: MachineAutoscaler maximum (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--spot", description = "Ad-hoc pool: spot instances.")
    boolean spot;

    @Option(names = "--gpu-limit", paramLabel = "N", description = "Ad-hoc pool: cluster-wide GPU cap for its label (default: keep the live cap, else the pool's max GPUs).")
    Integer gpuLimit;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        // the request is checked before any cluster is reached; its time budget is what the identity check leaves
        ValidatedProfile validated = instanceType != null ? null : validatedProfile();
        PlannedPool adHoc = instanceType != null ? adHocPool() : null;
        AddResult result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            Duration left = clusterCheck.verifyWithin(client, validated == null ? null : validated.profile(), timeout, progress());
            AddRequest request = adHoc != null ? AddRequest.adHoc(adHoc, gpuLimit, dryRun.mode(), left)
                    : AddRequest.fromProfile(validated, pools, dryRun.mode(), left);
            result = new GpuPoolManager(client, GpuCatalog.bundled(), progress()).add(request);
        }
        output().result(result, GpuPoolsAddCommand::text);
        return ExitCodes.OK;
    }

    private PlannedPool adHocPool() {
        if (profile.cluster != null) throw RhoaiException.invalid("--instance-type with --cluster: pick one source", "drop --cluster for an ad-hoc pool, or drop --instance-type to use the profile's pools");
        if (pools == null || pools.size() != 1) throw RhoaiException.invalid("--pool: an ad-hoc pool needs exactly one name", "e.g. --pool t4-shared");
        return GpuPoolRules.adHocPool(GpuCatalog.bundled(), pools.get(0), instanceType, access, zone, min, max, spot);
    }

    /** The profile's pools, validated; the profile is read once. */
    private ValidatedProfile validatedProfile() {
        ProfileOptions po = profile.given();
        if (po == null) throw RhoaiException.invalid("no pools: give --cluster PROFILE, or an ad-hoc pool with --pool, --instance-type and --zone",
                "e.g. rhoai gpu pools add --cluster rhoaibu-cluster-dev");
        return Profiles.loadValid(po.repository(env()), po.cluster, GpuCatalog.bundled());
    }

    static String text(AddResult r) {
        Table t = new Table("KIND", "NAME", r.dryRun() ? "WOULD BE" : "RESULT");
        for (Applied a : r.objects()) t.row(a.kind(), (a.namespace() == null ? "" : a.namespace() + "/") + a.name(), a.outcome());
        String tail = r.dryRun() ? "DRY RUN: nothing was written\n" : r.changed() ? "" : "all GPU pools are already in place; nothing changed\n";
        return t + tail;
    }
}
