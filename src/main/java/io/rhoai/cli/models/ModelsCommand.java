package io.rhoai.cli.models;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Models as a service as code: InferenceServices checked against their runtimes and the profile's GPU pools,"
                + " the pools they need, the 3scale gateway objects rendered from one declaration, and endpoints load-tested.",
        subcommands = {ModelsCheckCommand.class, ModelsPlanCommand.class, ModelsGatewayCommand.class, ModelsTestCommand.class},
        footer = {"%nExamples:",
                "  rhoai models check -c prod \\",
                "      --models-dir components/configs/maas/model-serving/base",
                "  rhoai models plan -c prod --models-dir DIR --write",
                "  rhoai models gateway -c prod --models-dir DIR --dir DIR/3scale",
                "  rhoai models test --url https://granite.apps.example.com \\",
                "      --requests 20 --concurrency 4",
                "  rhoai models test --model granite-3b -n models --stream -o json"})
public class ModelsCommand extends GroupCommand {
}
