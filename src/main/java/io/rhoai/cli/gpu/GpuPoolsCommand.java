package io.rhoai.cli.gpu;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "pools", mixinStandardHelpOptions = true,
        description = "GPU pools on a running cluster: GPU MachineSets (0 replicas), their MachineAutoscalers and the ClusterAutoscaler GPU caps.",
        subcommands = {GpuPoolsAddCommand.class, GpuPoolsListCommand.class, GpuPoolsRemoveCommand.class},
        footer = {"%nExamples:", "  rhoai gpu pools add --cluster rhoaibu-cluster-dev", "  rhoai gpu pools list",
                "  rhoai gpu pools remove --pool t4-shared"})
public class GpuPoolsCommand extends GroupCommand {
}
