package io.rhoai.models.endpoint;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Blocking;
import io.rhoai.core.RhoaiException;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of {@code models test}. {@code errors} counts failed requests per {@link ErrorClass} word and
 * {@code errorSamples} keeps the first message of each class. Latencies are of the successful requests, in
 * milliseconds; {@code timeToFirstTokenMs} only when streamed. Blocks (exit code) when any request failed: 5 when the
 * only failures are the deadline's ({@code timeout}, {@code not-started}), else 6.
 */
@RegisterForReflection
@JsonPropertyOrder({"url", "source", "model", "kind", "kindSource", "stream", "apiKey", "requests", "concurrency", "succeeded", "failed",
        "errors", "errorSamples", "throttled", "latencyMs", "timeToFirstTokenMs", "tokens", "durationMs", "timeout"})
public record EndpointTestReport(String url, String source, String model, ModelKind kind, String kindSource, boolean stream, String apiKey,
                                 int requests, int concurrency, int succeeded, int failed, Map<String, Integer> errors,
                                 Map<String, String> errorSamples, int throttled, Percentiles latencyMs, Percentiles timeToFirstTokenMs,
                                 Tokens tokens, long durationMs, String timeout) implements Blocking {

    /** Nearest-rank percentiles over the successful requests, in milliseconds with one decimal. */
    @RegisterForReflection
    @JsonPropertyOrder({"p50", "p95", "max"})
    public record Percentiles(double p50, double p95, double max) { }

    /**
     * Tokens from the answers' {@code usage}: completion tokens for chat and completions, prompt tokens for embeddings,
     * over the run's wall-clock time. {@code source} is {@code usage}, or {@code unknown} when an answer had no usage
     * (then the numbers are null: rhoai does not count tokens itself).
     */
    @RegisterForReflection
    @JsonPropertyOrder({"source", "promptTokens", "completionTokens", "perSecond", "note"})
    public record Tokens(String source, Long promptTokens, Long completionTokens, Double perSecond, String note) { }

    @Override
    public Optional<RhoaiException> blockedBy() {
        if (failed == 0) return Optional.empty();
        String classes = errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        boolean onlyDeadline = errors.keySet().stream().allMatch(w -> w.equals(ErrorClass.TIMEOUT.word()) || w.equals(ErrorClass.NOT_STARTED.word()));
        if (onlyDeadline) {
            return Optional.of(RhoaiException.timeout("timed out after " + timeout + " waiting for " + requests + " requests to " + model
                    + "; last state: " + succeeded + " succeeded, " + classes, "raise --timeout, or lower --requests or raise --concurrency"));
        }
        String hint;
        if (errors.containsKey(ErrorClass.UNAUTHORIZED.word())) hint = EndpointTester.keyHint(!"none".equals(apiKey));
        else if (errors.containsKey(ErrorClass.TLS.word())) hint = EndpointTester.TLS_HINT;
        else hint = "read the first message of each error class in the report (errorSamples in -o json) and the model server's log";
        return Optional.of(RhoaiException.remote(failed + " of " + requests + " requests to " + model + " at " + url + " failed (" + classes + ")",
                hint, null));
    }
}
