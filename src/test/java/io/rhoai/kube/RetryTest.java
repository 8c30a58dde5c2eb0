package io.rhoai.kube;

import io.rhoai.core.time.Deadline;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryTest {
    private static KubernetesClientException http(int code) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage("status " + code).build());
    }

    @Test
    void transientErrorsAreRetriedUntilTheCallSucceeds() {
        for (KubernetesClientException e : new KubernetesClientException[] {http(429), http(500), http(503),
                new KubernetesClientException("connection reset", new IOException("reset"))}) {
            AtomicInteger calls = new AtomicInteger();
            String out = Retry.call("read thing", Deadline.in(Duration.ofSeconds(10)), () -> {
                if (calls.incrementAndGet() < 3) throw e;
                return "ok";
            });
            assertThat(out).isEqualTo("ok");
            assertThat(calls).as("retries of HTTP %s", e.getCode()).hasValue(3);
        }
    }

    @Test
    void permanentErrorsFailAtOnceAsRemoteNamingTheOperation() {
        for (int code : new int[] {400, 403, 404, 409, 422}) {
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> Retry.call("apply Secret ns/x", Deadline.in(Duration.ofSeconds(10)), () -> {
                calls.incrementAndGet();
                throw http(code);
            })).isInstanceOf(RhoaiException.class)
                    .satisfies(t -> assertThat(((RhoaiException) t).kind()).isEqualTo(ErrorKind.REMOTE))
                    .hasMessageStartingWith("apply Secret ns/x failed (HTTP " + code);
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void retriesStopAtTheDeadline() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Retry.call("read thing", Deadline.in(Duration.ofMillis(700)), () -> {
            throw http(503);
        })).hasMessageContaining("HTTP 503 after");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void conflictsAreNeverTransient() {
        KubernetesClientException conflict = new KubernetesClientException(new StatusBuilder().withCode(409)
                .withMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\": .spec.channel")
                .withNewDetails().addNewCause().withReason("FieldManagerConflict").withField(".spec.channel").endCause().endDetails().build());
        assertThat(Retry.isTransient(conflict)).isFalse();
        // a stale resourceVersion never becomes fresh by sending the same body again: only MergeWriter retries, from a new read
        assertThat(Retry.isTransient(http(409))).isFalse();
    }

    @Test
    void anApiThatCannotBeReachedFailsAtOnceNamingTheCause() {
        for (Object[] c : new Object[][] {
                {new java.net.ConnectException("Connection refused: /127.0.0.1:1"), "connection refused"},
                {new java.net.UnknownHostException("api.nowhere.example"), "unknown host (api.nowhere.example)"},
                {new javax.net.ssl.SSLHandshakeException("PKIX path building failed"), "TLS handshake failed (PKIX path building failed)"},
                {new javax.net.ssl.SSLHandshakeException("Failed to create SSL connection").initCause(
                        new java.security.cert.CertificateException("unable to find valid certification path to requested target")),
                        "TLS handshake failed: the server's certificate is not trusted (unable to find valid certification path to requested target)"}}) {
            KubernetesClientException e = new KubernetesClientException("An error has occurred.", new IOException("wrapped", (Throwable) c[0]));
            assertThat(Retry.isTransient(e)).as("%s", c[0]).isFalse();
            AtomicInteger calls = new AtomicInteger();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> Retry.call("list Subscriptions", Deadline.in(Duration.ofSeconds(30)), () -> {
                calls.incrementAndGet();
                throw e;
            })).isInstanceOf(RhoaiException.class)
                    .satisfies(t -> assertThat(((RhoaiException) t).kind()).isEqualTo(ErrorKind.REMOTE))
                    .hasMessageStartingWith("cannot reach the Kubernetes API")
                    .hasMessageContaining(": " + c[1] + " (list Subscriptions)")
                    .satisfies(t -> assertThat(((RhoaiException) t).hint()).contains("kubectl cluster-info"));
            assertThat(calls).hasValue(1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRequestNeverOutlivesTheDeadline() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Retry.call("list Subscriptions", Deadline.in(Duration.ofMillis(500)), () -> {
            io.rhoai.core.time.Poller.pause(Duration.ofSeconds(30), "a request that never answers");
            return null;
        })).isInstanceOf(RhoaiException.class)
                .satisfies(t -> assertThat(((RhoaiException) t).kind()).isEqualTo(ErrorKind.TIMEOUT))
                .hasMessageStartingWith("timed out after 500ms waiting for list Subscriptions; last state: no answer from");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
}
