package io.rhoai.cli.gpu;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "gpu", mixinStandardHelpOptions = true, description = "GPU instance types and pools.",
        subcommands = {GpuCatalogCommand.class, GpuPoolsCommand.class},
        footer = {"%nExamples:", "  rhoai gpu catalog", "  rhoai gpu catalog -o json", "  rhoai gpu pools list"})
public class GpuCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
