package io.rhoai.cli.models;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.models.ModelsLoader;
import io.rhoai.models.gateway.ModelsGateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Render the 3scale objects of every model in the gateway declaration (Backend, Product, ActiveDoc,"
                + " ProxyConfigPromote) from the InferenceService and its entry, into DIR/<product>/ with a"
                + " kustomization.yaml; deterministic, written atomically, unchanged files left alone (docs/models.md).",
        footer = {"%nExamples:",
                "  rhoai models gateway -c prod \\",
                "      --models-dir components/configs/maas/model-serving/base \\",
                "      --dir components/configs/maas/3scale-config/rendered",
                "  rhoai models gateway -c prod \\",
                "      --models-dir components/configs/maas/model-serving/base --dir out/3scale \\",
                "      --dry-run"})
public class ModelsGatewayCommand extends BaseCommand {
    @Mixin ModelsOptions models;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where the 3scale files go (relative to the current directory).")
    Path dir;

    @Option(names = "--dry-run", description = "Say which files would be created or changed; write nothing.")
    boolean dryRun;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        ModelsLoader.Loaded loaded = models.load(env(), ModelsOptions.deadline(timeout), progress());
        ModelsGateway.Result result = new ModelsGateway().render(loaded, dir, dryRun);
        output().result(result, ModelsGatewayCommand::text);
        return ExitCodes.OK;
    }

    static String text(ModelsGateway.Result r) {
        Table t = new Table("FILE", "KIND", "PRODUCT", r.dryRun() ? "WOULD BE" : "RESULT");
        for (ModelsGateway.WrittenFile f : r.files()) t.row(f.path(), f.kind(), f.name() == null ? "-" : f.name(), f.outcome());
        StringBuilder sb = new StringBuilder("from ").append(r.declaration()).append(" into ").append(r.dir()).append('\n').append(t);
        if (!r.undeclared().isEmpty()) sb.append("not published (no entry in the declaration): ").append(String.join(", ", r.undeclared())).append('\n');
        if (r.dryRun()) sb.append("DRY RUN: nothing was written\n");
        return sb.toString();
    }
}
