package io.rhoai.cli.certs;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Let's Encrypt (ACME DNS-01) certificates for the cluster's router and API server: issue, install, status, renew, roll back.",
        subcommands = {
                CertsIssueCommand.class,
                CertsInstallCommand.class,
                CertsRenewCommand.class,
                CertsStatusCommand.class,
                CertsRollbackCommand.class,
                CertsDnsProvidersCommand.class,
        },
        footer = {"%nExamples:",
                "  rhoai certs issue --cluster rhoaibu-cluster-dev",
                "  rhoai certs install --cluster rhoaibu-cluster-dev",
                "  rhoai certs renew --cluster rhoaibu-cluster-dev   # exit 0 renewed, 7 not due",
                "  rhoai certs status --cluster rhoaibu-cluster-dev -o json",
                "  rhoai certs rollback --cluster rhoaibu-cluster-dev",
                "  rhoai certs dns-providers -o json"})
public class CertsCommand extends GroupCommand {
}
