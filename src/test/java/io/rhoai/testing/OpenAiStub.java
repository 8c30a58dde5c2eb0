package io.rhoai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local OpenAI-compatible server (JDK {@code com.sun.net.httpserver}) answering as vLLM does: {@code GET /v1/models}
 * and, per test, any {@link Reply} to the POSTs (JSON, SSE streams, errors with headers, slow answers). The payloads
 * are vLLM's shapes (ids, objects, {@code usage}, the final usage chunk of a stream, {@code data: [DONE]}). It does not
 * model HTTP/2, keep-alive limits or a real model's timing.
 */
public final class OpenAiStub implements AutoCloseable {
    static {
        // like a real server: without it the JDK server's Nagle delays each answer ~40 ms behind the client's delayed ACK
        // (read once, when the JDK's server classes load)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One POST the stub received: its order (from 1), path, Authorization header and JSON body. */
    public record Call(int n, String path, String authorization, JsonNode body) { }

    /** What to answer: status, headers, body; {@code chunks} streamed as SSE events; {@code delayMillis} before answering. */
    public record Reply(int status, Map<String, String> headers, String body, List<String> chunks, long delayMillis) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, null, 0);
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, chunks, delayMillis);
        }

        public Reply delayed(long millis) {
            return new Reply(status, headers, body, chunks, millis);
        }

        public static Reply sse(List<String> chunks) {
            return new Reply(200, Map.of("Content-Type", "text/event-stream"), null, chunks, 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "openai-stub");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger posts = new AtomicInteger();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile List<String> models = List.of("granite-3-8b-instruct");
    private volatile Reply modelsReply;
    private volatile Function<Call, Reply> replies = c -> Reply.json(200, chat(c.body().path("model").asText()));

    private final boolean tls;

    public OpenAiStub() throws IOException {
        this(null);
    }

    /** @param tls null: plain HTTP; else HTTPS with this server context ({@link #url()} then names localhost) */
    public OpenAiStub(javax.net.ssl.SSLContext tls) throws IOException {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(at, 0);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(at, 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        }
        this.tls = tls != null;
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return (tls ? "https://localhost:" : "http://127.0.0.1:") + server.getAddress().getPort();
    }

    public OpenAiStub models(String... ids) {
        models = List.of(ids);
        return this;
    }

    /** Answer GET /v1/models with this instead of the list. */
    public OpenAiStub modelsReply(Reply r) {
        modelsReply = r;
        return this;
    }

    public OpenAiStub replies(Function<Call, Reply> f) {
        replies = f;
        return this;
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Reply reply;
            if (ex.getRequestMethod().equals("GET") && path.equals("/v1/models")) {
                reply = modelsReply != null ? modelsReply : Reply.json(200, modelList());
            } else if (ex.getRequestMethod().equals("POST")) {
                JsonNode body = Mappers.json().readTree(ex.getRequestBody().readAllBytes());
                Call call = new Call(posts.incrementAndGet(), path, ex.getRequestHeaders().getFirst("Authorization"), body);
                calls.add(call);
                reply = replies.apply(call);
            } else {
                reply = Reply.json(404, "{\"detail\":\"Not Found\"}");
            }
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            if (reply.chunks() != null) {
                ex.sendResponseHeaders(reply.status(), 0);
                OutputStream out = ex.getResponseBody();
                for (String chunk : reply.chunks()) {
                    out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                return;
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) ex.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client went away (a deadline cut the request): nothing to answer
        }
    }

    private String modelList() {
        StringBuilder b = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < models.size(); i++) {
            if (i > 0) b.append(',');
            b.append("{\"id\":\"").append(models.get(i)).append("\",\"object\":\"model\",\"created\":1733130000,\"owned_by\":\"vllm\","
                    + "\"root\":\"/mnt/models\",\"parent\":null,\"max_model_len\":8192,\"permission\":[{\"id\":\"modelperm-1\",\"object\":\"model_permission\","
                    + "\"created\":1733130000,\"allow_create_engine\":false,\"allow_sampling\":true,\"allow_logprobs\":true,\"allow_search_indices\":false,"
                    + "\"allow_view\":true,\"allow_fine_tuning\":false,\"organization\":\"*\",\"group\":null,\"is_blocking\":false}]}");
        }
        return b.append("]}").toString();
    }

    // ---- vLLM's payloads ---------------------------------------------------------------------------------------------

    public static String chat(String model) {
        return "{\"id\":\"chatcmpl-7f3c\",\"object\":\"chat.completion\",\"created\":1733130001,\"model\":\"" + model + "\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris is the capital of France.\",\"tool_calls\":[]},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}],"
                + "\"usage\":{\"prompt_tokens\":18,\"total_tokens\":26,\"completion_tokens\":8,\"prompt_tokens_details\":null},\"prompt_logprobs\":null}";
    }

    public static String completion(String model) {
        return "{\"id\":\"cmpl-91ab\",\"object\":\"text_completion\",\"created\":1733130001,\"model\":\"" + model + "\","
                + "\"choices\":[{\"index\":0,\"text\":\" Paris is the capital of France.\",\"logprobs\":null,\"finish_reason\":\"length\",\"stop_reason\":null}],"
                + "\"usage\":{\"prompt_tokens\":11,\"total_tokens\":27,\"completion_tokens\":16}}";
    }

    public static String embedding(String model) {
        return "{\"id\":\"embd-5d2e\",\"object\":\"list\",\"created\":1733130001,\"model\":\"" + model + "\","
                + "\"data\":[{\"index\":0,\"object\":\"embedding\",\"embedding\":[0.0123,-0.0456,0.0789,0.0012]}],"
                + "\"usage\":{\"prompt_tokens\":9,\"total_tokens\":9,\"completion_tokens\":0,\"prompt_tokens_details\":null}}";
    }

    /** A streamed chat answer as vLLM sends it; the usage chunk only when the request asked for it. */
    public static List<String> chatStream(String model, boolean usage) {
        String head = "{\"id\":\"chatcmpl-7f3c\",\"object\":\"chat.completion.chunk\",\"created\":1733130001,\"model\":\"" + model + "\",";
        List<String> out = new ArrayList<>(List.of(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Paris\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" is the capital of France.\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}]}"));
        if (usage) out.add(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":18,\"total_tokens\":26,\"completion_tokens\":8}}");
        out.add("[DONE]");
        return out;
    }

    public static List<String> completionStream(String model) {
        String head = "{\"id\":\"cmpl-91ab\",\"object\":\"text_completion\",\"created\":1733130001,\"model\":\"" + model + "\",";
        return List.of(
                head + "\"choices\":[{\"index\":0,\"text\":\" Paris\",\"logprobs\":null,\"finish_reason\":null,\"stop_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"text\":\" is the capital.\",\"logprobs\":null,\"finish_reason\":\"length\",\"stop_reason\":null}]}",
                "[DONE]");
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
