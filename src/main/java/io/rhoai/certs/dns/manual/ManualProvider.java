package io.rhoai.certs.dns.manual;

import io.rhoai.certs.dns.ChallengeRecord;
import io.rhoai.certs.dns.DnsProvider;
import io.rhoai.certs.dns.DnsProviderInfo;
import io.rhoai.certs.dns.DnsProviderInfo.EnvVar;
import io.rhoai.certs.dns.EnvSettings;
import io.rhoai.certs.dns.PropagationTiming;
import io.rhoai.core.Progress;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * For DNS hosts without an API: prints each record to create (and later to delete) and lets the issuer wait until
 * the record is visible on the zone's authoritative servers. It never reads stdin, so it also works in CI logs.
 */
public final class ManualProvider implements DnsProvider {
    public static final String NAME = "manual";

    public static final DnsProviderInfo INFO = new DnsProviderInfo(NAME,
            "prints the TXT records to create by hand and waits until the authoritative name servers serve them",
            List.of(EnvVar.optional("MANUAL_PROPAGATION_TIMEOUT", "how long to wait for the records (default 10m)"),
                    EnvVar.optional("MANUAL_POLLING_INTERVAL", "how often to look (default 5s)")));

    public record Config(PropagationTiming timing) {
        public static Config fromEnv(Map<String, String> env) {
            return new Config(new EnvSettings(NAME, env).timing("MANUAL",
                    new PropagationTiming(Duration.ofMinutes(10), Duration.ofSeconds(5))));
        }
    }

    private final Config config;
    private final Progress progress;

    public ManualProvider(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    @Override public String name() { return NAME; }

    @Override public PropagationTiming timing() { return config.timing(); }

    @Override
    public void present(ChallengeRecord record, Deadline deadline) {
        // the wait that follows is the propagation timeout, cut short by what is left of --timeout
        Duration wait = deadline.atMost(config.timing().timeout()).withNanos(0);
        progress.info("create this DNS record now (rhoai waits up to " + Durations.format(wait) + " until it is visible):");
        progress.info("  " + record.fqdn() + " 60 IN TXT \"" + record.value() + "\"");
    }

    @Override
    public void cleanUp(ChallengeRecord record, Deadline deadline) {
        progress.info("you may now delete: " + record.fqdn() + " IN TXT \"" + record.value() + "\"");
    }

    @Override
    public void presentAll(List<ChallengeRecord> records, Deadline deadline) {
        records.forEach(r -> present(r, deadline)); // sequential: printed lines must not interleave
    }

    @Override
    public void cleanUpAll(List<ChallengeRecord> records, Deadline deadline) {
        records.forEach(r -> cleanUp(r, deadline));
    }
}
