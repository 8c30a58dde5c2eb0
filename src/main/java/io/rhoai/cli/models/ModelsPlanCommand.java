package io.rhoai.cli.models;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.models.ModelsLoader;
import io.rhoai.models.plan.ModelsPlan;
import io.rhoai.models.plan.ModelsPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "GPU capacity per accelerator label: the models' demand at minReplicas and maxReplicas, the pools' maximum"
                + " and the autoscaler's cap; the pools to add or raise and the caps to set, printed as a profile snippet."
                + " --write applies it to the cluster profile's file (validated first, written atomically). Exit 0 nothing to"
                + " change (or written), 1 changes pending.",
        footer = {"%nExamples:",
                "  rhoai models plan -c prod \\",
                "      --models-dir components/configs/maas/model-serving/base",
                "  rhoai models plan -c prod \\",
                "      --models-dir components/configs/maas/model-serving/base \\",
                "      --profiles-dir install-configs --write"})
public class ModelsPlanCommand extends BaseCommand {
    @Mixin ModelsOptions models;

    @Option(names = "--write", description = "Apply the changes to the cluster profile's file (not to its base), validated, atomically.")
    boolean write;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        ModelsLoader.Loaded loaded = models.load(env(), ModelsOptions.deadline(timeout), progress());
        ModelsPlan plan = new ModelsPlanner(GpuCatalog.bundled()).plan(loaded, write);
        if (plan.written()) progress().done("wrote " + plan.profileFile());
        output().result(plan, ModelsPlanCommand::text);
        return plan.changesPending() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
    }

    static String text(ModelsPlan p) {
        StringBuilder sb = new StringBuilder();
        sb.append(ModelsCheckCommand.capacity(p.capacity(), "GPU capacity per accelerator label, profile " + p.profile()
                + " (GPUs; TARGET = every model at maxReplicas + one rolling update)"));
        if (p.changes().isEmpty()) return sb.append("\nthe pools and caps cover every model; nothing to change\n").toString();
        Table t = new Table("CHANGE", "LABEL", "POOL", "INSTANCE TYPE", "FROM", "TO");
        for (ModelsPlan.Change c : p.changes()) {
            t.row(c.action(), c.label(), c.pool() == null ? "-" : c.pool(), c.instanceType() == null ? "-" : c.instanceType(),
                    c.from() == null ? "-" : c.from(), c.to());
        }
        sb.append('\n').append(t).append('\n');
        sb.append(p.written() ? "applied to " + p.profileFile() + ":\n" : "profile snippet for " + p.profileFile() + " (apply with --write):\n");
        sb.append(p.snippet());
        return sb.toString();
    }
}
