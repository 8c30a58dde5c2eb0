package io.rhoai.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A Kubernetes API server that answers every request with one error {@code Status}, built from the request by
 * {@code message}: it can quote the request body or reflect the headers, as careless webhooks and proxies do.
 */
public final class HostileApiServer implements AutoCloseable {
    public record Request(String method, String path, String headers, String body) { }

    private final HttpServer server;

    /** An answer: the HTTP status and the Status message (code 404 for reads makes a client treat the object as absent). */
    public record Reply(int code, String message) { }

    public HostileApiServer(int code, Function<Request, String> message) {
        this(req -> new Reply(code, message.apply(req)));
    }

    public HostileApiServer(Function<Request, Reply> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder headers = new StringBuilder();
            ex.getRequestHeaders().forEach((k, v) -> headers.append(k).append(": ").append(String.join(",", v)).append("; "));
            Reply reply = answer.apply(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers.toString(), body));
            int code = reply.code();
            String json = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":" + code
                    + ",\"message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(reply.message()) + "}";
            byte[] out = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(code, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A kubeconfig for this server whose user authenticates with {@code token}. */
    public Path kubeconfig(Path dir, String token) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: hostile
                  cluster:
                    server: %s
                users:
                - name: admin
                  user:
                    token: %s
                contexts:
                - name: hostile
                  context:
                    cluster: hostile
                    user: admin
                current-context: hostile
                """.formatted(url(), token));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
