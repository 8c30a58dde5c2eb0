package io.rhoai.certs.dns.manual;

import io.rhoai.certs.acme.CertificateIssuer;
import io.rhoai.certs.acme.IssueRequest;
import io.rhoai.certs.acme.IssueResult;
import io.rhoai.certs.dns.ChallengeRecord;
import io.rhoai.certs.dns.rfc2136.Rfc2136Provider;
import io.rhoai.core.Progress;
import io.rhoai.core.time.Deadline;
import io.rhoai.testing.acme.AcmeTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manual provider with a "person" who reads the printed record and creates it a moment later (through BIND, as
 * an operator would in their DNS console): the issuer waits until the authoritative server serves it, then goes on.
 */
class ManualProviderTest {
    @RegisterExtension
    static final AcmeTestBed bed = AcmeTestBed.baseline();

    private static final Pattern RECORD = Pattern.compile("^\\s+(\\S+) 60 IN TXT \"([^\"]+)\"$");
    private static final Pattern DELETE = Pattern.compile("^you may now delete: (\\S+) IN TXT \"([^\"]+)\"$");

    @TempDir Path state;

    @Test
    void printsTheRecordAndWaitsUntilItIsVisibleOnTheAuthoritativeServer() {
        Rfc2136Provider operator = new Rfc2136Provider(Rfc2136Provider.Config.fromEnv(bed.rfc2136Env(false)));
        List<String> lines = new CopyOnWriteArrayList<>();
        Progress person = new Progress() {
            @Override public void step(String m) { lines.add(m); }
            @Override public void done(String m) { lines.add(m); }
            @Override public void warn(String m) { lines.add(m); }
            @Override public void info(String m) {
                lines.add(m);
                Matcher add = RECORD.matcher(m), del = DELETE.matcher(m);
                if (add.matches()) {
                    ChallengeRecord r = new ChallengeRecord(add.group(1), add.group(2), "");
                    new Thread(() -> { // a human is slower than the program: the issuer must wait
                        sleep(700);
                        operator.present(r, Deadline.in(Duration.ofSeconds(10)));
                    }).start();
                } else if (del.matches()) {
                    operator.cleanUp(new ChallengeRecord(del.group(1), del.group(2), ""), Deadline.in(Duration.ofSeconds(10)));
                }
            }
        };
        Map<String, String> env = new HashMap<>(bed.rfc2136Env(false));
        env.put("MANUAL_POLLING_INTERVAL", "100ms");
        env.put("MANUAL_PROPAGATION_TIMEOUT", "30s");
        IssueResult result = new CertificateIssuer(person, Clock.systemUTC()).issue(new IssueRequest("manual-test",
                List.of(AcmeTestBed.API), bed.directoryUrl(), bed.caPem(), null, null, "manual", env, state, Duration.ofSeconds(60),
                false, null, null));

        assertThat(result.certificate().names()).containsExactly(AcmeTestBed.API);
        assertThat(lines).anyMatch(l -> l.contains("create this DNS record now"))
                .anyMatch(l -> l.startsWith("  _acme-challenge.api.dev.example.test. 60 IN TXT \""))
                .anyMatch(l -> l.startsWith("you may now delete: _acme-challenge.api.dev.example.test."));
        // the extension then checks that no _acme-challenge record is left
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
