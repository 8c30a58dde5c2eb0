package io.rhoai.certs.dns.rfc2136;

import io.rhoai.certs.dns.ChallengeRecord;
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

/** Dynamic updates sent to a server that never answers: resent while time is left, ended by the deadline. */
class Rfc2136ProviderTest {
    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";

    @Test
    void aServerThatNeverAnswersEndsTheUpdateAtTheDeadlineWithATimeoutNamingTheServer() {
        try (DatagramSocket server = HungPeers.udp()) {
            String address = "127.0.0.1:" + server.getLocalPort();
            Rfc2136Provider provider = new Rfc2136Provider(Rfc2136Provider.Config.fromEnv(Map.of("RFC2136_NAMESERVER", address,
                    "RFC2136_TSIG_KEY", "acme-update.", "RFC2136_TSIG_SECRET", SECRET, "RFC2136_ZONE", "example.test")));
            var record = new ChallengeRecord("_acme-challenge.api.dev.example.test.", "digest", "api.dev.example.test");

            long start = System.nanoTime(); // three sends of 3 s each before; now 2 s in all
            RhoaiException e = catchThrowableOfType(() -> provider.present(record, Deadline.in(Duration.ofSeconds(2))), RhoaiException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(e.getMessage()).startsWith("timed out after 2s waiting for an answer from " + address
                    + " (rfc2136, adding TXT _acme-challenge.api.dev.example.test.)").doesNotContain(SECRET);
            assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3000));
        }
    }
}
