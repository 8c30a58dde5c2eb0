package io.rhoai.cli.certs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Issue, install, check and roll back the cluster's TLS certificates (router and API server).",
        subcommands = {
                CertsInstallCommand.class,
                CertsRollbackCommand.class,
                CertsStatusCommand.class,
        },
        footer = {"%nExamples:",
                "  rhoai certs install --cluster rhoaibu-cluster-dev",
                "  rhoai certs status --cluster rhoaibu-cluster-dev -o json",
                "  rhoai certs rollback --cluster rhoaibu-cluster-dev"})
public class CertsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
