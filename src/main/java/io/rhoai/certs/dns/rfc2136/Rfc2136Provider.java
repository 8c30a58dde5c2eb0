package io.rhoai.certs.dns.rfc2136;

import io.rhoai.certs.dns.AuthoritativeDns;
import io.rhoai.certs.dns.ChallengeRecord;
import io.rhoai.certs.dns.DnsProvider;
import io.rhoai.certs.dns.DnsProviderInfo;
import io.rhoai.certs.dns.DnsProviderInfo.EnvVar;
import io.rhoai.certs.dns.EnvSettings;
import io.rhoai.certs.dns.PropagationTiming;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.secret.SecretSource;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 2136 dynamic updates signed with TSIG (BIND, Knot, PowerDNS, Windows DNS with TSIG). Adds and deletes exactly
 * the challenge value, so a wildcard and its apex sharing one name never remove each other's record.
 */
public final class Rfc2136Provider implements DnsProvider {
    public static final String NAME = "rfc2136";
    /** How long one datagram waits for its answer before it is sent again. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_SENDS = 3;

    /** Variable names follow lego's rfc2136 provider, so existing setups carry over. */
    public static final DnsProviderInfo INFO = new DnsProviderInfo(NAME,
            "RFC 2136 dynamic DNS update signed with a TSIG key (BIND, Knot, PowerDNS)",
            List.of(EnvVar.required("RFC2136_NAMESERVER", "primary server receiving updates, host[:port] (default port 53)"),
                    EnvVar.required("RFC2136_TSIG_KEY", "TSIG key name, e.g. acme-update."),
                    EnvVar.secret("RFC2136_TSIG_SECRET", "TSIG secret (base64); or RFC2136_TSIG_SECRET_FILE naming a file that holds it", true),
                    EnvVar.optional("RFC2136_TSIG_ALGORITHM", "hmac-sha256 (default), hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1, hmac-md5"),
                    EnvVar.optional("RFC2136_ZONE", "zone to update (default: found from the SOA served by RFC2136_NAMESERVER)"),
                    EnvVar.optional("RFC2136_TTL", "TTL of the TXT record in seconds (default 60)"),
                    EnvVar.optional("RFC2136_PROPAGATION_TIMEOUT", "how long to wait for the record on the authoritative servers (default 2m)"),
                    EnvVar.optional("RFC2136_POLLING_INTERVAL", "how often to look (default 500ms)")));

    public record Config(InetSocketAddress server, String keyName, String algorithm, Secret secret, String zone, long ttl,
                         PropagationTiming timing) {
        public static Config fromEnv(Map<String, String> env) {
            EnvSettings s = new EnvSettings(NAME, env);
            String server = s.require("RFC2136_NAMESERVER", "the name server (host[:port])");
            String key = s.require("RFC2136_TSIG_KEY", "the TSIG key name");
            Secret secret;
            try {
                secret = new SecretSource(env).require("TSIG secret", null, "RFC2136_TSIG_SECRET_FILE", "RFC2136_TSIG_SECRET");
            } catch (RhoaiException e) {
                throw RhoaiException.invalid(NAME + ": " + e.getMessage(), e.hint());
            }
            long ttl = s.seconds("RFC2136_TTL", 60);
            return new Config(AuthoritativeDns.parseHostPort(server, 53, NAME + ": RFC2136_NAMESERVER"), key,
                    s.get("RFC2136_TSIG_ALGORITHM", "hmac-sha256"), secret, s.get("RFC2136_ZONE"), ttl,
                    s.timing("RFC2136", PropagationTiming.DEFAULT));
        }
    }

    private final Config config;
    private final TSIG tsig;
    private final Map<String, Name> zoneCache = new ConcurrentHashMap<>();

    public Rfc2136Provider(Config config) {
        this.config = config;
        if (config.server().isUnresolved()) {
            throw RhoaiException.invalid(NAME + ": cannot resolve name server " + config.server().getHostString(), "check RFC2136_NAMESERVER");
        }
        String alg = config.algorithm().toLowerCase().replaceAll("\\.$", "");
        Name algorithm = switch (alg) {
            case "hmac-sha256" -> TSIG.HMAC_SHA256;
            case "hmac-sha512" -> TSIG.HMAC_SHA512;
            case "hmac-sha384" -> TSIG.HMAC_SHA384;
            case "hmac-sha224" -> TSIG.HMAC_SHA224;
            case "hmac-sha1" -> TSIG.HMAC_SHA1;
            case "hmac-md5" -> TSIG.HMAC_MD5;
            default -> throw RhoaiException.invalid(NAME + ": unknown TSIG algorithm '" + config.algorithm() + "'",
                    "set RFC2136_TSIG_ALGORITHM to hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1 or hmac-md5");
        };
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(config.secret().reveal());
        } catch (IllegalArgumentException e) {
            throw RhoaiException.invalid(NAME + ": the TSIG secret (" + config.secret().origin() + ") is not base64",
                    "use the secret from the key file written by tsig-keygen");
        }
        this.tsig = new TSIG(algorithm, AuthoritativeDns.name(config.keyName()), secret);
        if (config.ttl() < 0) throw RhoaiException.invalid(NAME + ": RFC2136_TTL must not be negative", "use seconds, e.g. 60");
    }

    @Override public String name() { return NAME; }

    @Override public PropagationTiming timing() { return config.timing(); }

    @Override
    public void present(ChallengeRecord record, Deadline deadline) {
        send(record, true, deadline);
    }

    @Override
    public void cleanUp(ChallengeRecord record, Deadline deadline) {
        send(record, false, deadline);
    }

    private void send(ChallengeRecord record, boolean add, Deadline deadline) {
        Name zone = zoneFor(record.fqdn(), deadline);
        Update update = new Update(zone);
        TXTRecord txt = new TXTRecord(AuthoritativeDns.name(record.fqdn()), DClass.IN, config.ttl(), record.value());
        if (add) update.add(txt);
        else update.delete(txt);
        Message response = exchange(update, (add ? "adding" : "deleting") + " TXT " + record.fqdn(), deadline);
        int rcode = response.getRcode();
        if (rcode == Rcode.REFUSED || rcode == Rcode.NOTAUTH) {
            throw new RhoaiException(ErrorKind.PRECONDITION, NAME + ": " + config.server().getHostString() + " answered "
                    + Rcode.string(rcode) + " to TSIG key " + config.keyName() + " " + (add ? "adding" : "deleting") + " TXT "
                    + record.fqdn() + " in zone " + zone,
                    "allow key " + config.keyName() + " to update TXT records under " + zone + " (BIND: update-policy grant), or check RFC2136_TSIG_KEY/RFC2136_ZONE");
        }
        if (rcode != Rcode.NOERROR) {
            throw new RhoaiException(ErrorKind.REMOTE, NAME + ": " + config.server().getHostString() + " answered " + Rcode.string(rcode)
                    + " " + (add ? "adding" : "deleting") + " TXT " + record.fqdn() + " in zone " + zone, "check the server's log");
        }
    }

    private Name zoneFor(String fqdn, Deadline deadline) {
        if (config.zone() != null) return AuthoritativeDns.name(config.zone());
        Name name = AuthoritativeDns.name(fqdn);
        for (int strip = 0; strip < name.labels() - 1; strip++) {
            Name candidate = strip == 0 ? name : new Name(name, strip);
            Name cached = zoneCache.get(candidate.toString());
            if (cached != null) return cached;
            Message m = exchange(Message.newQuery(Record.newRecord(candidate, Type.SOA, DClass.IN)), "looking up the zone of " + fqdn, deadline);
            for (Record r : m.getSection(Section.ANSWER)) {
                if (r instanceof SOARecord) {
                    zoneCache.put(candidate.toString(), r.getName());
                    return r.getName();
                }
            }
            for (Record r : m.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord && name.subdomain(r.getName())) return r.getName();
            }
        }
        throw RhoaiException.invalid(NAME + ": " + config.server().getHostString() + " serves no zone containing " + fqdn,
                "set RFC2136_ZONE or point RFC2136_NAMESERVER at the zone's primary");
    }

    /**
     * A server that does not accept the TSIG key answers NOTAUTH with the reason in the TSIG record (RFC 8945 §5.2):
     * BADKEY (it has no key of that name and algorithm), BADSIG (the secret differs) or BADTIME (the clocks differ).
     * Without this check the answer to the zone lookup carries no SOA and reads as "serves no zone".
     */
    private void rejectedKey(Message response, String what) {
        TSIGRecord answer = response.getTSIG();
        int error = answer == null ? Rcode.NOERROR : answer.getError();
        if (error == Rcode.NOERROR) return; // a NOTAUTH without a TSIG error means "not authoritative": the caller's case
        String server = config.server().getHostString() + ":" + config.server().getPort();
        String reason = switch (error) {
            case Rcode.BADKEY -> "BADKEY: the server has no key of that name and algorithm";
            case Rcode.BADSIG -> "BADSIG: the secret does not match the server's";
            case Rcode.BADTIME -> "BADTIME: this machine's clock differs from the server's";
            default -> Rcode.TSIGstring(error);
        };
        throw new RhoaiException(ErrorKind.PRECONDITION, NAME + ": " + server + " rejected TSIG key " + config.keyName()
                + " (" + config.algorithm() + ") " + what + ": " + reason,
                error == Rcode.BADTIME ? "synchronise this machine's clock (NTP), then retry"
                        : "check RFC2136_TSIG_KEY, RFC2136_TSIG_SECRET and RFC2136_TSIG_ALGORITHM against the key the server has");
    }

    /**
     * One signed request/response over a plain blocking UDP socket. Deliberately not dnsjava's resolver: that one runs
     * on a shared NIO selector that closes itself in a JVM shutdown hook, and our clean-up must still work from the
     * Ctrl-C hook. A lost datagram is sent again (at most {@value #MAX_SENDS} sends); each waits for its answer at most
     * {@link #ANSWER_TIMEOUT} and never past the deadline.
     */
    private Message exchange(Message message, String what, Deadline deadline) {
        tsig.apply(message, null);
        TSIGRecord requestTsig = message.getTSIG();
        byte[] request = message.toWire(65535);
        IOException last = null;
        boolean cutByDeadline = false; // the last wait for an answer was shortened to the time left, and ran out
        for (int sends = 0; sends < MAX_SENDS && !cutByDeadline && !deadline.expired(); sends++) {
            Duration wait = deadline.atMost(ANSWER_TIMEOUT);
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
                socket.connect(config.server());
                socket.send(new DatagramPacket(request, request.length));
                byte[] buf = new byte[65535];
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buf, buf.length);
                    socket.receive(packet);
                    byte[] wire = Arrays.copyOf(buf, packet.getLength());
                    Message response = new Message(wire);
                    if (response.getHeader().getID() != message.getHeader().getID()) continue; // a stray late answer
                    rejectedKey(response, what);
                    if (response.getRcode() == Rcode.NOERROR && tsig.verify(response, wire, requestTsig) != Rcode.NOERROR) {
                        throw new RhoaiException(ErrorKind.PRECONDITION, NAME + ": the answer of " + config.server().getHostString()
                                + " " + what + " is not signed with TSIG key " + config.keyName(),
                                "check RFC2136_TSIG_KEY, RFC2136_TSIG_SECRET and RFC2136_TSIG_ALGORITHM");
                    }
                    return response;
                }
            } catch (IOException e) {
                last = e;
                cutByDeadline = e instanceof java.net.SocketTimeoutException && wait.compareTo(ANSWER_TIMEOUT) < 0;
            }
        }
        String server = config.server().getHostString() + ":" + config.server().getPort();
        String cause = last == null ? "no time left to ask" : last.getMessage();
        if (cutByDeadline || deadline.expired()) {
            throw Poller.timedOut("an answer from " + server + " (" + NAME + ", " + what + ")", deadline, "no answer (" + cause + ")",
                    "check RFC2136_NAMESERVER and that the server accepts updates, or raise --timeout");
        }
        throw new RhoaiException(ErrorKind.REMOTE, NAME + ": no answer from " + server + " " + what + ": " + cause,
                "check RFC2136_NAMESERVER and that the server accepts updates", last);
    }
}
