package io.rhoai.cli.installconfig;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "install-config", mixinStandardHelpOptions = true,
        description = "Render what openshift-install needs from a cluster profile: install-config.yaml, then the day-1 GPU manifests.",
        subcommands = {RenderCommand.class, GpuManifestsCommand.class},
        footer = {"%nExamples:",
                "  rhoai install-config render --cluster rhoaibu-cluster-dev --dir out/dev \\",
                "      --pull-secret-file pull-secret.json --ssh-public-key-file \\",
                "      ~/.ssh/id_ed25519.pub",
                "  openshift-install create manifests --dir out/dev",
                "  rhoai install-config gpu-manifests --cluster rhoaibu-cluster-dev --dir out/dev",
                "  openshift-install create cluster --dir out/dev"})
public class InstallConfigCommand extends GroupCommand {
}
