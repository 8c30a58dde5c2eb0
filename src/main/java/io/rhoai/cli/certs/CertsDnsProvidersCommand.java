package io.rhoai.cli.certs;

import io.rhoai.certs.dns.DnsProviderInfo;
import io.rhoai.certs.dns.DnsProviders;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.output.Table;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "dns-providers", mixinStandardHelpOptions = true, description = "List the DNS providers for ACME DNS-01 challenges and the environment variables each reads.",
        footer = {"%nExamples:", "  rhoai certs dns-providers", "  rhoai certs dns-providers -o json"})
public class CertsDnsProvidersCommand extends BaseCommand {
    @Override
    public Integer call() {
        List<DnsProviderInfo> all = DnsProviders.all();
        output().result(all, list -> {
            StringBuilder b = new StringBuilder();
            for (DnsProviderInfo p : list) {
                b.append(p.name()).append(" — ").append(p.description()).append('\n');
                Table t = new Table("  VARIABLE", "REQUIRED", "SECRET", "MEANING");
                p.env().forEach(v -> t.row("  " + v.name(), v.required() ? "yes" : "no", v.secret() ? "yes" : "no", v.description()));
                b.append(t).append('\n');
            }
            return b.toString();
        });
        return ExitCodes.OK;
    }
}
