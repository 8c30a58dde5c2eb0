package io.rhoai.certs.dns;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Durations;
import io.rhoai.core.time.Poller;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the zone's own authoritative name servers (not a cache) whether a TXT record is published: finds the zone by
 * walking up the name for its SOA, looks up the zone's NS records, and queries each server directly with recursion off.
 * Environment: {@code RHOAI_DNS_RESOLVERS} (comma-separated host[:port], default: the system's resolvers) for the SOA/NS
 * lookups, {@code RHOAI_DNS_AUTHORITATIVE_PORT} (default 53) for the queries to the authoritative servers.
 * Every query waits at most {@link #QUERY_TIMEOUT} and never past the caller's {@link Deadline}.
 */
public final class AuthoritativeDns {
    public static final String RESOLVERS_ENV = "RHOAI_DNS_RESOLVERS";
    public static final String AUTH_PORT_ENV = "RHOAI_DNS_AUTHORITATIVE_PORT";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

    private final Resolver resolver;
    private final int authoritativePort;
    private final Map<String, Zone> zones = new ConcurrentHashMap<>();

    /** A zone and the addresses of its authoritative servers. */
    public record Zone(String name, List<InetSocketAddress> servers) { }

    public AuthoritativeDns(Resolver resolver, int authoritativePort) {
        this.resolver = resolver;
        this.authoritativePort = authoritativePort;
    }

    public static AuthoritativeDns fromEnv(Map<String, String> env) {
        String list = env.get(RESOLVERS_ENV);
        Resolver resolver;
        if (list == null || list.isBlank()) {
            resolver = new ExtendedResolver();
        } else {
            List<Resolver> rs = new ArrayList<>();
            for (String hp : list.split(",")) rs.add(simple(parseHostPort(hp.strip(), 53, RESOLVERS_ENV)));
            resolver = rs.size() == 1 ? rs.get(0) : new ExtendedResolver(rs);
        }
        resolver.setTimeout(QUERY_TIMEOUT);
        int port = 53;
        String p = env.get(AUTH_PORT_ENV);
        if (p != null && !p.isBlank()) {
            try {
                port = Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                throw RhoaiException.invalid(AUTH_PORT_ENV + "=" + p + " is not a port number", "use a number such as 53");
            }
        }
        return new AuthoritativeDns(resolver, port);
    }

    public static InetSocketAddress parseHostPort(String text, int defaultPort, String what) {
        String host = text;
        int port = defaultPort;
        if (text.startsWith("[")) { // [::1]:53
            int end = text.indexOf(']');
            host = text.substring(1, end);
            if (text.length() > end + 2) port = Integer.parseInt(text.substring(end + 2));
        } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            try {
                port = Integer.parseInt(text.substring(text.indexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw RhoaiException.invalid(what + ": '" + text + "' has no valid port", "use host:port, e.g. 127.0.0.1:53");
            }
        }
        return new InetSocketAddress(host, port);
    }

    static SimpleResolver simple(InetSocketAddress address) {
        SimpleResolver r = new SimpleResolver(address);
        r.setTimeout(QUERY_TIMEOUT);
        return r;
    }

    /** The zone holding {@code fqdn}: the closest enclosing name that has an SOA record, with its servers. */
    public Zone zoneOf(String fqdn, Deadline deadline) {
        Name name = name(fqdn);
        for (int labels = name.labels(); labels >= 2; labels--) {
            Name candidate = labels == name.labels() ? name : new Name(name, name.labels() - labels);
            String key = candidate.toString();
            Zone cached = zones.get(key);
            if (cached != null) return cached;
            Message response = query(resolver, candidate, Type.SOA, deadline);
            for (Record r : response.getSection(Section.ANSWER)) {
                if (r instanceof SOARecord && r.getName().equals(candidate)) {
                    Zone zone = new Zone(key, servers(candidate, deadline));
                    zones.put(key, zone);
                    return zone;
                }
            }
            // an NXDOMAIN/NODATA answer names the zone in its authority section: jump straight there
            for (Record r : response.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord && name.subdomain(r.getName()) && !r.getName().equals(candidate)) {
                    Zone zone = new Zone(r.getName().toString(), servers(r.getName(), deadline));
                    zones.put(zone.name(), zone);
                    return zone;
                }
            }
        }
        throw new RhoaiException(ErrorKind.REMOTE, "DNS: no zone (SOA record) found for " + fqdn,
                "check that the domain is delegated, or set " + RESOLVERS_ENV + " to a resolver that knows it");
    }

    private List<InetSocketAddress> servers(Name zone, Deadline deadline) {
        Message ns = query(resolver, zone, Type.NS, deadline);
        Set<Name> hosts = new LinkedHashSet<>();
        for (Record r : ns.getSection(Section.ANSWER)) if (r instanceof NSRecord n) hosts.add(n.getTarget());
        if (hosts.isEmpty()) {
            throw new RhoaiException(ErrorKind.REMOTE, "DNS: zone " + zone + " has no NS records", "check the zone's delegation");
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (Name host : hosts) {
            Set<InetAddress> addresses = new LinkedHashSet<>();
            // glue in the additional section first, then ask for A and AAAA
            for (Record r : ns.getSection(Section.ADDITIONAL)) {
                if (r.getName().equals(host) && r instanceof ARecord a) addresses.add(a.getAddress());
                if (r.getName().equals(host) && r instanceof AAAARecord a) addresses.add(a.getAddress());
            }
            if (addresses.isEmpty()) {
                for (Record r : query(resolver, host, Type.A, deadline).getSection(Section.ANSWER)) if (r instanceof ARecord a) addresses.add(a.getAddress());
                for (Record r : query(resolver, host, Type.AAAA, deadline).getSection(Section.ANSWER)) if (r instanceof AAAARecord a) addresses.add(a.getAddress());
            }
            for (InetAddress a : addresses) out.add(new InetSocketAddress(a, authoritativePort));
        }
        if (out.isEmpty()) {
            throw new RhoaiException(ErrorKind.REMOTE, "DNS: the name servers of " + zone + " (" + hosts + ") have no addresses",
                    "check the NS host names' A/AAAA records");
        }
        return List.copyOf(out);
    }

    /** TXT values served for {@code fqdn} by one authoritative server (recursion off). */
    public Set<String> txtValues(InetSocketAddress server, String fqdn, Deadline deadline) throws IOException {
        Message response = send(simple(server), newQuery(name(fqdn), Type.TXT, false), deadline);
        Set<String> values = new LinkedHashSet<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof TXTRecord t) values.add(String.join("", t.getStrings()));
        }
        return values;
    }

    /**
     * Waits until every authoritative server of each record's zone serves the record's value, for the provider's
     * propagation timeout within what is left of the run. A server that cannot be reached at all (e.g. an IPv6 address
     * on a host without IPv6) is skipped as long as another server of the zone answers.
     */
    public void awaitVisible(Collection<ChallengeRecord> records, PropagationTiming timing, Deadline run, Progress progress) {
        Deadline deadline = run.within(timing.timeout());
        Map<ChallengeRecord, Zone> byRecord = new LinkedHashMap<>();
        for (ChallengeRecord r : records) byRecord.put(r, zoneOf(r.fqdn(), deadline));
        Duration interval = timing.interval().isZero() ? Duration.ofMillis(100) : timing.interval();
        Awaited<List<String>> visible = new Awaited<>(
                "TXT record(s) " + records.stream().map(ChallengeRecord::fqdn).distinct().toList() + " on the authoritative name servers",
                "raise the provider's propagation timeout or --timeout, and check the provider's zone",
                () -> missing(byRecord, deadline, progress), List::isEmpty, m -> "missing " + String.join(", ", m));
        new Poller(interval, interval, null, progress).await(visible, deadline);
    }

    /** One look at every server of every record's zone: what is not served yet, and where. */
    private List<String> missing(Map<ChallengeRecord, Zone> byRecord, Deadline deadline, Progress progress) {
        List<String> missing = new ArrayList<>();
        for (var e : byRecord.entrySet()) {
            int answered = 0;
            List<String> unreachable = new ArrayList<>();
            for (InetSocketAddress server : e.getValue().servers()) {
                try {
                    Set<String> values = txtValues(server, e.getKey().fqdn(), deadline);
                    answered++;
                    if (!values.contains(e.getKey().value())) missing.add(e.getKey().fqdn() + " on " + show(server));
                } catch (IOException ex) {
                    unreachable.add(show(server) + " (" + ex.getMessage() + ")");
                }
            }
            if (answered == 0) missing.add(e.getKey().fqdn() + ": no authoritative server answered: " + unreachable);
            else if (!unreachable.isEmpty()) progress.debug("DNS: skipped unreachable " + unreachable);
        }
        return missing;
    }

    private static String show(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static Message newQuery(Name name, int type, boolean recursion) {
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (!recursion) q.getHeader().unsetFlag(Flags.RD);
        return q;
    }

    private static Message query(Resolver resolver, Name name, int type, Deadline deadline) {
        try {
            Message m = send(resolver, newQuery(name, type, true), deadline);
            int rcode = m.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                throw new RhoaiException(ErrorKind.REMOTE, "DNS: " + Type.string(type) + " " + name + " answered " + Rcode.string(rcode),
                        "check " + RESOLVERS_ENV + " or the system resolver");
            }
            return m;
        } catch (IOException e) {
            if (e instanceof CutByDeadline || deadline.expired()) {
                throw Poller.timedOut("the DNS " + Type.string(type) + " lookup of " + name, deadline, "no answer (" + e.getMessage() + ")",
                        "check network access to the resolver (" + RESOLVERS_ENV + "), or raise --timeout");
            }
            throw new RhoaiException(ErrorKind.REMOTE, "DNS: " + Type.string(type) + " lookup of " + name + " failed: " + e.getMessage(),
                    "check network access to the resolver (" + RESOLVERS_ENV + ")", e);
        }
    }

    /**
     * One query, waiting at most {@link #QUERY_TIMEOUT} and never past the deadline, whatever the resolver's own timeout
     * and retries would allow; a query still in flight then runs out on its own timeout in dnsjava's background thread.
     */
    private static Message send(Resolver resolver, Message query, Deadline deadline) throws IOException {
        Duration limit = deadline.atMost(QUERY_TIMEOUT);
        try {
            return resolver.sendAsync(query).toCompletableFuture().get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String message = "no answer within " + Durations.format(Duration.ofMillis(limit.toMillis()));
            throw limit.compareTo(QUERY_TIMEOUT) < 0 ? new CutByDeadline(message) : new SocketTimeoutException(message);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause() == null ? e.toString() : e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while waiting for a DNS answer", null, e);
        }
    }

    /** A query that got no answer in what was left of the deadline: the deadline is spent, not the server judged. */
    private static final class CutByDeadline extends SocketTimeoutException {
        CutByDeadline(String message) {
            super(message);
        }
    }

    public static Name name(String fqdn) {
        try {
            return Name.fromString(fqdn.endsWith(".") ? fqdn : fqdn + ".");
        } catch (TextParseException e) {
            throw RhoaiException.invalid("'" + fqdn + "' is not a valid DNS name", "check the domain");
        }
    }
}
