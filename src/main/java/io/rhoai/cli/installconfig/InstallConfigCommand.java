package io.rhoai.cli.installconfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "install-config", mixinStandardHelpOptions = true,
        description = "Render what openshift-install needs from a cluster profile: install-config.yaml, then the day-1 GPU manifests.",
        subcommands = {RenderCommand.class, GpuManifestsCommand.class},
        footer = {"%nExamples:",
                "  rhoai install-config render --cluster rhoaibu-cluster-dev --dir out/dev --pull-secret-file pull-secret.json --ssh-key-file ~/.ssh/id_ed25519.pub",
                "  openshift-install create manifests --dir out/dev",
                "  rhoai install-config gpu-manifests --cluster rhoaibu-cluster-dev --dir out/dev",
                "  openshift-install create cluster --dir out/dev"})
public class InstallConfigCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
