package io.rhoai.cli.gpu;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "gpu", mixinStandardHelpOptions = true, description = "GPU instance types and pools.",
        subcommands = {GpuCatalogCommand.class, GpuPoolsCommand.class, GpuProfilesCommand.class},
        footer = {"%nExamples:", "  rhoai gpu catalog", "  rhoai gpu catalog -o json", "  rhoai gpu pools list",
                "  rhoai gpu profiles --cluster rhoaibu-cluster-prod \\",
                "      --dir components/accelerator-profiles"})
public class GpuCommand extends GroupCommand {
}
