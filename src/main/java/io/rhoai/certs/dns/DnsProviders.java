package io.rhoai.certs.dns;

import io.rhoai.certs.dns.manual.ManualProvider;
import io.rhoai.certs.dns.rfc2136.Rfc2136Provider;
import io.rhoai.certs.dns.route53.Route53Provider;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;

import java.util.List;
import java.util.Map;

/**
 * The DNS providers by name; {@code rhoai certs dns-providers} lists {@link #all()}. Adding a provider is one package
 * and one line in {@link #REGISTRY}: its description and how to build it from the environment, side by side.
 */
public final class DnsProviders {
    /** How a provider is built from the environment. */
    @FunctionalInterface
    interface Factory {
        DnsProvider create(Map<String, String> env, Progress progress);
    }

    private record Entry(DnsProviderInfo info, Factory factory) { }

    private static final List<Entry> REGISTRY = List.of(
            new Entry(Route53Provider.INFO, (env, progress) -> new Route53Provider(Route53Provider.Config.fromEnv(env), progress)),
            new Entry(Rfc2136Provider.INFO, (env, progress) -> new Rfc2136Provider(Rfc2136Provider.Config.fromEnv(env))),
            new Entry(ManualProvider.INFO, (env, progress) -> new ManualProvider(ManualProvider.Config.fromEnv(env), progress)));

    private DnsProviders() { }

    public static List<DnsProviderInfo> all() {
        return REGISTRY.stream().map(Entry::info).toList();
    }

    /** Builds the named provider from the environment; configuration errors name the provider and the variable. */
    public static DnsProvider create(String name, Map<String, String> env, Progress progress) {
        if (name == null || name.isBlank()) {
            throw RhoaiException.invalid("no DNS provider given", "pass --dns-provider (" + names() + ") or set spec.certificates.dns.provider in the profile");
        }
        return REGISTRY.stream().filter(e -> e.info().name().equals(name)).findFirst()
                .orElseThrow(() -> RhoaiException.invalid("unknown DNS provider '" + name + "'", "use one of: " + names() + " (rhoai certs dns-providers)"))
                .factory().create(env, progress);
    }

    public static String names() {
        return String.join(", ", all().stream().map(DnsProviderInfo::name).toList());
    }
}
