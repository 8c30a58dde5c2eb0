package io.rhoai.cli.models;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true, description = "Models as a service: test an OpenAI-compatible model endpoint.",
        subcommands = {ModelsTestCommand.class},
        footer = {"%nExamples:", "  rhoai models test --url https://granite.apps.example.com --requests 20 --concurrency 4",
                "  rhoai models test --model granite-3b -n models --stream -o json"})
public class ModelsCommand extends GroupCommand {
}
