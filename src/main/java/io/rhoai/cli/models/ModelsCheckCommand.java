package io.rhoai.cli.models;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.models.Capacity.LabelCapacity;
import io.rhoai.models.ModelsLoader;
import io.rhoai.models.check.ModelChecker;
import io.rhoai.models.check.ModelsCheck;
import io.rhoai.models.check.ModelsCheck.Finding;
import io.rhoai.models.check.ModelsCheck.ModelReport;
import io.rhoai.models.tree.ModelTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check every InferenceService of a GitOps tree, offline: its runtime exists and serves its format, its GPU"
                + " request lands on a pool of the profile with enough GPUs per node, the pools and caps hold every model's"
                + " minReplicas, its declared size fits the GPUs' memory, namespace and storage secret are explicit,"
                + " --served-model-name matches the gateway declaration. Exit 9 when any check fails (docs/models.md).",
        footer = {"%nExamples:",
                "  rhoai models check -c prod \\",
                "      --models-dir components/configs/maas/model-serving/base",
                "  rhoai models check -c dev -o json \\",
                "      | jq '.models[] | select(any(.checks[]; .status == \"fail\")) | .name'"})
public class ModelsCheckCommand extends BaseCommand {
    @Mixin ModelsOptions models;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        ModelsLoader.Loaded loaded = models.load(env(), ModelsOptions.deadline(timeout), progress());
        ModelsCheck result = new ModelChecker().check(ModelChecker.Input.of(loaded, GpuCatalog.bundled()));
        output().result(result, ModelsCheckCommand::text);
        return result.attention() ? ExitCodes.ATTENTION : ExitCodes.OK;
    }

    static String text(ModelsCheck r) {
        StringBuilder sb = new StringBuilder();
        sb.append("profile ").append(r.profile()).append('\n');
        for (ModelTree.Source s : r.sources()) {
            sb.append("read ").append(s.dir()).append(s.mode().equals(ModelTree.Source.KUSTOMIZE)
                    ? " through " + s.tool() : " as YAML files (" + s.reason() + ")")
                    .append(s.buildFailed() ? "  ATTENTION: the kustomization does not build" : "").append('\n');
        }
        if (r.gateway() != null) sb.append("gateway declaration ").append(r.gateway()).append('\n');
        for (ModelReport m : r.models()) {
            sb.append('\n').append(m.name()).append(m.namespace() == null ? "" : " (" + m.namespace() + ")").append("  ").append(m.file())
                    .append(m.failed() ? "  FAILED" : "").append('\n');
            Table t = new Table("CHECK", "STATUS", "FIELD", "DETAIL");
            for (Finding f : m.checks()) t.row(f.check(), f.status(), f.field(), f.message());
            sb.append(t);
        }
        if (!r.capacity().isEmpty()) sb.append('\n').append(capacity(r));
        sb.append('\n').append(r.models().size()).append(" models: ").append(r.failed()).append(" failed check(s), ")
                .append(r.warnings()).append(" warning(s)").append(r.attention() ? " (exit 9: needs attention)" : "").append('\n');
        return sb.toString();
    }

    static String capacity(java.util.List<LabelCapacity> rows, String title) {
        Table t = new Table("LABEL", "MODELS", "AT MIN", "AT MAX", "TARGET", "POOLS MAX", "CAP", "AVAILABLE", "STATUS");
        for (LabelCapacity c : rows) {
            t.row(c.label(), c.models().size(), c.demandMin(), c.demandMax(), c.target(), c.poolsMax(),
                    c.cap() == null ? "-" : c.cap() + (Boolean.TRUE.equals(c.capDerived()) ? " (derived)" : ""), c.available(), c.status());
        }
        return title + "\n" + t;
    }

    private static String capacity(ModelsCheck r) {
        return capacity(r.capacity(), "GPU capacity per accelerator label (GPUs; TARGET = every model at maxReplicas + one rolling update)");
    }
}
