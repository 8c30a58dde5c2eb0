package io.rhoai.certs.dns.route53;

import io.rhoai.certs.dns.ChallengeRecord;
import io.rhoai.certs.dns.DnsProvider;
import io.rhoai.certs.dns.DnsProviderInfo;
import io.rhoai.certs.dns.DnsProviderInfo.EnvVar;
import io.rhoai.certs.dns.EnvSettings;
import io.rhoai.certs.dns.PropagationTiming;
import io.rhoai.core.Causes;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Amazon Route 53. Finds the PUBLIC hosted zone for each name (longest suffix match; private zones of the same name
 * are skipped, since Let's Encrypt only sees public DNS), writes all of a run's values for one name in one UPSERT
 * (a wildcard and its apex share {@code _acme-challenge.<domain>}), and waits for the change to be INSYNC.
 * Throttling ({@code Throttling}, {@code PriorRequestNotComplete}) and 5xx answers are retried with backoff. Every API
 * call is limited to {@link #CALL_TIMEOUT} and to what is left of the caller's {@link Deadline}.
 */
public final class Route53Provider implements DnsProvider {
    public static final String NAME = "route53";
    /** The longest one API call may take; Route 53 answers in well under a second when it answers at all. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    public static final DnsProviderInfo INFO = new DnsProviderInfo(NAME,
            "Amazon Route 53 (public hosted zones); credentials from the standard AWS chain",
            List.of(EnvVar.secret("AWS_ACCESS_KEY_ID", "access key (or any other source of the AWS default credentials chain: AWS_PROFILE, SSO, instance role)", false),
                    EnvVar.secret("AWS_SECRET_ACCESS_KEY", "secret key belonging to AWS_ACCESS_KEY_ID", false),
                    EnvVar.secret("AWS_SESSION_TOKEN", "session token for temporary credentials", false),
                    EnvVar.optional("AWS_PROFILE", "named profile from ~/.aws/config (default chain)"),
                    EnvVar.optional("AWS_HOSTED_ZONE_ID", "use this hosted zone instead of looking it up"),
                    EnvVar.optional("AWS_ENDPOINT_URL_ROUTE53", "API endpoint override (tests, FIPS); also RHOAI_ROUTE53_ENDPOINT"),
                    EnvVar.optional("AWS_TTL", "TTL of the TXT record in seconds (default 10)"),
                    EnvVar.optional("AWS_PROPAGATION_TIMEOUT", "how long to wait for INSYNC and the authoritative servers (default 2m)"),
                    EnvVar.optional("AWS_POLLING_INTERVAL", "how often to look (default 2s)")));

    public record Config(String hostedZoneId, URI endpoint, long ttl, PropagationTiming timing, AwsCredentialsProvider credentials) {
        public static Config fromEnv(Map<String, String> env) {
            EnvSettings s = new EnvSettings(NAME, env);
            String endpoint = s.get("AWS_ENDPOINT_URL_ROUTE53", s.get("RHOAI_ROUTE53_ENDPOINT"));
            URI uri = null;
            if (endpoint != null) {
                try {
                    uri = URI.create(endpoint);
                    if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException();
                } catch (IllegalArgumentException e) {
                    throw RhoaiException.invalid(NAME + ": endpoint '" + endpoint + "' is not a URL", "use https://host[:port]");
                }
            }
            long ttl = s.seconds("AWS_TTL", 10);
            return new Config(s.get("AWS_HOSTED_ZONE_ID"), uri, ttl,
                    s.timing("AWS", new PropagationTiming(Duration.ofMinutes(2), Duration.ofSeconds(2))), credentials(s));
        }

        /** Keys in the environment map win (tests, CI); otherwise the SDK's default chain (profile, SSO, instance role). */
        private static AwsCredentialsProvider credentials(EnvSettings s) {
            String id = s.get("AWS_ACCESS_KEY_ID"), key = s.get("AWS_SECRET_ACCESS_KEY"), token = s.get("AWS_SESSION_TOKEN");
            if (id != null && key != null) {
                Secret.of(key, "env AWS_SECRET_ACCESS_KEY"); // registers it with the redactor
                if (token != null) Secret.of(token, "env AWS_SESSION_TOKEN");
                return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(id, key)
                        : AwsSessionCredentials.create(id, key, token));
            }
            if (id != null || key != null) {
                throw RhoaiException.invalid(NAME + ": only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set", "set both, or neither to use AWS_PROFILE / the default chain");
            }
            return DefaultCredentialsProvider.builder().build();
        }
    }

    private final Config config;
    private final Route53Client client;
    private final Progress progress;
    private final Map<String, HostedZone> zones = new HashMap<>();
    /** Values this run has published per name, so UPSERT keeps the sibling's value and DELETE matches exactly. */
    private final Map<String, Set<String>> published = new HashMap<>();

    public Route53Provider(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
        if (config.ttl() < 1) throw RhoaiException.invalid(NAME + ": AWS_TTL must be at least 1", "use seconds, e.g. 10");
        var builder = Route53Client.builder()
                // a backstop under the per-call apiCallTimeout, which is what bounds each call by the deadline
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CALL_TIMEOUT).socketTimeout(CALL_TIMEOUT).build())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(config.credentials())
                // retries are ours (below): visible in progress and bounded by the deadline
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (config.endpoint() != null) builder.endpointOverride(config.endpoint());
        this.client = builder.build();
    }

    @Override public String name() { return NAME; }

    @Override public PropagationTiming timing() { return config.timing(); }

    @Override public void present(ChallengeRecord record, Deadline deadline) { presentAll(List.of(record), deadline); }

    @Override public void cleanUp(ChallengeRecord record, Deadline deadline) { cleanUpAll(List.of(record), deadline); }

    /** Within the propagation timeout (and the run's deadline): the zone lookups, the UPSERT and the wait for INSYNC. */
    @Override
    public synchronized void presentAll(List<ChallengeRecord> records, Deadline run) {
        Deadline deadline = run.within(config.timing().timeout());
        Map<String, List<Change>> byZone = new LinkedHashMap<>();
        Map<String, Set<String>> after = new LinkedHashMap<>();
        for (ChallengeRecord r : records) {
            after.computeIfAbsent(r.fqdn(), k -> new LinkedHashSet<>(published.getOrDefault(k, Set.of()))).add(r.value());
        }
        for (var e : after.entrySet()) {
            String zoneId = zoneFor(e.getKey(), deadline).id();
            byZone.computeIfAbsent(zoneId, k -> new ArrayList<>()).add(change(ChangeAction.UPSERT, e.getKey(), e.getValue()));
        }
        for (var e : byZone.entrySet()) awaitInSync(e.getKey(), submit(e.getKey(), e.getValue(), "UPSERT", deadline), deadline);
        after.forEach(published::put);
    }

    /**
     * Submits the removals without waiting for INSYNC: Route 53 applies an accepted change on its own, nothing later in
     * the run reads the record, and clean-up has only a short budget of its own.
     */
    @Override
    public synchronized void cleanUpAll(List<ChallengeRecord> records, Deadline deadline) {
        Map<String, Set<String>> remove = new LinkedHashMap<>();
        for (ChallengeRecord r : records) remove.computeIfAbsent(r.fqdn(), k -> new LinkedHashSet<>()).add(r.value());
        Map<String, List<Change>> byZone = new LinkedHashMap<>();
        Map<String, Set<String>> after = new LinkedHashMap<>();
        for (var e : remove.entrySet()) {
            Set<String> current = published.getOrDefault(e.getKey(), Set.of());
            if (current.isEmpty()) continue; // never published by this run: nothing of ours to remove
            Set<String> remaining = new LinkedHashSet<>(current);
            remaining.removeAll(e.getValue());
            Change c = remaining.isEmpty() ? change(ChangeAction.DELETE, e.getKey(), current)
                    : change(ChangeAction.UPSERT, e.getKey(), remaining);
            byZone.computeIfAbsent(zoneFor(e.getKey(), deadline).id(), k -> new ArrayList<>()).add(c);
            after.put(e.getKey(), remaining);
        }
        for (var e : byZone.entrySet()) submit(e.getKey(), e.getValue(), "DELETE", deadline);
        after.forEach((k, v) -> {
            if (v.isEmpty()) published.remove(k);
            else published.put(k, v);
        });
    }

    private Change change(ChangeAction action, String fqdn, Set<String> values) {
        List<ResourceRecord> rrs = values.stream().map(v -> ResourceRecord.builder().value("\"" + v + "\"").build()).toList();
        return Change.builder().action(action).resourceRecordSet(ResourceRecordSet.builder()
                .name(fqdn).type(RRType.TXT).ttl(config.ttl()).resourceRecords(rrs).build()).build();
    }

    /** Sends one change batch; returns the change's id. */
    private String submit(String zoneId, List<Change> changes, String what, Deadline deadline) {
        return call("ChangeResourceRecordSets (" + what + ")", deadline, limit -> required(client.changeResourceRecordSets(b -> b
                .hostedZoneId(zoneId).overrideConfiguration(limit)
                .changeBatch(ChangeBatch.builder().comment("rhoai certs: ACME DNS-01").changes(changes).build()))
                .changeInfo(), "ChangeInfo").id());
    }

    private void awaitInSync(String zoneId, String changeId, Deadline deadline) {
        Awaited<ChangeStatus> insync = new Awaited<ChangeStatus>("Route 53 change " + changeId + " in hosted zone " + zoneId + " to be INSYNC",
                "raise AWS_PROPAGATION_TIMEOUT or --timeout",
                () -> call("GetChange " + changeId, deadline, limit -> required(client.getChange(b -> b.id(changeId).overrideConfiguration(limit))
                        .changeInfo(), "ChangeInfo").status()),
                ChangeStatus.INSYNC::equals, null);
        new Poller(config.timing().interval(), config.timing().interval(), null, progress).await(insync, deadline);
    }

    /** The public hosted zone with the longest name that is a suffix of {@code fqdn}. */
    HostedZone zoneFor(String fqdn, Deadline deadline) {
        if (config.hostedZoneId() != null) {
            return HostedZone.builder().id(config.hostedZoneId()).name("(AWS_HOSTED_ZONE_ID)").build();
        }
        String name = fqdn.endsWith(".") ? fqdn : fqdn + ".";
        for (String candidate = name; candidate.indexOf('.') < candidate.length() - 1; candidate = candidate.substring(candidate.indexOf('.') + 1)) {
            HostedZone cached = zones.get(candidate);
            if (cached != null) return cached;
            String dnsName = candidate;
            List<HostedZone> found = call("ListHostedZonesByName " + dnsName, deadline,
                    limit -> {
                        var answer = client.listHostedZonesByName(b -> b.dnsName(dnsName).maxItems("100").overrideConfiguration(limit));
                        required(answer.maxItems(), "MaxItems"); // an HTML page parses as an answer without any field
                        return answer.hostedZones();
                    });
            for (HostedZone z : found) {
                if (!z.name().equalsIgnoreCase(dnsName)) continue;
                if (z.config() != null && Boolean.TRUE.equals(z.config().privateZone())) {
                    progress.debug(NAME + ": skipping private hosted zone " + z.id() + " (" + z.name() + ")");
                    continue;
                }
                zones.put(candidate, z);
                progress.debug(NAME + ": using public hosted zone " + z.id() + " (" + z.name() + ") for " + fqdn);
                return z;
            }
        }
        throw RhoaiException.precondition(NAME + ": no public hosted zone found for " + fqdn,
                "create a public hosted zone for the domain, or set AWS_HOSTED_ZONE_ID");
    }

    /** Where the calls go: the override, or Route 53's global endpoint. */
    String endpoint() {
        return config.endpoint() != null ? config.endpoint().toString() : "https://route53.amazonaws.com";
    }

    /** An answer that is HTTP but lacks a field every Route 53 answer of its kind has: not Route 53 speaking. */
    private static final class NotRoute53 extends RuntimeException {
        NotRoute53(String missing) {
            super("the answer has no " + missing);
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) throw new NotRoute53(field);
        return value;
    }

    /** The SDK could not read the answer as Route 53's XML (an HTML page, JSON, a truncated or binary body). */
    private static boolean unparsable(SdkClientException e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof javax.xml.stream.XMLStreamException) return true;
            String m = t.getMessage();
            if (m != null && (m.startsWith("Unable to unmarshall response") || m.contains("Invalid Http response"))) return true;
        }
        return false;
    }

    /**
     * Something answered that is not the Route 53 API (a wrong endpoint, a proxy's page, a server speaking another
     * protocol): retrying cannot help, and the endpoint is what to check.
     */
    private RhoaiException notRoute53(String what, RuntimeException e) {
        String cause = e instanceof NotRoute53 ? e.getMessage() : Causes.plain(e);
        return new RhoaiException(ErrorKind.REMOTE, NAME + ": " + endpoint() + " did not answer " + what + " as the Route 53 API does ("
                + cause + ")", "check AWS_ENDPOINT_URL_ROUTE53 (unset it for AWS itself) and any proxy between here and Route 53", e);
    }

    /**
     * One API call, retried on throttling, 5xx and network errors with backoff while the deadline allows. The action
     * gets the request override that limits the call to {@link #CALL_TIMEOUT} and to the time left (apiCallTimeout
     * covers the whole call: connecting, sending and reading the answer).
     */
    private <T> T call(String what, Deadline deadline, Function<Consumer<AwsRequestOverrideConfiguration.Builder>, T> action) {
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            Duration limit = deadline.atMost(CALL_TIMEOUT);
            try {
                if (limit.isZero()) throw SdkClientException.create("no time left for the call");
                return action.apply(o -> o.apiCallTimeout(limit));
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                boolean retryable = "Throttling".equals(code) || "ThrottlingException".equals(code)
                        || "PriorRequestNotComplete".equals(code) || e.statusCode() >= 500 || e.isThrottlingException();
                String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
                if (!retryable || attempt >= 8 || deadline.remaining().compareTo(backoff) <= 0) {
                    ErrorKind kind = e.statusCode() == 403 || "InvalidClientTokenId".equals(code) || "AccessDenied".equals(code)
                            ? ErrorKind.PRECONDITION : ErrorKind.REMOTE;
                    throw new RhoaiException(kind, NAME + ": " + what + " failed: " + (code == null ? "" : code + ": ") + message,
                            kind == ErrorKind.PRECONDITION ? "check the AWS credentials and their route53:ChangeResourceRecordSets/GetChange/ListHostedZonesByName permissions"
                                    : "check the AWS service health and retry", e);
                }
                progress.debug(NAME + ": " + what + ": " + code + ", retrying in " + backoff.toMillis() + "ms");
            } catch (NotRoute53 | UncheckedIOException e) {
                throw notRoute53(what, e);
            } catch (SdkClientException e) {
                if (unparsable(e)) throw notRoute53(what, e);
                // a call limited to the time left that ran out of it: the deadline is spent, whatever the clock says
                if (deadline.expired() || (e instanceof ApiCallTimeoutException && limit.compareTo(CALL_TIMEOUT) < 0)) {
                    throw Poller.timedOut("Route 53 to answer " + what, deadline, "no answer (" + e.getMessage() + ")",
                            "check network access to Route 53 (AWS_ENDPOINT_URL_ROUTE53), or raise --timeout");
                }
                if (attempt >= 4 || deadline.remaining().compareTo(backoff) <= 0) {
                    throw new RhoaiException(ErrorKind.REMOTE, NAME + ": " + what + " at " + endpoint() + " failed: " + Causes.plain(e),
                            "check network access to Route 53 (AWS_ENDPOINT_URL_ROUTE53) and the AWS credentials", e);
                }
                progress.debug(NAME + ": " + what + ": " + e.getMessage() + ", retrying in " + backoff.toMillis() + "ms");
            }
            Duration pause = backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
            Poller.pause(deadline.atMost(pause), NAME + " " + what);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
        }
    }
}
