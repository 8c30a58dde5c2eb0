package io.rhoai.models.endpoint;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of {@link EndpointTester}: the base URL, the percentiles, the error classes. */
class EndpointTesterTest {
    @Test
    void theBaseUrlEndsWithV1Once() {
        assertThat(EndpointTester.baseUrl(URI.create("https://granite-models.apps.example.com"), "--url"))
                .hasToString("https://granite-models.apps.example.com/v1");
        assertThat(EndpointTester.baseUrl(URI.create("https://granite-models.apps.example.com/"), "--url"))
                .hasToString("https://granite-models.apps.example.com/v1");
        assertThat(EndpointTester.baseUrl(URI.create("https://gw.example.com:8443/granite/v1/"), "--url"))
                .hasToString("https://gw.example.com:8443/granite/v1");
        assertThatThrownBy(() -> EndpointTester.baseUrl(URI.create("ftp://x.example.com"), "--url"))
                .isInstanceOf(RhoaiException.class).hasMessageContaining("--url: 'ftp://x.example.com' is not an http(s) URL");
        assertThatThrownBy(() -> EndpointTester.baseUrl(URI.create("https://x.example.com/v1?key=abc"), "status.url"))
                .hasMessageContaining("has a query");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> ms = LongStream.rangeClosed(1, 20).map(i -> i * 1_000_000).boxed().toList();   // 1..20 ms
        EndpointTestReport.Percentiles p = EndpointTester.percentiles(ms);
        assertThat(p.p50()).isEqualTo(10.0);
        assertThat(p.p95()).isEqualTo(19.0);
        assertThat(p.max()).isEqualTo(20.0);
        assertThat(EndpointTester.percentiles(List.of(7_000_000L))).isEqualTo(new EndpointTestReport.Percentiles(7.0, 7.0, 7.0));
        assertThat(EndpointTester.percentiles(List.of())).isNull();
    }

    @Test
    void errorsAreClassifiedByStatusAndCause() {
        assertThat(ErrorClass.ofStatus(401)).isEqualTo(ErrorClass.UNAUTHORIZED);
        assertThat(ErrorClass.ofStatus(403)).isEqualTo(ErrorClass.UNAUTHORIZED);
        assertThat(ErrorClass.ofStatus(400)).isEqualTo(ErrorClass.CLIENT_ERROR);
        assertThat(ErrorClass.ofStatus(503)).isEqualTo(ErrorClass.SERVER_ERROR);
        Deadline running = Deadline.in(Duration.ofMinutes(1));
        assertThat(EndpointTester.classify(new HttpTimeoutException("request timed out"), running)).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(EndpointTester.classify(new HttpConnectTimeoutException("connect timed out"), running)).isEqualTo(ErrorClass.CONNECTION);
        assertThat(EndpointTester.classify(new java.io.IOException("x", new javax.net.ssl.SSLHandshakeException("PKIX path building failed")), running))
                .isEqualTo(ErrorClass.TLS);
        assertThat(EndpointTester.classify(new java.net.ConnectException(), running)).isEqualTo(ErrorClass.CONNECTION);
    }
}
