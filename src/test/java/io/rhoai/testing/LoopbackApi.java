package io.rhoai.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A tiny HTTP/1.1 API server on 127.0.0.1 for the failures a real API server shows and a mock server cannot: a fixed
 * status for every request (401, 403, 500), a request that is accepted and never answered ({@link Reply#HANG}), or
 * answers chosen per request (a list that works and a watch that hangs). {@link #silent()} is the plainest hang: a
 * socket that accepts connections and never reads or writes a byte.
 */
public final class LoopbackApi implements AutoCloseable {
    /** What to send back: a status and a JSON body, or nothing ever ({@link #HANG}). */
    public record Reply(int status, String body) {
        public static final Reply HANG = new Reply(-1, null);
        /** Pass the request on to the upstream server of {@link #proxy}. */
        public static final Reply FORWARD = new Reply(-2, null);

        public static Reply json(String body) {
            return new Reply(200, body);
        }

        /** A Kubernetes Status object, as the API server sends with an error code. */
        public static Reply status(int code, String reason, String message) {
            return new Reply(code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                    + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
        }
    }

    /** Method and path (with query) of every request received. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final BiFunction<String, String, Reply> handler;
    private final java.net.URI upstream;

    private LoopbackApi(BiFunction<String, String, Reply> handler) throws IOException {
        this(handler, null);
    }

    private LoopbackApi(BiFunction<String, String, Reply> handler, java.net.URI upstream) throws IOException {
        this.handler = handler;
        this.upstream = upstream;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "loopback-api-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers each request with what {@code handler(method, pathAndQuery)} returns. */
    public static LoopbackApi answering(BiFunction<String, String, Reply> handler) throws IOException {
        return new LoopbackApi(handler);
    }

    /** The same reply to every request. */
    public static LoopbackApi always(Reply reply) throws IOException {
        return new LoopbackApi((m, p) -> reply);
    }

    /**
     * A proxy in front of a plain-HTTP API server (a mock server) that forwards every request except those for which
     * {@code hang(pathAndQuery)} holds: those are accepted and never answered (a watch that never starts).
     */
    public static LoopbackApi proxy(String upstreamUrl, java.util.function.Predicate<String> hang) throws IOException {
        return new LoopbackApi((m, p) -> hang.test(p) ? Reply.HANG : Reply.FORWARD, java.net.URI.create(upstreamUrl));
    }

    /** Accepts every connection and never answers (never even reads the request). */
    public static LoopbackApi silent() throws IOException {
        return new LoopbackApi(null);
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** A kubeconfig for {@code server} whose user has {@code token}: tests check the token is never shown. */
    public static Path kubeconfig(Path dir, String server, String token) throws IOException {
        Path file = dir.resolve("kubeconfig-" + Math.abs(server.hashCode()));
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: %s
                users:
                - name: u
                  user:
                    token: %s
                contexts:
                - name: ctx
                  context:
                    cluster: c
                    user: u
                current-context: ctx
                """.formatted(server, token));
        return file;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                if (handler == null) continue;   // silent: the connection stays open and nothing is read or written
                Thread t = new Thread(() -> serve(s), "loopback-api-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) return;
                int length = 0;
                List<String> headers = new java.util.ArrayList<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    if (h.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(h.substring(15).strip());
                    headers.add(h);
                }
                byte[] requestBody = in.readNBytes(length);
                String[] parts = requestLine.split(" ");
                requests.add(parts[0] + " " + parts[1]);
                Reply reply = handler.apply(parts[0], parts[1]);
                if (reply == Reply.FORWARD) {
                    forward(requestLine, headers, requestBody, out);
                    return;   // the upstream answered with Connection: close; so does this connection
                }
                if (reply.status() < 0) {
                    while (!s.isClosed() && in.read() >= 0) { }   // hang: keep the connection, never answer
                    return;
                }
                byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + reply.status() + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void forward(String requestLine, List<String> headers, byte[] body, OutputStream out) throws IOException {
        try (Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
            StringBuilder head = new StringBuilder(requestLine).append("\r\n");
            for (String h : headers) {
                String name = h.toLowerCase();
                if (!name.startsWith("connection:") && !name.startsWith("keep-alive:")) head.append(h).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream upOut = up.getOutputStream();
            upOut.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            upOut.write(body);
            upOut.flush();
            up.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.write(c);
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) s.close();
    }
}
