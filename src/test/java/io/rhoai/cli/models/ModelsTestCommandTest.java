package io.rhoai.cli.models;

import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.models.endpoint.EndpointTestReport;
import io.rhoai.models.endpoint.ModelKind;
import io.rhoai.testing.Cli;
import io.rhoai.testing.OpenAiStub;
import io.rhoai.testing.OpenAiStub.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai models test} through the real command line against {@link OpenAiStub}, a local server answering with
 * vLLM's payloads. Counts are asserted, never timings.
 */
class ModelsTestCommandTest {
    static final String KEY = "sk-rhoai-test-5f2b8c1d9e7a4630";
    static final String MODEL = "granite-3-8b-instruct";

    @TempDir Path tmp;
    OpenAiStub stub;
    Path keyFile;

    @BeforeEach
    void start() throws IOException {
        stub = new OpenAiStub();
        keyFile = tmp.resolve("model-key");
        Files.writeString(keyFile, KEY + "\n");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    Cli.Result run(String... extra) {
        String[] base = {"models", "test", "--url", stub.url(), "--api-key-file", keyFile.toString()};
        return Cli.cli().run(Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new));
    }

    static EndpointTestReport report(Cli.Result r) throws IOException {
        return Mappers.json().readValue(r.stdout(), EndpointTestReport.class);
    }

    @Test
    void chatRequestsAllSucceedWithTokensFromUsageAndTheKeyNeverShown() throws IOException {
        Cli.Result r = run("--requests", "6", "--concurrency", "3", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        EndpointTestReport rep = report(r);
        assertThat(rep.model()).isEqualTo(MODEL);
        assertThat(rep.kind()).isEqualTo(ModelKind.CHAT);
        assertThat(rep.url()).isEqualTo(stub.url() + "/v1");
        assertThat(rep.requests()).isEqualTo(6);
        assertThat(rep.succeeded()).isEqualTo(6);
        assertThat(rep.failed()).isZero();
        assertThat(rep.errors()).isEmpty();
        assertThat(rep.latencyMs()).isNotNull();
        assertThat(rep.timeToFirstTokenMs()).isNull();
        assertThat(rep.tokens().source()).isEqualTo("usage");
        assertThat(rep.tokens().completionTokens()).isEqualTo(6 * 8L);
        assertThat(rep.tokens().promptTokens()).isEqualTo(6 * 18L);
        assertThat(rep.tokens().perSecond()).isNotNull();
        assertThat(rep.apiKey()).isEqualTo("file " + keyFile);

        assertThat(stub.calls()).hasSize(6).allSatisfy(c -> {
            assertThat(c.path()).isEqualTo("/v1/chat/completions");
            assertThat(c.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(c.body().path("model").asText()).isEqualTo(MODEL);
            assertThat(c.body().path("messages").get(0).path("role").asText()).isEqualTo("user");
            assertThat(c.body().path("stream").asBoolean()).isFalse();
        });
        assertThat(r.all()).doesNotContain(KEY);
    }

    @Test
    void textReportNamesCountsLatencyAndTokens() {
        Cli.Result r = run("--requests", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("model      " + MODEL + "  chat", "requests   2 at concurrency 2: 2 succeeded, 0 failed", "latency    p50 ",
                "tokens/s   ");
        assertThat(r.stderr()).contains("GET " + stub.url() + "/v1/models");
    }

    @Test
    void streamedChatMeasuresTimeToFirstTokenAndAsksForUsage() throws IOException {
        stub.replies(c -> Reply.sse(OpenAiStub.chatStream(MODEL, c.body().path("stream_options").path("include_usage").asBoolean())));
        Cli.Result r = run("--requests", "4", "--concurrency", "2", "--stream", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        EndpointTestReport rep = report(r);
        assertThat(rep.stream()).isTrue();
        assertThat(rep.succeeded()).isEqualTo(4);
        assertThat(rep.timeToFirstTokenMs()).isNotNull();
        assertThat(rep.tokens().source()).isEqualTo("usage");
        assertThat(rep.tokens().completionTokens()).isEqualTo(4 * 8L);
        assertThat(stub.calls()).allSatisfy(c -> assertThat(c.body().path("stream").asBoolean()).isTrue());
    }

    @Test
    void streamWithoutUsageSaysTokensAreUnknown() throws IOException {
        stub.replies(c -> Reply.sse(OpenAiStub.completionStream(MODEL)));
        Cli.Result r = run("--requests", "3", "--stream", "--kind", "completions", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        EndpointTestReport rep = report(r);
        assertThat(rep.kind()).isEqualTo(ModelKind.COMPLETIONS);
        assertThat(rep.kindSource()).isEqualTo("--kind");
        assertThat(rep.succeeded()).isEqualTo(3);
        assertThat(rep.timeToFirstTokenMs()).isNotNull();
        assertThat(rep.tokens().source()).isEqualTo("unknown");
        assertThat(rep.tokens().perSecond()).isNull();
        assertThat(rep.tokens().note()).contains("3 of 3 answers carried no usage");
        assertThat(stub.calls()).allSatisfy(c -> assertThat(c.path()).isEqualTo("/v1/completions"));
        assertThat(run("--requests", "1", "--stream", "--kind", "completions").stdout()).contains("tokens/s   unknown (");
    }

    @Test
    void completionsNotStreamed() throws IOException {
        stub.replies(c -> Reply.json(200, OpenAiStub.completion(MODEL)));
        EndpointTestReport rep = report(run("--requests", "2", "--kind", "completions", "-o", "json"));
        assertThat(rep.succeeded()).isEqualTo(2);
        assertThat(rep.tokens().completionTokens()).isEqualTo(32L);
        assertThat(stub.calls()).allSatisfy(c -> assertThat(c.body().path("prompt").isTextual()).isTrue());
    }

    @Test
    void anEmbeddingModelIsRecognisedFromTheModelList() throws IOException {
        stub.models("nomic-embed-text-v1.5").replies(c -> Reply.json(200, OpenAiStub.embedding(c.body().path("model").asText())));
        Cli.Result r = run("--requests", "3", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        EndpointTestReport rep = report(r);
        assertThat(rep.kind()).isEqualTo(ModelKind.EMBEDDINGS);
        assertThat(rep.kindSource()).startsWith("auto");
        assertThat(rep.tokens().promptTokens()).isEqualTo(27L);
        assertThat(rep.tokens().completionTokens()).isNull();
        assertThat(stub.calls()).allSatisfy(c -> {
            assertThat(c.path()).isEqualTo("/v1/embeddings");
            assertThat(c.body().path("input").isTextual()).isTrue();
        });
        Cli.Result streamed = run("--stream");
        assertThat(streamed.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(streamed.stderr()).contains("error: --stream: nomic-embed-text-v1.5 is tested as embeddings", "hint: ");
    }

    @Test
    void unauthorizedModelListFailsAtOnceWithAOneLineHintAboutTheKey() {
        stub.modelsReply(Reply.json(401, "{\"error\":\"Unauthorized\"}"));
        Cli.Result r = run("--requests", "5");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("error: GET " + stub.url() + "/v1/models: HTTP 401", "hint: the endpoint refused the API key");
        assertThat(r.stderr().lines().filter(l -> l.startsWith("hint:")).count()).isEqualTo(1);
        assertThat(stub.calls()).isEmpty();

        Cli.Result noKey = Cli.cli().run("models", "test", "--url", stub.url());
        assertThat(noKey.exitCode()).isEqualTo(ExitCodes.REMOTE);
        assertThat(noKey.stderr()).contains("hint: no API key was sent: pass --api-key-file FILE or set RHOAI_MODEL_API_KEY_FILE or RHOAI_MODEL_API_KEY");
    }

    @Test
    void unauthorizedRequestsAreCountedAndExplained() throws IOException {
        stub.replies(c -> Reply.json(401, "{\"error\":\"Unauthorized\"}"));
        Cli.Result r = Cli.cli().env("RHOAI_MODEL_API_KEY", KEY).run("models", "test", "--url", stub.url(), "--requests", "3", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.REMOTE);
        EndpointTestReport rep = report(r);
        assertThat(rep.apiKey()).isEqualTo("env RHOAI_MODEL_API_KEY");
        assertThat(rep.errors()).isEqualTo(Map.of("unauthorized", 3));
        assertThat(rep.errorSamples().get("unauthorized")).startsWith("HTTP 401");
        assertThat(r.stderr()).contains("error: 3 of 3 requests to " + MODEL + " at " + stub.url() + "/v1 failed (unauthorized 3)",
                "hint: the endpoint refused the API key");
        assertThat(r.all()).doesNotContain(KEY);
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAfterItsRetryAfter() throws IOException {
        stub.replies(c -> c.n() == 1
                ? Reply.json(429, "{\"error\":\"Limits exceeded\"}").header("Retry-After", "1")
                : Reply.json(200, OpenAiStub.chat(MODEL)));
        Cli.Result r = run("--requests", "3", "--concurrency", "1", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        EndpointTestReport rep = report(r);
        assertThat(rep.succeeded()).isEqualTo(3);
        assertThat(rep.throttled()).isEqualTo(1);
        assertThat(stub.calls()).hasSize(4);
    }

    @Test
    void aRetryAfterBeyondTheDeadlineIsARateLimitFailure() throws IOException {
        stub.replies(c -> Reply.json(429, "{\"error\":\"Limits exceeded\"}").header("Retry-After", "3600"));
        Cli.Result r = run("--requests", "2", "--concurrency", "2", "--timeout", "20s", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.REMOTE);
        EndpointTestReport rep = report(r);
        assertThat(rep.errors()).isEqualTo(Map.of("rate-limited", 2));
        assertThat(rep.errorSamples().get("rate-limited")).isEqualTo("HTTP 429 after 1 attempt(s); Retry-After 1h would outlast the --timeout");
        assertThat(stub.calls()).hasSize(2);
    }

    @Test
    void serverErrorsAndBadAnswersAreCountedByClass() throws IOException {
        stub.replies(c -> switch (c.n()) {
            case 2 -> Reply.json(500, "{\"object\":\"error\",\"message\":\"CUDA out of memory\",\"type\":\"InternalServerError\",\"param\":null,\"code\":500}");
            case 4 -> Reply.json(200, "<html>gateway</html>");
            default -> Reply.json(200, OpenAiStub.chat(MODEL));
        });
        Cli.Result r = run("--requests", "5", "--concurrency", "1", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.REMOTE);
        EndpointTestReport rep = report(r);
        assertThat(rep.succeeded()).isEqualTo(3);
        assertThat(rep.failed()).isEqualTo(2);
        assertThat(rep.errors()).isEqualTo(Map.of("server-error", 1, "bad-response", 1));
        assertThat(rep.errorSamples().get("server-error")).startsWith("HTTP 500 ").contains("CUDA out of memory");
        assertThat(rep.tokens().completionTokens()).isEqualTo(24L);
        assertThat(r.stderr()).contains("error: 2 of 5 requests to " + MODEL, "(bad-response 1, server-error 1)");
    }

    @Test
    void aStreamThatReportsAnErrorOrStopsEarlyIsAStreamError() throws IOException {
        stub.replies(c -> c.n() == 1
                ? Reply.sse(java.util.List.of("{\"error\":{\"message\":\"engine died\",\"type\":\"InternalServerError\",\"code\":500}}", "[DONE]"))
                : Reply.sse(OpenAiStub.chatStream(MODEL, true).subList(0, 2)));
        EndpointTestReport rep = report(run("--requests", "2", "--concurrency", "1", "--stream", "-o", "json"));
        assertThat(rep.errors()).isEqualTo(Map.of("stream-error", 2));
        assertThat(rep.errorSamples().get("stream-error")).isEqualTo("error event in the stream: engine died");
    }

    @Test
    void aSlowAnswerIsCutAtTheDeadlineAndTheRestIsNotStarted() throws IOException {
        stub.replies(c -> Reply.json(200, OpenAiStub.chat(MODEL)).delayed(4_000));
        Cli.Result r = run("--requests", "3", "--concurrency", "1", "--timeout", "1s", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.TIMEOUT);
        EndpointTestReport rep = report(r);
        assertThat(rep.succeeded()).isZero();
        assertThat(rep.errors()).isEqualTo(Map.of("timeout", 1, "not-started", 2));
        assertThat(stub.calls()).hasSize(1);
        assertThat(r.stderr()).contains("error: timed out after 1s waiting for 3 requests to " + MODEL + "; last state: 0 succeeded, not-started 2, timeout 1");
    }

    @Test
    void theModelIsPickedFromSeveralByName() throws IOException {
        stub.models("granite-3-8b-instruct", "mistral-7b-instruct");
        Cli.Result none = run("--requests", "1");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.stderr()).contains("serves 2 models: granite-3-8b-instruct, mistral-7b-instruct", "hint: pick one with --model");
        EndpointTestReport rep = report(run("--requests", "1", "--model", "mistral-7b-instruct", "-o", "json"));
        assertThat(rep.model()).isEqualTo("mistral-7b-instruct");
        assertThat(stub.calls()).extracting(c -> c.body().path("model").asText()).containsExactly("mistral-7b-instruct");
    }

    @Test
    void badInputIsRefusedBeforeAnyRequest() throws IOException {
        Cli.Result kind = run("--kind", "rerank");
        assertThat(kind.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(kind.stderr()).contains("--kind: 'rerank' is not auto, chat, completions or embeddings");
        Cli.Result nothing = Cli.cli().run("models", "test");
        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.stderr()).contains("pass --url URL, or --model NAME");
        Cli.Result creds = Cli.cli().run("models", "test", "--url", "https://user:pw@granite.example.com");
        assertThat(creds.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(creds.stderr()).contains("error: --url: the URL holds credentials").doesNotContain("user:pw");
        Path notPem = tmp.resolve("ca.pem");
        Files.writeString(notPem, "not a certificate\n");
        Cli.Result ca = run("--ca-file", notPem.toString());
        assertThat(ca.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(ca.stderr()).contains("error: --ca-file: " + notPem + " holds no PEM certificate");
        Cli.Result requests = run("--requests", "0");
        assertThat(requests.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(requests.stderr()).contains("error: --requests: 0 is not between 1 and 100000");
        assertThat(stub.calls()).isEmpty();
    }

    @Test
    void anHttpsEndpointIsTrustedThroughCaFileOnly() throws Exception {
        io.rhoai.certs.install.TestPki pki = new io.rhoai.certs.install.TestPki("Ingress Root", "Ingress Intermediate");
        io.rhoai.certs.install.TestPki.Issued cert = pki.issue(java.time.Duration.ofDays(30), "localhost");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", cert.key(), new char[0], cert.chain().toArray(new java.security.cert.Certificate[0]));
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        try (OpenAiStub https = new OpenAiStub(ctx)) {
            Cli.Result untrusted = Cli.cli().run("models", "test", "--url", https.url(), "--timeout", "20s");
            assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(ExitCodes.REMOTE);
            assertThat(untrusted.stderr()).contains("error: GET " + https.url() + "/v1/models: ", "hint: pass the CA that signed the endpoint's certificate with --ca-file");

            Path ca = tmp.resolve("ingress-ca.pem");
            Files.writeString(ca, io.rhoai.certs.install.CertificatePem.certificates(java.util.List.of(pki.root)));
            Cli.Result trusted = Cli.cli().run("models", "test", "--url", https.url(), "--ca-file", ca.toString(), "--requests", "2", "-o", "json");
            assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
            assertThat(report(trusted).succeeded()).isEqualTo(2);
        }
    }

    @Test
    void anUnreachableEndpointIsARemoteFailureNamingTheUrl() throws IOException {
        String url = stub.url();
        stub.close();
        Cli.Result r = Cli.cli().run("models", "test", "--url", url, "--timeout", "10s");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("error: GET " + url + "/v1/models: connection refused");
    }

    /** A bearer key is never sent over plain http to another host: refused before any request (loopback is allowed). */
    @Test
    void anApiKeyOverPlainHttpToAnotherHostIsRefused() {
        Cli.Result r = Cli.cli().run("models", "test", "--url", "http://granite-models.apps.example.test", "--api-key-file", keyFile.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("is plain http; the API key is not sent in clear text").doesNotContain(KEY);
        assertThat(r.stdout()).isEmpty();
    }
}
