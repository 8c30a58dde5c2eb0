package io.rhoai.certs.acme;

import io.rhoai.cli.ExitCodes;
import io.rhoai.testing.acme.AcmeTestBed;
import io.rhoai.testing.acme.RhoaiMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C while the challenge record is published: the real process removes it before exiting with 130. */
class PebbleInterruptTest {
    @RegisterExtension
    static final AcmeTestBed bed = AcmeTestBed.baseline();

    @TempDir Path state;

    @Test
    void sigintWhileWaitingForPropagationRemovesTheRecordAndExits130() throws Exception {
        int deadPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort(); // nothing answers there: the run waits for propagation until we interrupt it
        }
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RhoaiMain.class.getName(),
                "certs", "issue", "--acme-server", bed.directoryUrl(), "--acme-ca-file", bed.caPem().toString(),
                "--state-dir", state.toString(), "--timeout", "120s", "--dns-provider", "rfc2136", "--domain", AcmeTestBed.API);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(bed.rfc2136Env(false));
        pb.environment().put("RHOAI_DNS_AUTHORITATIVE_PORT", String.valueOf(deadPort));
        pb.environment().put("RFC2136_PROPAGATION_TIMEOUT", "120s");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) { lines.add(line); }
                    if (line.contains("Waiting for the records")) waiting.complete(null);
                }
            } catch (Exception ignored) {
                // process ended
            }
        });
        reader.start();
        try {
            waiting.get(60, TimeUnit.SECONDS);
            assertThat(bed.txt("_acme-challenge." + AcmeTestBed.API)).as("record published before the interrupt").hasSize(1);

            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);

            assertThat(p.exitValue()).as(String.join("\n", lines)).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(String.join("\n", lines)).contains("Removed 1 challenge record")
                    .contains("interrupted: rhoai certs issue while: Waiting for the records")
                    .contains("cleaned up: removed the 1 challenge record(s) published via rfc2136")
                    .doesNotContain("error:");
            assertThat(bed.txt("_acme-challenge." + AcmeTestBed.API)).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }
}
