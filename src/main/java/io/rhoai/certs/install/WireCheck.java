package io.rhoai.certs.install;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Proves which certificate an endpoint serves: TLS handshakes with the name clients use (SNI), repeated on the run's
 * {@link Poller} until the expected leaf answers or the run's {@link Deadline} passes, because a load balancer or an
 * old router instance may answer for a while after the rollout. Each handshake gets at most {@link #PROBE_TIMEOUT}, so
 * one silent endpoint cannot eat the whole budget.
 */
final class WireCheck {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MIN_PROBE_TIMEOUT = Duration.ofSeconds(1);

    /** expected: the fingerprint to see; not: when expected is unknown, the fingerprint that must be gone. */
    record Expectation(String expected, String not, List<X509Certificate> chain) {
        static Expectation exactly(String fingerprint) {
            return new Expectation(fingerprint, null, null);
        }

        boolean met(String served) {
            if (expected != null) return CertificatePem.sameFingerprint(expected, served);
            return not == null || !CertificatePem.sameFingerprint(not, served);
        }

        String describe() {
            return expected != null ? expected : "another certificate than the current one";
        }
    }

    /** One handshake: the leaf served, or why there was none. */
    private record Probe(X509Certificate served, IOException error, int attempts) {
        String fingerprint() {
            return served == null ? null : CertificatePem.sha256Fingerprint(served);
        }
    }

    private final TlsProber prober;
    private final Poller poller;
    private final Progress progress;

    WireCheck(TlsProber prober, Poller poller, Progress progress) {
        this.prober = prober;
        this.poller = poller;
        this.progress = progress;
    }

    /** @param endpointFlag the option that points the check elsewhere, for the hint */
    InstallResult.WireCheck verify(String label, TlsProber.Endpoint endpoint, String endpointFlag, Expectation expectation,
                                   Deadline deadline) {
        progress.step("verifying on the wire: TLS handshake with " + endpoint.display());
        Probe[] last = {null};
        Awaited<Probe> served = new Awaited<>("the " + label + " at " + endpoint.display() + " to serve " + expectation.describe(),
                null,
                () -> last[0] = probe(endpoint, last[0] == null ? 1 : last[0].attempts() + 1, deadline),
                p -> p.served() != null && expectation.met(p.fingerprint()),
                p -> p.served() != null ? "serves " + p.fingerprint() : "no handshake: " + reason(p));
        Probe probe;
        try {
            probe = poller.await(served, deadline);
        } catch (RhoaiException e) {
            if (e.kind() != ErrorKind.TIMEOUT || last[0] == null) throw e;
            throw failed(label, endpoint, endpointFlag, expectation, last[0]);
        }
        progress.done(label + " at " + endpoint.display() + " serves " + probe.fingerprint());
        X509Certificate leaf = probe.served();
        return new InstallResult.WireCheck(endpoint.connectHost() + ":" + endpoint.port(), endpoint.sniHost(), true,
                expectation.expected(), expectation.not(), probe.fingerprint(), leaf.getIssuerX500Principal().getName(),
                leaf.getNotAfter().toInstant(), probe.attempts());
    }

    private Probe probe(TlsProber.Endpoint endpoint, int attempt, Deadline deadline) {
        Duration capped = deadline.atMost(PROBE_TIMEOUT);
        Duration timeout = capped.compareTo(MIN_PROBE_TIMEOUT) < 0 ? MIN_PROBE_TIMEOUT : capped;
        try {
            List<X509Certificate> chain = prober.servedChain(endpoint, timeout);
            return new Probe(chain.isEmpty() ? null : chain.get(0), null, attempt);
        } catch (IOException e) {
            return new Probe(null, e, attempt);
        }
    }

    private static RhoaiException failed(String label, TlsProber.Endpoint endpoint, String endpointFlag, Expectation expectation, Probe last) {
        if (last.served() == null) {
            return RhoaiException.remote("wire check failed: cannot complete a TLS handshake with the " + label + " at "
                            + endpoint.display() + " (" + last.attempts() + " attempts): " + reason(last),
                    "check DNS and network from here, point the check elsewhere with " + endpointFlag
                            + " host:port, or skip it with --no-verify; the cluster change itself is done", last.error());
        }
        String want = expectation.expected() != null ? "expected " + expectation.expected()
                : "expected any certificate other than " + expectation.not();
        return RhoaiException.remote("wire check failed: the " + label + " at " + endpoint.display() + " serves " + last.fingerprint()
                        + " (issuer " + CertificatePem.shortName(last.served().getIssuerX500Principal().getName()) + ", not after "
                        + last.served().getNotAfter().toInstant() + "), " + want + " (" + last.attempts() + " attempts)",
                "a load balancer or an old router/API server instance may still answer; look with: rhoai certs status, or"
                        + " openssl s_client -connect " + endpoint.connectHost() + ":" + endpoint.port() + " -servername "
                        + endpoint.sniHost() + "; re-running the install is safe", null);
    }

    private static String reason(Probe p) {
        return p.error() == null ? "no certificate served" : String.valueOf(p.error().getMessage());
    }
}
