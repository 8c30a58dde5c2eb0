package io.rhoai.cli.gpu;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.output.Table;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuType;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"List the GPU instance types rhoai knows (bundled): GPU model and count, memory, vCPU/RAM and the accelerator",
                "label family; a pool's node label, taint and autoscaler GPU type are <family>-SHARED or <family>-PRIVATE."},
        footer = {"%nExamples:", "  rhoai gpu catalog", "  rhoai gpu catalog -o json | jq -r '.gpus[].instanceType'"})
public class GpuCatalogCommand extends BaseCommand {

    @RegisterForReflection
    public record CatalogResult(List<GpuType> gpus) { }

    @Override
    public Integer call() {
        output().result(new CatalogResult(GpuCatalog.bundled().all()), GpuCatalogCommand::text);
        return ExitCodes.OK;
    }

    static String text(CatalogResult r) {
        Table t = new Table("INSTANCE TYPE", "GPU", "GPUS", "GPU MEMORY", "VCPU", "MEMORY", "LABEL FAMILY", "RESOURCE");
        for (GpuType g : r.gpus()) {
            t.row(g.instanceType(), g.vendor() + " " + g.model(), g.gpus(), g.gpuMemoryGiB() + " GiB", g.vcpu(), g.memoryGiB() + " GiB",
                    g.labelFamily(), g.resourceName());
        }
        return t.toString();
    }
}
