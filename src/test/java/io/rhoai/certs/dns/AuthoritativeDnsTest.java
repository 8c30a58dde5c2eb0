package io.rhoai.certs.dns;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.testing.HungPeers;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The zone lookup against a resolver that never answers: it ends at the deadline, not after the resolver's retries. */
class AuthoritativeDnsTest {
    @Test
    void aResolverThatNeverAnswersEndsTheLookupAtTheDeadlineWithATimeoutNamingIt() {
        try (DatagramSocket resolver = HungPeers.udp()) {
            AuthoritativeDns dns = AuthoritativeDns.fromEnv(Map.of(AuthoritativeDns.RESOLVERS_ENV, "127.0.0.1:" + resolver.getLocalPort()));
            Deadline deadline = Deadline.in(Duration.ofMillis(1500)); // shorter than one query's own 3 s limit

            long start = System.nanoTime();
            RhoaiException e = catchThrowableOfType(() -> dns.zoneOf("_acme-challenge.api.dev.example.test.", deadline), RhoaiException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(e.getMessage()).startsWith("timed out after 1s500ms waiting for the DNS SOA lookup of _acme-challenge.api.dev.example.test.")
                    .contains("last state: no answer");
            assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(2500));
        }
    }
}
