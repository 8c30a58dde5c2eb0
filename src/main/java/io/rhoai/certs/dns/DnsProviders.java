package io.rhoai.certs.dns;

import io.rhoai.certs.dns.manual.ManualProvider;
import io.rhoai.certs.dns.rfc2136.Rfc2136Provider;
import io.rhoai.certs.dns.route53.Route53Provider;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The DNS providers by name; {@code rhoai certs dns-providers} lists {@link #all()}. */
public final class DnsProviders {
    private DnsProviders() { }

    public static List<DnsProviderInfo> all() {
        return List.of(Route53Provider.INFO, Rfc2136Provider.INFO, ManualProvider.INFO);
    }

    /** Builds the named provider from the environment; configuration errors name the provider and the variable. */
    public static DnsProvider create(String name, Map<String, String> env, Progress progress, Clock clock) {
        if (name == null || name.isBlank()) {
            throw RhoaiException.invalid("no DNS provider given", "pass --dns-provider (" + names() + ") or set spec.certificates.dns.provider in the profile");
        }
        return switch (name) {
            case Route53Provider.NAME -> new Route53Provider(Route53Provider.Config.fromEnv(env), progress, clock);
            case Rfc2136Provider.NAME -> new Rfc2136Provider(Rfc2136Provider.Config.fromEnv(env));
            case ManualProvider.NAME -> new ManualProvider(ManualProvider.Config.fromEnv(env), progress);
            default -> throw RhoaiException.invalid("unknown DNS provider '" + name + "'", "use one of: " + names() + " (rhoai certs dns-providers)");
        };
    }

    public static String names() {
        return String.join(", ", all().stream().map(DnsProviderInfo::name).toList());
    }
}
