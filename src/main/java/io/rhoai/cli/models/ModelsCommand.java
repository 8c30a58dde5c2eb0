package io.rhoai.cli.models;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Models as a service as code: InferenceServices checked against their runtimes and the profile's GPU pools,"
                + " the pools they need, and the 3scale gateway objects rendered from one declaration.",
        subcommands = {ModelsCheckCommand.class, ModelsPlanCommand.class, ModelsGatewayCommand.class},
        footer = {"%nExamples:",
                "  rhoai models check -c prod --models-dir components/configs/maas/model-serving/base",
                "  rhoai models plan  -c prod --models-dir components/configs/maas/model-serving/base --write",
                "  rhoai models gateway -c prod --models-dir components/configs/maas/model-serving/base --dir components/configs/maas/3scale-config/rendered"})
public class ModelsCommand extends GroupCommand {
}
