package io.rhoai.certs.acme;

import io.rhoai.certs.dns.AuthoritativeDns;
import io.rhoai.certs.dns.ChallengeRecord;
import io.rhoai.certs.dns.DnsProvider;
import io.rhoai.certs.dns.DnsProviders;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.Causes;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.io.AtomicFiles;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUnauthorizedException;
import org.shredzone.acme4j.util.CSRBuilder;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Issues one certificate for all requested names with ACME DNS-01: account (key per server, kept in the state
 * directory), order, every challenge record presented concurrently, visibility on the zone's authoritative servers
 * checked before the challenges are triggered, polling that honours Retry-After, finalize with a fresh key's CSR,
 * full chain stored as a new version. Challenge records are removed in every outcome (also on Ctrl-C).
 *
 * <p>One {@link Deadline} bounds the run: every wait, every retry and every single request (ACME over HTTP, DNS
 * queries, the provider's API calls) ends by it, so a peer that accepts and never answers costs the budget, not more.
 */
public final class CertificateIssuer {
    public static final List<String> KEY_TYPES = List.of("ec-p256", "rsa-2048", "rsa-4096");
    private static final Pattern DOMAIN = Pattern.compile("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final URI BAD_NONCE = URI.create("urn:ietf:params:acme:error:badNonce");
    private static final URI EAB_REQUIRED = URI.create("urn:ietf:params:acme:error:externalAccountRequired");
    private static final URI SERVER_INTERNAL = URI.create("urn:ietf:params:acme:error:serverInternal");
    /** The longest one ACME request may take (acme4j's own default); less when less of the run is left. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String NETWORK_HINT = "check the network, --acme-server and --acme-ca-file";

    // No BouncyCastle JCA provider: acme4j signs its requests and rhoai's CSRs with the JDK's providers, keys come from
    // the JDK (ecP256, KeyPairUtils' RSA), bcpkix reads and writes PEM without it (JcaPEMKeyConverter falls back from
    // "ECDSA" to the JDK's "EC"), and acme4j's Certificate uses BC for a digest only when it is registered. Registering
    // it cost a run about 0.4 s of CPU (EC curve tables, jar verification). The native binary still registers it
    // (quarkus-security, profile native in pom.xml).

    private final Progress progress;
    private final Clock clock;
    private final BiFunction<IssueRequest, Progress, DnsProvider> providers;
    private final Function<IssueRequest, AuthoritativeDns> dns;
    /**
     * Polls ACME resources: fast at first (validations typically finish within a few seconds, and a late poll costs a
     * whole interval), growing gently to a second.
     */
    private final Poller poller;
    /** The directory of the run in progress, for messages (an issuer runs one issue at a time). */
    private volatile URI server;

    public CertificateIssuer(Progress progress, Clock clock) {
        this(progress, clock, (r, p) -> DnsProviders.create(r.dnsProvider(), r.env(), p), r -> AuthoritativeDns.fromEnv(r.env()));
    }

    /** For tests and other front ends: how the DNS provider and the authoritative-server checker are made. */
    public CertificateIssuer(Progress progress, Clock clock, BiFunction<IssueRequest, Progress, DnsProvider> providers,
                             Function<IssueRequest, AuthoritativeDns> dns) {
        this.progress = progress;
        this.clock = clock;
        this.providers = providers;
        this.dns = dns;
        this.poller = Poller.system(Duration.ofMillis(50), Duration.ofSeconds(1), progress);
    }

    /**
     * The EAB HMAC key must be base64url (CAs hand it out so); checked on dry runs too, because acme4j would only fail
     * on it mid-run with an internal error. The key is never quoted, only where it came from.
     */
    private static void eabKey(Secret key) {
        String v = key.reveal().strip();
        String bare = v.endsWith("==") ? v.substring(0, v.length() - 2) : v.endsWith("=") ? v.substring(0, v.length() - 1) : v;
        boolean ok = !bare.isEmpty() && bare.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')
                && bare.length() % 4 != 1;
        if (ok) {
            try {
                ok = java.util.Base64.getUrlDecoder().decode(bare).length > 0;
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw RhoaiException.invalid("the EAB HMAC key (" + key.origin() + ") is not base64url"
                            + (bare.length() % 4 == 1 ? " (its length is impossible for base64: a character is missing or extra)" : ""),
                    "copy the HMAC key from your CA account again: letters, digits, '-' and '_' only");
        }
    }

    /** Issues within {@code request.timeout()}, counted from now. */
    public IssueResult issue(IssueRequest request) {
        List<String> domains = validate(request);
        return issue(request, domains, Deadline.in(request.timeout(), clock));
    }

    /** Issues within {@code deadline}: the budget of a larger run (renew issues, then installs with what is left). */
    public IssueResult issue(IssueRequest request, Deadline deadline) {
        return issue(request, validate(request), deadline);
    }

    private IssueResult issue(IssueRequest request, List<String> domains, Deadline deadline) {
        Duration before = deadline.elapsed();
        URI directory = AcmeServers.directory(request.acmeServer());
        this.server = directory;
        Path accountDir = AcmeServers.accountDir(request.stateDir(), directory);
        DnsProvider provider = providers.apply(request, progress); // validates the provider's configuration, also on dry-run
        CertificateStore store = new CertificateStore(request.stateDir(), clock);
        List<String> plan = plan(request, domains, directory, accountDir, provider, store);
        if (request.dryRun()) {
            return new IssueResult(request.profileName(), domains, null, true, directory.toString(), null,
                    deadline.elapsed().minus(before), plan);
        }
        // the state root holds keys: make it and the directories this run writes private, and say so when they were not
        AtomicFiles.privateDirectory(request.stateDir(), accountDir).forEach(progress::warn);
        AtomicFiles.privateDirectory(request.stateDir(), store.profileDir(request.profileName())).forEach(progress::warn);
        // work that does not depend on the CA runs while the account and order round trips are in flight:
        // the certificate key (RSA-4096 takes seconds) and the zone/name-server lookups for the propagation check
        CompletableFuture<KeyPair> domainKeyFuture = CompletableFuture.supplyAsync(() -> newKey(keyType(request)));
        AuthoritativeDns authoritative = dns.apply(request);
        CompletableFuture<Void> zonesFuture = CompletableFuture.runAsync(() -> {
            for (String d : domains) authoritative.zoneOf(Dns01Challenge.toRRName(d.startsWith("*.") ? d.substring(2) : d), deadline);
        });
        try {
            Session session = new Session(directory, new TrustingAcmeProvider(request.acmeCaFile(), deadline));
            session.setLocale(Locale.ENGLISH);
            session.networkSettings().setTimeout(REQUEST_TIMEOUT);
            Login login = account(request, session, accountDir, deadline);
            String account = login.getAccountLocation().toString();

            progress.step("Ordering a certificate for " + String.join(", ", domains));
            Order order = acme("create the order", deadline, () -> login.newOrder().domains(domains).create());
            try {
                zonesFuture.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw e;
            }
            authorize(order, provider, authoritative, deadline);

            KeyPair domainKey = domainKeyFuture.join();
            finalizeOrder(order, domains, domainKey, deadline);
            Certificate certificate = order.getCertificate();
            acme("download the certificate", deadline, () -> {
                certificate.download();
                return null;
            });
            StoredCertificate stored = store.save(request.profileName(), certificate.getCertificateChain(), domainKey.getPrivate());
            progress.done("Stored certificate " + stored.version() + " (valid until " + stored.notAfter() + ") in " + stored.directory());
            return new IssueResult(request.profileName(), domains, stored, false, directory.toString(), account,
                    deadline.elapsed().minus(before), plan);
        } catch (RhoaiException e) {
            domainKeyFuture.cancel(true);
            throw e.kind() == ErrorKind.INTERRUPTED
                    ? new RhoaiException(ErrorKind.INTERRUPTED, e.getMessage() + " while issuing the certificate; challenge records were removed", null, e)
                    : e;
        }
    }

    private List<String> plan(IssueRequest request, List<String> domains, URI directory, Path accountDir, DnsProvider provider,
                              CertificateStore store) {
        List<String> plan = new ArrayList<>();
        plan.add("ACME server " + directory);
        plan.add((AccountKeys.exists(accountDir) ? "reuse the account of key " : "create account key ")
                + accountDir.resolve(AccountKeys.FILE) + (request.eabKid() == null ? "" : " (external account binding, key id " + request.eabKid() + ")"));
        plan.add("order one " + keyType(request) + " certificate for " + String.join(", ", domains));
        Set<String> records = new LinkedHashSet<>();
        for (String d : domains) records.add(Dns01Challenge.toRRName(d.startsWith("*.") ? d.substring(2) : d));
        plan.add("publish DNS-01 TXT records via " + provider.name() + ": " + String.join(", ", records));
        plan.add("wait until the zone's authoritative name servers serve them, then ask the CA to validate");
        plan.add("store the chain and a new private key as a new version under " + store.profileDir(request.profileName())
                + " and make it current");
        plan.add("remove the TXT records");
        return plan;
    }

    private Login account(IssueRequest request, Session session, Path accountDir, Deadline deadline) {
        AccountKeys.Loaded key = AccountKeys.loadOrCreate(accountDir); // on disk before the server hears of it
        progress.step((key.existed() ? "Using the ACME account of " : "Registering a new ACME account with key ") + key.file());
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key.keyPair());
        if (request.email() != null && !request.email().isBlank()) builder.addEmail(request.email().strip());
        if (request.eabKid() != null) {
            if (request.eabHmacKey() == null) {
                throw RhoaiException.invalid("--eab-kid is set but the EAB HMAC key is missing", "pass --eab-hmac-key-file or set RHOAI_EAB_HMAC_KEY");
            }
            builder.withKeyIdentifier(request.eabKid(), request.eabHmacKey().reveal());
        }
        Login login = acme("register the ACME account", deadline, () -> builder.createLogin(session));
        progress.done("ACME account " + login.getAccountLocation());
        return login;
    }

    private static KeyPair newKey(String keyType) {
        return switch (keyType) {
            case "rsa-2048" -> KeyPairUtils.createKeyPair(2048);
            case "rsa-4096" -> KeyPairUtils.createKeyPair(4096);
            default -> ecP256();
        };
    }

    /** P-256 from the JDK's own provider (already loaded for TLS); acme4j's helper would load BouncyCastle's EC classes. */
    static KeyPair ecP256() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            return KeyPairUtils.createECKeyPair("secp256r1");
        }
    }

    private void authorize(Order order, DnsProvider provider, AuthoritativeDns authoritative, Deadline deadline) {
        List<Authorization> pending = new ArrayList<>();
        List<Dns01Challenge> challenges = new ArrayList<>();
        List<ChallengeRecord> records = new ArrayList<>();
        for (Authorization auth : order.getAuthorizations()) {
            Status status = auth.getStatus();
            if (status == Status.VALID) {
                progress.info(auth.getIdentifier().getDomain() + ": already authorized");
                continue;
            }
            if (status != Status.PENDING) {
                throw remote("authorization of " + auth.getIdentifier().getDomain() + " is " + status, problemOf(auth), null);
            }
            Dns01Challenge challenge = auth.findChallenge(Dns01Challenge.class).orElseThrow(() -> RhoaiException.precondition(
                    "the ACME server offers no dns-01 challenge for " + auth.getIdentifier().getDomain(),
                    "use an ACME server that supports DNS-01"));
            String domain = (auth.isWildcard() ? "*." : "") + auth.getIdentifier().getDomain();
            records.add(new ChallengeRecord(Dns01Challenge.toRRName(auth.getIdentifier()), challenge.getDigest(), domain));
            pending.add(auth);
            challenges.add(challenge);
        }
        if (records.isEmpty()) return;
        // registered before presenting, so a half-finished present is cleaned up too
        try (PendingCleanup cleanup = new PendingCleanup(provider, records, progress)) {
            progress.step("Publishing " + records.size() + " TXT record(s) via " + provider.name());
            provider.presentAll(records, deadline);
            progress.step("Waiting for the records on the authoritative name servers");
            authoritative.awaitVisible(records, provider.timing(), deadline, progress);
            progress.step("Asking the CA to validate " + records.size() + " challenge(s)");
            for (Dns01Challenge c : challenges) {
                acme("trigger the challenge", deadline, () -> {
                    c.trigger();
                    return null;
                });
            }
            for (Authorization auth : pending) {
                Status s = poll(auth, auth::getStatus, Set.of(Status.VALID, Status.INVALID, Status.DEACTIVATED, Status.EXPIRED, Status.REVOKED),
                        "validation of " + auth.getIdentifier().getDomain(), deadline);
                if (s != Status.VALID) {
                    throw remote("the CA did not validate " + auth.getIdentifier().getDomain() + " (" + s + ")", problemOf(auth),
                            "check that the TXT record is served publicly by the zone's name servers");
                }
            }
            progress.done("All names validated");
        }
    }

    private void finalizeOrder(Order order, List<String> domains, KeyPair domainKey, Deadline deadline) {
        Status s = poll(order, order::getStatus, Set.of(Status.READY, Status.VALID, Status.INVALID, Status.PROCESSING), "the order to be ready", deadline);
        if (s == Status.INVALID) throw remote("the order became invalid", order.getError().orElse(null), null);
        if (s == Status.READY) {
            byte[] csr;
            try {
                CSRBuilder builder = new CSRBuilder();
                builder.addDomains(domains);
                builder.sign(domainKey);
                csr = builder.getEncoded();
            } catch (IOException e) {
                throw new RhoaiException(ErrorKind.INTERNAL, "cannot build the CSR: " + e.getMessage(), null, e);
            }
            progress.step("Finalizing the order");
            acme("finalize the order", deadline, () -> {
                try {
                    order.execute(csr);
                } catch (AcmeServerException e) {
                    // a retried finalize whose first attempt got through: the order has moved on
                    order.fetch();
                    if (order.getStatus() != Status.PROCESSING && order.getStatus() != Status.VALID) throw e;
                }
                return null;
            });
        }
        s = poll(order, order::getStatus, Set.of(Status.VALID, Status.INVALID), "the certificate to be issued", deadline);
        if (s != Status.VALID) throw remote("the CA did not issue the certificate (" + s + ")", order.getError().orElse(null), null);
    }

    /**
     * Fetches until a terminal status, bounded by the deadline. Not {@link Poller#await}: the server may say when to
     * look again (Retry-After), and that wins over the growing interval; a server asking to wait past the deadline
     * ends the wait at once, since looking earlier would not be answered differently.
     */
    private Status poll(AcmeJsonResource resource, Supplier<Status> status, Set<Status> terminal, String what, Deadline deadline) {
        Poller.StateReporter reporter = new Poller.StateReporter(what, progress, deadline);
        Duration interval = poller.initial();
        while (true) {
            Status s = status.get();
            if (terminal.contains(s)) return s;
            Optional<Instant> retryAfter = acme("poll " + what, deadline, resource::fetch);
            s = status.get();
            if (terminal.contains(s)) return s;
            String state = s + retryAfter.map(t -> " (the server asked to look again at " + t + ")").orElse("");
            reporter.saw(state);
            Duration wait = retryAfter.map(t -> Duration.between(clock.instant(), t)).filter(d -> !d.isNegative()).orElse(interval);
            if (wait.compareTo(deadline.remaining()) >= 0) throw Poller.timedOut(what, deadline, state, "raise --timeout");
            poller.sleep(wait, what);
            interval = poller.next(interval);
        }
    }

    @FunctionalInterface
    private interface AcmeCall<T> {
        T call() throws AcmeException;
    }

    /**
     * Runs one ACME exchange, retrying what a retry can fix (network errors, badNonce, serverInternal/5xx) while the
     * deadline allows. Each request is limited to what is left of the deadline ({@link TrustingAcmeProvider}), so a
     * server that never answers ends the run when the budget is spent: a timeout naming the exchange.
     */
    private <T> T acme(String what, Deadline deadline, AcmeCall<T> call) {
        String awaited = "the ACME server to " + what;
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (AcmeRateLimitedException e) {
                throw remote("rate limited by the CA while trying to " + what, e.getProblem(),
                        "wait until " + e.getRetryAfter().map(Instant::toString).orElse("the limit resets") + ", or use --staging while testing");
            } catch (AcmeUnauthorizedException e) {
                throw new RhoaiException(ErrorKind.PRECONDITION, "the CA refused to " + what + ": " + detail(e.getProblem()),
                        "check the account (EAB key id/HMAC key, terms of service) and that the names are allowed", e);
            } catch (AcmeServerException e) {
                if (EAB_REQUIRED.equals(e.getType())) {
                    throw new RhoaiException(ErrorKind.PRECONDITION, "the CA refused to " + what + ": " + detail(e.getProblem()),
                            "this CA requires External Account Binding: pass --eab-kid and --eab-hmac-key-file (or RHOAI_EAB_HMAC_KEY) from your CA account", e);
                }
                boolean retryable = BAD_NONCE.equals(e.getType()) || SERVER_INTERNAL.equals(e.getType());
                if (!retryable || attempt >= 6 || deadline.remaining().compareTo(backoff) <= 0) {
                    throw remote("the CA refused to " + what, e.getProblem(), null);
                }
                progress.debug(what + ": " + e.getType() + ", retrying");
            } catch (AcmeNetworkException e) {
                String notAcme = notTls(e);
                if (notAcme != null) throw notAcme(what, notAcme, e);
                if (untrustedTls(e)) { // retrying cannot fix trust
                    throw new RhoaiException(ErrorKind.PRECONDITION, "the TLS certificate of the ACME server is not trusted (" + what + ")",
                            "for a private ACME server pass --acme-ca-file <CA PEM>; otherwise check for a TLS-intercepting proxy", e);
                }
                String cause = Causes.plain(e);
                if (deadline.expired() || (timedOutRequest(e) && deadline.remaining().compareTo(backoff) <= 0)) {
                    throw Poller.timedOut(awaited, deadline, "no answer (" + cause + ")", NETWORK_HINT + ", or raise --timeout");
                }
                if (attempt >= 6 || deadline.remaining().compareTo(backoff) <= 0) {
                    throw new RhoaiException(ErrorKind.REMOTE, "cannot reach the ACME server " + server + " to " + what + ": " + cause, NETWORK_HINT, e);
                }
                progress.debug(what + ": network error " + cause + ", retrying");
            } catch (AcmeException e) {
                // e.g. HTTP 5xx without a problem document
                if (attempt >= 6 || deadline.remaining().compareTo(backoff) <= 0) {
                    throw new RhoaiException(ErrorKind.REMOTE, "ACME: cannot " + what + ": " + e.getMessage(), "retry later", e);
                }
                progress.debug(what + ": " + e.getMessage() + ", retrying");
            } catch (org.shredzone.acme4j.exception.AcmeProtocolException | java.io.UncheckedIOException e) {
                throw notAcme(what, Causes.plain(e), e);
            }
            poller.sleep(backoff, awaited);
            backoff = backoff.multipliedBy(2);
        }
    }

    /** The request ran into its time limit (which is at most what was left of the deadline). */
    private static boolean timedOutRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) return true;
        }
        return false;
    }

    /**
     * The certificate check failed. A handshake the peer broke off (it closed, or answered in plain text) is not a trust
     * problem, so only a certificate error in the chain counts.
     */
    private static boolean untrustedTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    /** Why the peer is not a TLS server at all (it answered in plain text, or with bytes that are no TLS record), or null. */
    private static String notTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof javax.net.ssl.SSLException && (m.contains("plaintext connection") || m.contains("not an SSL/TLS record")
                    || m.contains("Unsupported or unrecognized SSL message"))) {
                return "it does not speak TLS: " + m.lines().findFirst().orElse("");
            }
        }
        return null;
    }

    /**
     * Something answered that is not an ACME server (a web page, another protocol, a truncated or unreadable answer):
     * retrying cannot help, and the directory URL is what to check.
     */
    private RhoaiException notAcme(String what, String cause, Throwable e) {
        return new RhoaiException(ErrorKind.REMOTE, "the ACME server " + server + " did not answer as ACME servers do (trying to " + what
                + "): " + cause.lines().findFirst().orElse("").strip(),
                "check --acme-server is the CA's ACME directory URL (https://host/directory) and that no proxy answers in its place", e);
    }

    private static RhoaiException remote(String message, Problem problem, String hint) {
        return new RhoaiException(ErrorKind.REMOTE, message + (problem == null ? "" : ": " + detail(problem)), hint);
    }

    private static String detail(Problem p) {
        if (p == null) return "no details";
        String d = p.getDetail().orElse(p.getTitle().orElse(p.getType().toString()));
        if (!p.getSubProblems().isEmpty()) {
            List<String> subs = new ArrayList<>();
            for (Problem s : p.getSubProblems()) subs.add(s.getIdentifier().map(i -> i.getValue() + ": ").orElse("") + s.getDetail().orElse(""));
            d += " [" + String.join("; ", subs) + "]";
        }
        return d + " (" + p.getType() + ")";
    }

    private static Problem problemOf(Authorization auth) {
        return auth.getChallenges().stream().map(c -> c.getError().orElse(null)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    static String keyType(IssueRequest r) {
        return r.keyType() == null || r.keyType().isBlank() ? "ec-p256" : r.keyType().strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> validate(IssueRequest r) {
        if (r.domains() == null || r.domains().isEmpty()) {
            throw RhoaiException.invalid("no names to issue a certificate for", "pass --cluster <profile> or --domain <name> (repeatable)");
        }
        List<String> out = new ArrayList<>();
        for (String d : r.domains()) {
            String n = d.strip().toLowerCase(Locale.ROOT);
            if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
            if (!DOMAIN.matcher(n).matches() || n.length() > 253) {
                throw RhoaiException.invalid("--domain: '" + d + "' is not a valid DNS name", "use a name such as api.dev.example.com or *.apps.dev.example.com");
            }
            if (!out.contains(n)) out.add(n);
        }
        if (!KEY_TYPES.contains(keyType(r))) {
            throw RhoaiException.invalid("--key-type: '" + r.keyType() + "' is not supported", "use one of " + String.join(", ", KEY_TYPES));
        }
        if (r.timeout() == null || r.timeout().isZero() || r.timeout().isNegative()) {
            throw RhoaiException.invalid("--timeout must be positive", "use a duration such as 10m");
        }
        if (r.profileName() == null || r.profileName().isBlank() || r.profileName().contains("/") || r.profileName().startsWith(".")) {
            throw RhoaiException.invalid("certificate name '" + r.profileName() + "' cannot be used as a directory name", "pass --cluster <profile>");
        }
        if (r.eabKid() != null && r.eabHmacKey() == null) {
            throw RhoaiException.invalid("--eab-kid is set but the EAB HMAC key is missing", "pass --eab-hmac-key-file or set RHOAI_EAB_HMAC_KEY");
        }
        if (r.eabHmacKey() != null && r.eabKid() == null) {
            throw RhoaiException.invalid("an EAB HMAC key is set but --eab-kid is missing", "pass --eab-kid <key id> from your CA");
        }
        if (r.eabHmacKey() != null) eabKey(r.eabHmacKey());
        return List.copyOf(out);
    }
}
