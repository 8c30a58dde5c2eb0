package io.rhoai.models.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Durations;
import io.rhoai.core.time.Poller;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.models.endpoint.EndpointTestReport.Percentiles;
import io.rhoai.models.endpoint.EndpointTestReport.Tokens;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code models test}: a small, non-interactive load test of an OpenAI-compatible endpoint. {@code GET /v1/models}
 * picks the model (and its kind, unless given), then N requests run at a concurrency level, streamed (SSE) or not, all
 * within one {@link Deadline}: no request outlives it, and a request not yet sent when it ends is counted as
 * {@code not-started}. A 429 is retried after its Retry-After (1 s when absent) while that fits in the deadline, at most
 * {@value #MAX_ATTEMPTS} attempts per request. Latency, time to first token and tokens come from the answers; tokens
 * only from their {@code usage}, never estimated. Returns the report; never prints.
 */
public final class EndpointTester {
    static final int MAX_ATTEMPTS = 5;
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final String TLS_HINT = "pass the CA that signed the endpoint's certificate with --ca-file (for the default ingress: "
            + "oc get configmap default-ingress-cert -n openshift-config-managed -o jsonpath='{.data.ca-bundle\\.crt}')";
    static final String KEY_ENV = "RHOAI_MODEL_API_KEY";
    private static final List<String> PROMPTS = List.of(
            "What is the capital of France? Answer in one sentence.",
            "Explain in two sentences what a GPU does.",
            "Write a haiku about autumn.",
            "List three prime numbers greater than 50.",
            "What does HTTP status 429 mean?");

    private final Progress progress;

    public EndpointTester(Progress progress) {
        this.progress = progress;
    }

    /** The one-line hint for a 401/403, depending on whether a key was sent. */
    static String keyHint(boolean keySent) {
        return keySent ? "the endpoint refused the API key: check the file given to --api-key-file (or " + KEY_ENV + "_FILE / " + KEY_ENV
                + ") holds a key valid for this model"
                : "no API key was sent: pass --api-key-file FILE or set " + KEY_ENV + "_FILE or " + KEY_ENV;
    }

    public EndpointTestReport run(EndpointTestRequest in) {
        validate(in);
        Deadline deadline = Deadline.in(in.timeout());
        HttpClient http = client(in, deadline);
        URI resolved = in.endpoint().resolve(deadline);
        String where = in.endpoint().describe();
        URI base = baseUrl(resolved, where);
        if (in.apiKey() != null && "http".equals(base.getScheme()) && !loopback(base.getHost())) {
            // a bearer key over plain http is readable by anyone on the path
            throw RhoaiException.invalid(where + ": " + base + " is plain http; the API key is not sent in clear text",
                    "use the https route of the model (oc get route -n NAMESPACE), or test without a key");
        }

        progress.step("GET " + base + "/models");
        JsonNode models = listModels(http, base, in, deadline);
        JsonNode entry = pickModel(models, base, in.model());
        String model = entry.path("id").asText();
        ModelKind kind = in.kind();
        String kindSource = "--kind";
        if (kind == null) {
            String hay = (model + " " + entry.path("task").asText("") + " " + entry.path("type").asText("")).toLowerCase();
            kind = hay.contains("embed") ? ModelKind.EMBEDDINGS : ModelKind.CHAT;
            kindSource = kind == ModelKind.EMBEDDINGS ? "auto: the model's id or task names embeddings"
                    : "auto: chat (pass --kind completions for a model without a chat template)";
        }
        if (kind == ModelKind.EMBEDDINGS && in.stream()) {
            throw RhoaiException.invalid("--stream: " + model + " is tested as embeddings (" + kindSource + "), and embeddings are not streamed",
                    "drop --stream, or pass --kind chat or --kind completions");
        }
        int concurrency = Math.min(in.concurrency(), in.requests());
        progress.step(in.requests() + " " + kind.word() + " request(s) to " + model + " at concurrency " + concurrency + (in.stream() ? ", streamed" : ""));
        Load load = new Load(http, base.resolve(base.getPath() + kind.path()), model, kind, in, deadline);
        long start = System.nanoTime();
        Result[] results = load.run(concurrency);
        long wall = System.nanoTime() - start;
        EndpointTestReport report = report(in, base, where, model, kind, kindSource, concurrency, results, load.throttled.get(), wall);
        String summary = report.succeeded() + " of " + report.requests() + " request(s) succeeded";
        if (report.failed() == 0) progress.done(summary);
        else progress.info(summary);
        return report;
    }

    private static void validate(EndpointTestRequest in) {
        if (in.requests() < 1 || in.requests() > 100_000) throw RhoaiException.invalid("--requests: " + in.requests() + " is not between 1 and 100000", "pass e.g. --requests 20");
        if (in.concurrency() < 1 || in.concurrency() > 256) throw RhoaiException.invalid("--concurrency: " + in.concurrency() + " is not between 1 and 256", "pass e.g. --concurrency 4");
        if (in.maxTokens() < 1 || in.maxTokens() > 100_000) throw RhoaiException.invalid("--max-tokens: " + in.maxTokens() + " is not between 1 and 100000", "pass e.g. --max-tokens 64");
        if (in.prompt() != null && in.prompt().isBlank()) throw RhoaiException.invalid("--prompt is empty", "pass a question, or leave --prompt out for the built-in ones");
    }

    /**
     * The OpenAI base ({@code .../v1}) of an endpoint URL: http or https, a host, no user info or query; {@code /v1} is
     * appended unless the path already ends with it (an InferenceService's status.url has no path; a gateway's may).
     */
    private static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("::1") || host.equals("[::1]") || host.startsWith("127.");
    }

    static URI baseUrl(URI url, String where) {
        String hint = "give the endpoint as https://host[:port][/path], e.g. https://granite-models.apps.example.com/v1";
        if (url == null || url.getScheme() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http")) || url.getHost() == null) {
            throw RhoaiException.invalid(where + ": '" + url + "' is not an http(s) URL with a host", hint);
        }
        if (url.getUserInfo() != null) {
            throw RhoaiException.invalid(where + ": the URL holds credentials (user info); they are not sent", "pass the API key with --api-key-file or " + KEY_ENV);
        }
        if (url.getQuery() != null || url.getFragment() != null) throw RhoaiException.invalid(where + ": '" + url + "' has a query or fragment", hint);
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        if (!path.endsWith("/v1")) path = path + "/v1";
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw RhoaiException.invalid(where + ": '" + url + "' is not a valid URL", hint);
        }
    }

    private static HttpClient client(EndpointTestRequest in, Deadline deadline) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(max1ms(deadline.atMost(CONNECT_TIMEOUT)));
        if (in.caFile() != null) b.sslContext(trusting(in.caFile()));
        return b.build();
    }

    /** An SSL context that trusts exactly the certificates of a PEM file (as kubectl's --certificate-authority). */
    static SSLContext trusting(java.nio.file.Path caFile) {
        String pem = InputFiles.readText(caFile, "CA bundle", "--ca-file", InputFiles.PROFILE_MAX);
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) throw new GeneralSecurityException("no certificate");
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) store.setCertificateEntry("ca-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw RhoaiException.invalid("--ca-file: " + caFile + " holds no PEM certificate rhoai can read (" + e.getMessage() + ")",
                    "pass a file of one or more -----BEGIN CERTIFICATE----- blocks");
        }
    }

    private static Duration max1ms(Duration d) {
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }

    // ---- GET /v1/models ------------------------------------------------------------------------------------------

    private JsonNode listModels(HttpClient http, URI base, EndpointTestRequest in, Deadline deadline) {
        URI url = URI.create(base + "/models");
        for (int attempt = 1; ; attempt++) {
            if (deadline.expired()) throw Poller.timedOut("GET " + url, deadline, "no answer", "raise --timeout, or check the endpoint answers");
            HttpRequest.Builder req = HttpRequest.newBuilder(url).GET().timeout(max1ms(deadline.remaining())).header("Accept", "application/json");
            if (in.apiKey() != null) req.header("Authorization", "Bearer " + in.apiKey().reveal());
            Attempt<String> a = exchange(http, req.build(), info -> BodySubscribers.ofString(StandardCharsets.UTF_8), deadline);
            if (a.error() != null) {
                if (a.error().deadline()) throw Poller.timedOut("GET " + url, deadline, a.message(), "raise --timeout, or check the endpoint answers");
                throw RhoaiException.remote("GET " + url + ": " + a.message(), a.error() == ErrorClass.TLS ? TLS_HINT
                        : "check the URL (--url, or the InferenceService's status.url) and that the endpoint is reachable from here", null);
            }
            int status = a.response().statusCode();
            if (status == 429) {
                Duration wait = retryAfter(a.response());
                if (attempt < MAX_ATTEMPTS && wait.compareTo(deadline.remaining()) < 0) {
                    progress.info("GET " + url + ": HTTP 429, retrying after " + Durations.format(wait));
                    Poller.pause(wait, "Retry-After of GET " + url);
                    continue;
                }
            }
            if (status == 401 || status == 403) {
                throw RhoaiException.remote("GET " + url + ": HTTP " + status + " " + snippet(a.response().body()), keyHint(in.apiKey() != null), null);
            }
            if (status / 100 != 2) {
                throw RhoaiException.remote("GET " + url + ": HTTP " + status + " " + snippet(a.response().body()),
                        "check the URL points at an OpenAI-compatible server (vLLM, TGIS adapter, a 3scale gateway) and its /v1 path", null);
            }
            try {
                JsonNode node = Mappers.json().readTree(a.response().body());
                if (node != null && node.path("data").isArray()) return node.path("data");
            } catch (IOException e) {
                // fall through: not the OpenAI list format
            }
            throw RhoaiException.remote("GET " + url + ": HTTP 200 but not an OpenAI model list (no data array)",
                    "check the URL points at an OpenAI-compatible server and its /v1 path", null);
        }
    }

    private static JsonNode pickModel(JsonNode data, URI base, String wanted) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : data) if (m.path("id").isTextual()) ids.add(m.path("id").asText());
        if (ids.isEmpty()) {
            throw RhoaiException.precondition(base + "/models lists no model", "wait until the InferenceService is Ready, then run again");
        }
        String pick = null;
        if (wanted != null && ids.contains(wanted)) pick = wanted;
        else if (ids.size() == 1) pick = ids.get(0);
        if (pick == null) {
            throw RhoaiException.invalid((wanted == null ? "" : "--model: '" + wanted + "' is not served; ") + base + " serves " + ids.size()
                    + " models: " + String.join(", ", ids), "pick one with --model");
        }
        for (JsonNode m : data) if (pick.equals(m.path("id").asText())) return m;
        throw new IllegalStateException("model " + pick + " vanished");
    }

    // ---- the load ------------------------------------------------------------------------------------------------

    /** One request's outcome: success with latency (and TTFT, usage), or a failure class and message. */
    record Result(ErrorClass error, String message, long latencyNanos, Long ttftNanos, Long promptTokens, Long completionTokens, boolean usage) {
        static Result fail(ErrorClass error, String message) {
            return new Result(error, message, 0, null, null, null, false);
        }

        boolean ok() {
            return error == null;
        }
    }

    private record Attempt<T>(HttpResponse<T> response, ErrorClass error, String message) { }

    /** A response body: the text, or for a streamed 200 what the SSE lines said. */
    private record Body(String text, Sse sse) { }

    private final class Load {
        final HttpClient http;
        final URI url;
        final String model;
        final ModelKind kind;
        final EndpointTestRequest in;
        final Deadline deadline;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();

        Load(HttpClient http, URI url, String model, ModelKind kind, EndpointTestRequest in, Deadline deadline) {
            this.http = http;
            this.url = url;
            this.model = model;
            this.kind = kind;
            this.in = in;
            this.deadline = deadline;
        }

        Result[] run(int concurrency) {
            Result[] results = new Result[in.requests()];
            ExecutorService workers = Executors.newFixedThreadPool(concurrency, r -> {
                Thread t = new Thread(r, "rhoai-models-test");
                t.setDaemon(true);
                return t;
            });
            try {
                for (int w = 0; w < concurrency; w++) {
                    workers.submit(() -> {
                        for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                            results[i] = deadline.expired() || Thread.currentThread().isInterrupted()
                                    ? Result.fail(ErrorClass.NOT_STARTED, "the --timeout ran out before it was sent") : one(i);
                        }
                    });
                }
                workers.shutdown();
                // every request is bounded by the deadline; the margin covers the last responses' bookkeeping
                if (!workers.awaitTermination(deadline.remaining().toMillis() + 5_000, TimeUnit.MILLISECONDS)) workers.shutdownNow();
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
                throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted during the requests to " + model, null, e);
            } finally {
                workers.shutdownNow();
            }
            for (int i = 0; i < results.length; i++) {
                if (results[i] == null) results[i] = Result.fail(ErrorClass.TIMEOUT, "still running when the --timeout ran out");
            }
            return results;
        }

        Result one(int i) {
            for (int attempt = 1; ; attempt++) {
                if (deadline.expired()) return Result.fail(ErrorClass.TIMEOUT, "the --timeout ran out between attempts");
                HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(max1ms(deadline.remaining()))
                        .header("Content-Type", "application/json").header("Accept", in.stream() ? "text/event-stream" : "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Mappers.toJson(body(i))));
                if (in.apiKey() != null) req.header("Authorization", "Bearer " + in.apiKey().reveal());
                long t0 = System.nanoTime();
                Attempt<Body> a = exchange(http, req.build(), handler(), deadline);
                long t1 = System.nanoTime();
                if (a.error() != null) return Result.fail(a.error(), a.message());
                int status = a.response().statusCode();
                if (status == 429) {
                    throttled.incrementAndGet();
                    Duration wait = retryAfter(a.response());
                    boolean fits = wait.compareTo(deadline.remaining()) < 0;
                    if (attempt < MAX_ATTEMPTS && fits) {
                        Poller.pause(wait, "Retry-After of request " + (i + 1));
                        continue;
                    }
                    return Result.fail(ErrorClass.RATE_LIMITED, "HTTP 429 after " + attempt + " attempt(s); Retry-After " + Durations.format(wait)
                            + (fits ? "" : " would outlast the --timeout"));
                }
                if (status / 100 != 2) return Result.fail(ErrorClass.ofStatus(status), "HTTP " + status + " " + snippet(a.response().body().text()));
                return judge(a.response().body(), t0, t1);
            }
        }

        ObjectNode body(int i) {
            String prompt = in.prompt() != null ? in.prompt() : PROMPTS.get(i % PROMPTS.size());
            ObjectNode b = Mappers.json().createObjectNode();
            b.put("model", model);
            switch (kind) {
                case CHAT -> b.putArray("messages").addObject().put("role", "user").put("content", prompt);
                case COMPLETIONS -> b.put("prompt", prompt);
                case EMBEDDINGS -> {
                    b.put("input", prompt);
                    return b;
                }
            }
            b.put("max_tokens", in.maxTokens());
            b.put("temperature", 0);
            b.put("stream", in.stream());
            if (in.stream()) b.putObject("stream_options").put("include_usage", true);
            return b;
        }

        BodyHandler<Body> handler() {
            return info -> in.stream() && info.statusCode() == 200
                    ? BodySubscribers.fromLineSubscriber(new Sse(kind), s -> new Body(null, s), StandardCharsets.UTF_8, null)
                    : BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8), s -> new Body(s, null));
        }

        Result judge(Body body, long t0, long t1) {
            long latency = t1 - t0;
            if (body.sse() != null) {
                Sse s = body.sse();
                if (s.error != null) return Result.fail(ErrorClass.STREAM_ERROR, "error event in the stream: " + snippet(s.error));
                if (s.malformed > 0) return Result.fail(ErrorClass.BAD_RESPONSE, s.malformed + " data line(s) of the stream were not JSON");
                if (!s.done) return Result.fail(ErrorClass.STREAM_ERROR, "the stream ended without data: [DONE]");
                return success(latency, s.firstContent == 0 ? null : s.firstContent - t0, s.usage);
            }
            JsonNode node;
            try {
                node = Mappers.json().readTree(body.text());
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) return Result.fail(ErrorClass.BAD_RESPONSE, "HTTP 200 but the body is not JSON: " + snippet(body.text()));
            boolean shaped = switch (kind) {
                case CHAT -> node.path("choices").path(0).path("message").isObject();
                case COMPLETIONS -> node.path("choices").path(0).path("text").isTextual();
                case EMBEDDINGS -> node.path("data").path(0).path("embedding").isArray();
            };
            if (!shaped) {
                String expected = switch (kind) {
                    case CHAT -> "choices[0].message";
                    case COMPLETIONS -> "choices[0].text";
                    case EMBEDDINGS -> "data[0].embedding";
                };
                return Result.fail(ErrorClass.BAD_RESPONSE, "HTTP 200 without " + expected + ": " + snippet(body.text()));
            }
            return success(latency, null, node.get("usage"));
        }

        Result success(long latency, Long ttft, JsonNode usage) {
            boolean has = usage != null && usage.isObject();
            Long prompt = has && usage.path("prompt_tokens").canConvertToLong() ? usage.path("prompt_tokens").asLong() : null;
            Long completion = has && usage.path("completion_tokens").canConvertToLong() ? usage.path("completion_tokens").asLong() : null;
            boolean counted = kind == ModelKind.EMBEDDINGS ? prompt != null : completion != null;
            return new Result(null, null, latency, ttft, prompt, completion, counted);
        }
    }

    /**
     * Collects an SSE answer line by line: the first content (time to first token), an error event, the final usage
     * chunk (sent when {@code stream_options.include_usage} is honoured), and the closing {@code data: [DONE]}.
     */
    static final class Sse implements Flow.Subscriber<String> {
        private final ModelKind kind;
        volatile long firstContent;
        volatile boolean done;
        volatile String error;
        volatile JsonNode usage;
        volatile int malformed;

        Sse(ModelKind kind) {
            this.kind = kind;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("data:")) return;   // comments, event:, id:, blank separators
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                done = true;
                return;
            }
            JsonNode chunk;
            try {
                chunk = Mappers.json().readTree(data);
            } catch (IOException e) {
                malformed++;
                return;
            }
            if (chunk == null || !chunk.isObject()) {
                malformed++;
                return;
            }
            if (chunk.has("error")) {
                JsonNode e = chunk.get("error");
                error = e.isObject() ? e.path("message").asText(e.toString()) : e.asText();
                return;
            }
            if (chunk.path("usage").isObject()) usage = chunk.get("usage");
            JsonNode choice = chunk.path("choices").path(0);
            String content = kind == ModelKind.COMPLETIONS ? choice.path("text").asText("") : choice.path("delta").path("content").asText("");
            if (!content.isEmpty() && firstContent == 0) firstContent = System.nanoTime();
        }

        @Override
        public void onError(Throwable throwable) {
            if (error == null) error = "the stream broke: " + throwable.getMessage();
        }

        @Override
        public void onComplete() {
            // done is set by data: [DONE]
        }
    }

    // ---- one exchange --------------------------------------------------------------------------------------------

    private static <T> Attempt<T> exchange(HttpClient http, HttpRequest req, BodyHandler<T> handler, Deadline deadline) {
        CompletableFuture<HttpResponse<T>> f = http.sendAsync(req, handler);
        try {
            return new Attempt<>(f.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS), null, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Attempt<>(null, ErrorClass.TIMEOUT, "no complete answer before the --timeout ran out");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return new Attempt<>(null, ErrorClass.NOT_STARTED, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return new Attempt<>(null, classify(c, deadline), describe(c));
        }
    }

    static ErrorClass classify(Throwable c, Deadline deadline) {
        for (Throwable t = c; t != null; t = t.getCause()) if (t instanceof SSLException) return ErrorClass.TLS;
        if (c instanceof HttpTimeoutException) return deadline.expired() || !(c instanceof java.net.http.HttpConnectTimeoutException) ? ErrorClass.TIMEOUT : ErrorClass.CONNECTION;
        return ErrorClass.CONNECTION;
    }

    private static String describe(Throwable c) {
        Throwable deepest = c;
        while (deepest.getCause() != null && deepest.getCause() != deepest) deepest = deepest.getCause();
        String what = c instanceof ConnectException || deepest instanceof ConnectException ? "connection refused or unreachable"
                : c instanceof HttpTimeoutException ? "timed out" : c.getClass().getSimpleName();
        String msg = deepest.getMessage();
        return msg == null || msg.isBlank() ? what : what + " (" + msg + ")";
    }

    /** Retry-After in seconds or as an HTTP date; 1 s when absent or unreadable; never negative. */
    static Duration retryAfter(HttpResponse<?> response) {
        String v = response.headers().firstValue("Retry-After").orElse(null);
        if (v == null) return DEFAULT_RETRY_AFTER;
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    /** The start of an error body on one line, for messages (the output escapes control characters and masks secrets). */
    static String snippet(String body) {
        if (body == null || body.isBlank()) return "(empty body)";
        String one = body.strip().replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }

    // ---- the report ----------------------------------------------------------------------------------------------

    private static EndpointTestReport report(EndpointTestRequest in, URI base, String where, String model, ModelKind kind, String kindSource,
                                             int concurrency, Result[] results, int throttled, long wallNanos) {
        List<Long> latencies = new ArrayList<>();
        List<Long> ttfts = new ArrayList<>();
        Map<String, Integer> errors = new TreeMap<>();
        Map<String, String> samples = new TreeMap<>();
        int ok = 0, withUsage = 0;
        long prompt = 0, completion = 0;
        for (Result r : results) {
            if (!r.ok()) {
                errors.merge(r.error().word(), 1, Integer::sum);
                samples.putIfAbsent(r.error().word(), r.message());
                continue;
            }
            ok++;
            latencies.add(r.latencyNanos());
            if (r.ttftNanos() != null) ttfts.add(r.ttftNanos());
            if (r.usage()) withUsage++;
            if (r.promptTokens() != null) prompt += r.promptTokens();
            if (r.completionTokens() != null) completion += r.completionTokens();
        }
        Tokens tokens;
        if (ok == 0) tokens = new Tokens("unknown", null, null, null, "no successful answer");
        else if (withUsage < ok) {
            tokens = new Tokens("unknown", null, null, null, (ok - withUsage) + " of " + ok + " answers carried no usage"
                    + (in.stream() ? " (the server ignored stream_options.include_usage)" : "") + "; rhoai does not estimate tokens");
        } else {
            double seconds = wallNanos / 1e9;
            long counted = kind == ModelKind.EMBEDDINGS ? prompt : completion;
            tokens = new Tokens("usage", prompt, kind == ModelKind.EMBEDDINGS ? null : completion,
                    seconds <= 0 ? null : Math.round(counted / seconds * 10) / 10.0,
                    (kind == ModelKind.EMBEDDINGS ? "prompt" : "completion") + " tokens per second of the whole run, all requests together");
        }
        String url = base.toString();
        return new EndpointTestReport(url, where, model, kind, kindSource, in.stream(), in.apiKey() == null ? "none" : in.apiKey().origin(),
                results.length, concurrency, ok, results.length - ok, errors, samples, throttled, percentiles(latencies),
                in.stream() ? percentiles(ttfts) : null, tokens, Math.round(wallNanos / 1e6), Durations.format(in.timeout()));
    }

    static Percentiles percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) return null;
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return new Percentiles(ms(rank(sorted, 50)), ms(rank(sorted, 95)), ms(sorted.get(sorted.size() - 1)));
    }

    /** Nearest-rank percentile. */
    static long rank(List<Long> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }
}
