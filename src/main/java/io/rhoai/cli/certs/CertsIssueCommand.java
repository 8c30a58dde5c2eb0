package io.rhoai.cli.certs;

import io.rhoai.cli.RunTimeout;
import io.rhoai.certs.acme.CertificateIssuer;
import io.rhoai.certs.acme.IssueRequest;
import io.rhoai.certs.acme.IssueResult;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;

@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Issue one certificate for the cluster's names (*.apps.<cluster>.<baseDomain> and api.<cluster>.<baseDomain>) "
                + "with ACME DNS-01, and store it as a new version in the state directory.",
                "Challenge records are always removed, also on failure and Ctrl-C. Provider settings come from the environment "
                + "(rhoai certs dns-providers)."},
        footer = {"%nExamples:",
                "  rhoai certs issue --cluster rhoaibu-cluster-dev",
                "  rhoai certs issue --cluster rhoaibu-cluster-dev --staging --dry-run",
                "  RFC2136_NAMESERVER=ns1.example.com RFC2136_TSIG_KEY=acme. \\",
                "    RFC2136_TSIG_SECRET_FILE=tsig.key \\",
                "    rhoai certs issue --domain '*.apps.dev.example.com' \\",
                "    --domain api.dev.example.com --dns-provider rfc2136 -o json",
                "  rhoai certs issue --domain api.lab.test --dns-provider rfc2136 \\",
                "      --acme-server https://127.0.0.1:14000/dir --acme-ca-file pebble-ca.pem",
                "%nExit codes: 0 issued (or planned with --dry-run), 3 invalid input,",
                "  4 refused (DNS update or CA refused), 5 timeout, 6 ACME/DNS failure,",
                "  130 interrupted (records removed)."})
public class CertsIssueCommand extends BaseCommand {
    @Mixin IssueOptions issue;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "10m", description = RunTimeout.HELP)
    Duration timeout;

    @Option(names = "--dry-run", description = "Show the plan; order nothing, write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        IssueRequest request = issue.request(issue.profile(env()), env(), timeout, dryRun);
        IssueResult result = new CertificateIssuer(progress(), Clock.systemUTC()).issue(request);
        output().result(result, CertsIssueCommand::text);
        return ExitCodes.OK;
    }

    static String text(IssueResult r) {
        StringBuilder b = new StringBuilder();
        if (r.dryRun()) {
            b.append("Plan (dry run, nothing ordered or written) for ").append(String.join(", ", r.domains())).append(":\n");
            for (int i = 0; i < r.plan().size(); i++) b.append("  ").append(i + 1).append(". ").append(r.plan().get(i)).append('\n');
            return b.toString();
        }
        var c = r.certificate();
        b.append("Issued certificate ").append(c.version()).append(" for ").append(String.join(", ", c.names())).append('\n');
        b.append("  not after:  ").append(c.notAfter()).append('\n');
        b.append("  serial:     ").append(c.serialHex()).append('\n');
        b.append("  issuer:     ").append(c.issuerDn()).append('\n');
        b.append("  stored in:  ").append(c.directory()).append(" (fullchain.pem, privkey.pem)\n");
        b.append("  ACME:       ").append(r.acmeServer()).append(" account ").append(r.account()).append('\n');
        b.append("  took:       ").append(Durations.format(r.elapsed())).append('\n');
        return b.toString();
    }
}
