package io.rhoai.cli.certs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Let's Encrypt (ACME DNS-01) certificates for the cluster's router and API server: issue, install, status, renew.",
        subcommands = {
                CertsIssueCommand.class,
                CertsDnsProvidersCommand.class,
        },
        footer = {"%nExamples:",
                "  rhoai certs issue --cluster rhoaibu-cluster-dev",
                "  rhoai certs issue --domain '*.apps.dev.example.com' --domain api.dev.example.com --dns-provider route53 --staging",
                "  rhoai certs dns-providers -o json"})
public class CertsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
