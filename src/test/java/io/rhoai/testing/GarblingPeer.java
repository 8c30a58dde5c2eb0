package io.rhoai.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A peer on 127.0.0.1 that answers every connection with something that is not the protocol the client speaks: what a
 * wrong port, a captive portal, a TLS-terminating proxy's error page or a crashed server looks like to a client.
 * Each connection gets the same {@link Answer}; close it after the test.
 */
public final class GarblingPeer implements AutoCloseable {
    /** The ways a remote answers with something that is not its protocol. */
    public enum Answer {
        /** Binary bytes, control characters and an escape sequence, sent at once (before any request): not HTTP, not TLS. */
        GARBAGE,
        /** A well-formed HTTP 200 whose body is an HTML page: a portal or a proxy's error page instead of the API. */
        HTML,
        /** A well-formed HTTP 200 declaring JSON whose body is not JSON. */
        BROKEN_JSON,
        /** Accepts and closes at once, without a byte. */
        CLOSE,
        /** Starts an HTTP answer and closes in the middle of it. */
        TRUNCATED
    }

    static final byte[] GARBAGE_BYTES = ("\u0000\u0001\u00ff\u00fe\u001b]0;owned\u0007\u001b[2J\u202e garbage \r\n\r\n\u0000")
            .getBytes(StandardCharsets.UTF_8);

    private final Answer answer;
    private final ServerSocket socket;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public GarblingPeer(Answer answer) {
        this.answer = answer;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "garbling-peer-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code scheme://127.0.0.1:port}. */
    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "garbling-peer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; OutputStream out = s.getOutputStream()) {
            switch (answer) {
                case CLOSE -> { }
                case GARBAGE -> out.write(GARBAGE_BYTES);
                default -> {
                    readRequestHead(s);
                    out.write(switch (answer) {
                        case HTML -> http("text/html", "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Network login</h1></body></html>");
                        case BROKEN_JSON -> http("application/json", "{\"kind\": \"Status\", \"message\": \"half");
                        default -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"a\":".getBytes(StandardCharsets.US_ASCII);
                    });
                }
            }
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static byte[] http(String type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return ("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads up to the blank line that ends an HTTP request head; a client that sends something else (a TLS ClientHello)
     * and waits gets the answer once it has been quiet for a moment.
     */
    private static void readRequestHead(Socket s) throws IOException {
        s.setSoTimeout(300);
        InputStream in = s.getInputStream();
        int state = 0;
        try {
            for (int c; (c = in.read()) >= 0; ) {
                state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                if (state == 4) return;
            }
        } catch (java.net.SocketTimeoutException quiet) {
            // not HTTP, or a request without a blank line: answer anyway
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (Socket s : open) s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
