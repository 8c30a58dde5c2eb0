package io.rhoai.cli.models;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.core.secret.Secret;
import io.rhoai.kube.KubeClients;
import io.rhoai.models.endpoint.EndpointTestReport;
import io.rhoai.models.endpoint.EndpointTestReport.Percentiles;
import io.rhoai.models.endpoint.EndpointTestRequest;
import io.rhoai.models.endpoint.EndpointTestRequest.EndpointSource;
import io.rhoai.models.endpoint.EndpointTester;
import io.rhoai.models.endpoint.InferenceServiceEndpoint;
import io.rhoai.models.endpoint.ModelKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Load-test an OpenAI-compatible model endpoint, non-interactively: GET /v1/models, then --requests chat completions,",
                "completions or embeddings (by the model's kind, or --kind) at --concurrency, streamed (SSE) or not. Reports successes,",
                "errors by class, p50/p95 latency, time to first token when streamed and tokens/s from the answers' usage.",
                "The endpoint is --url, or the status.url of the InferenceService --model in -n NAMESPACE (one read of the cluster).",
                "Exit 0 when every request succeeded, 5 when the --timeout ended the run, 6 when any request failed."},
        footer = {"%nExamples:",
                "  RHOAI_MODEL_API_KEY_FILE=~/.config/rhoai/granite-key rhoai models test \\",
                "      --url https://granite-models.apps.example.com",
                "  rhoai models test --model granite-3b -n models --requests 50 --concurrency 8 \\",
                "      --stream --api-key-file key.txt",
                "  rhoai models test --url https://gw.example.com/granite/v1 --kind completions \\",
                "      -o json | jq .latencyMs",
                "  rhoai models test --url https://nomic-embed.apps.example.com \\",
                "      --kind embeddings --ca-file ingress-ca.pem"})
public class ModelsTestCommand extends BaseCommand {
    @Mixin KubeOptions kube;

    @Option(names = "--url", paramLabel = "URL", description = "The endpoint (https://host[/path]); /v1 is appended unless the path ends with it.")
    String url;

    @Option(names = "--model", paramLabel = "NAME",
            description = "The served model to test (default: the only one /v1/models lists); without --url, also the InferenceService to read the URL from.")
    String model;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "Namespace of the InferenceService (default: the kubeconfig context's).")
    String namespace;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "auto",
            description = "auto, chat, completions or embeddings (default: ${DEFAULT-VALUE}: embeddings when the model's id or task says so, else chat).")
    String kind;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "10", description = "Number of requests (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "2", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--stream", description = "Stream the answers (SSE) and measure the time to first token.")
    boolean stream;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "64", description = "max_tokens of each chat or completion request (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "The prompt of every request (default: five built-in questions in turn).")
    String prompt;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "File holding the endpoint's API key, sent as a Bearer token (else RHOAI_MODEL_API_KEY_FILE or RHOAI_MODEL_API_KEY; none: no key).")
    Path apiKeyFile;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM file of the CAs to trust for the endpoint, instead of the JDK's.")
    Path caFile;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        ModelKind k = "auto".equalsIgnoreCase(kind.strip()) ? null : ModelKind.parse(kind.strip());
        if (k == null && !"auto".equalsIgnoreCase(kind.strip())) {
            throw new ParameterException(spec.commandLine(), "--kind: '" + kind + "' is not auto, chat, completions or embeddings");
        }
        if (url == null && model == null) {
            throw new ParameterException(spec.commandLine(), "pass --url URL, or --model NAME [-n NAMESPACE] to read the InferenceService's URL");
        }
        Secret key = secrets().find("model API key", apiKeyFile, "--api-key-file", "RHOAI_MODEL_API_KEY");
        EndpointTester tester = new EndpointTester(progress());
        EndpointTestReport report;
        try (KubernetesClient client = url == null ? KubeClients.connect(kube.target(env())) : null) {
            EndpointSource source = url != null ? EndpointSource.fixed(parse(url)) : new InferenceServiceEndpoint(client, namespace, model);
            report = tester.run(new EndpointTestRequest(source, model, k, requests, concurrency, stream, maxTokens, prompt, key, caFile, timeout));
        }
        return finish(report, ModelsTestCommand::text);
    }

    private URI parse(String value) {
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--url: '" + value + "' is not a URL (" + e.getReason() + ")");
        }
    }

    static String text(EndpointTestReport r) {
        StringBuilder b = new StringBuilder();
        b.append("endpoint   ").append(r.url()).append("  (").append(r.source()).append(")\n");
        b.append("model      ").append(r.model()).append("  ").append(r.kind().word()).append(r.stream() ? ", streamed" : "")
                .append("  (").append(r.kindSource()).append(")\n");
        b.append("requests   ").append(r.requests()).append(" at concurrency ").append(r.concurrency()).append(": ")
                .append(r.succeeded()).append(" succeeded, ").append(r.failed()).append(" failed")
                .append(r.throttled() > 0 ? ", " + r.throttled() + " HTTP 429 retried after Retry-After" : "").append('\n');
        b.append("latency    ").append(ms(r.latencyMs())).append('\n');
        if (r.stream()) b.append("ttft       ").append(ms(r.timeToFirstTokenMs())).append('\n');
        b.append("tokens/s   ").append(r.tokens().perSecond() == null ? "unknown (" + r.tokens().note() + ")"
                : r.tokens().perSecond() + " (" + r.tokens().note() + ")").append('\n');
        b.append("duration   ").append(r.durationMs()).append(" ms of --timeout ").append(r.timeout()).append('\n');
        if (!r.errors().isEmpty()) {
            Table t = new Table("ERROR", "COUNT", "FIRST MESSAGE");
            r.errors().forEach((cls, n) -> t.row(cls, n, r.errorSamples().get(cls)));
            b.append('\n').append(t);
        }
        return b.toString();
    }

    private static String ms(Percentiles p) {
        return p == null ? "-" : "p50 " + p.p50() + " ms  p95 " + p.p95() + " ms  max " + p.max() + " ms";
    }
}
