package io.rhoai.kube;

import io.rhoai.core.time.Deadline;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rhoai.core.Causes;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Poller;


import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Retries the API errors that go away by themselves: 429 throttling, 5xx and connections dropped mid-stream, with
 * exponential backoff inside the caller's {@link Deadline}. Everything else fails at once: 400, 401, 403, 404, 422,
 * server-side-apply field conflicts, 409, and an API that cannot be reached at all (connection refused, unknown host,
 * TLS handshake or trust failure): those do not heal within a run, and kubectl reports them in a fraction of a second,
 * so retrying them for the whole {@code --timeout} only hides the cause. A 409 on an optimistic write means the object changed since it was read; sending the same
 * body again can never succeed (client-go's RetryOnConflict: "you need to refetch it on every try"), so conflicts are
 * retried only by {@link MergeWriter}, from a fresh read. When the deadline runs out the last error is reported as a
 * {@link ErrorKind#REMOTE} failure naming the operation.
 *
 * <p>Each attempt is cut at the time left of the deadline, so no request outlives {@code --timeout} whatever the
 * client's own per-request timeout ({@code --request-timeout}) is: a server that accepts and never answers ends the
 * run on time, as a {@link ErrorKind#TIMEOUT} naming the server.
 *
 * <p>{@link #failure} is the one place a {@link KubernetesClientException} becomes a user message with a hint; it names
 * the API server ({@link KubeClients#serverOf}) and the cause, never the credentials.
 *
 * <pre>{@code
 * GenericKubernetesResource live = Retry.call("read Subscription x", deadline, () -> resource.get());
 * }</pre>
 */
public final class Retry {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /**
     * Runs each attempt, so the caller can stop waiting for it when the deadline passes. Daemon threads: an abandoned
     * request never keeps the process alive, and closing the client cancels it.
     */
    private static final ExecutorService ATTEMPTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rhoai-api-request");
        t.setDaemon(true);
        return t;
    });

    private Retry() { }

    public static <T> T call(String what, Deadline deadline, Supplier<T> operation) {
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return within(what, deadline, operation);
            } catch (KubernetesClientException e) {
                if (!isTransient(e) || deadline.remaining().compareTo(backoff) <= 0) {
                    throw failure(what, e, attempt);
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
                if (backoff.compareTo(MAX_BACKOFF) > 0) backoff = MAX_BACKOFF;
            }
        }
    }

    public static void run(String what, Deadline deadline, Runnable operation) {
        call(what, deadline, () -> {
            operation.run();
            return null;
        });
    }

    /** One attempt, given no more than the time left of the deadline. */
    private static <T> T within(String what, Deadline deadline, Supplier<T> operation) {
        Future<T> attempt = ATTEMPTS.submit(operation::get);
        try {
            return attempt.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            String server = KubeClients.serverOf(null);
            throw Poller.timedOut(what, deadline, "no answer from " + (server == null ? "the Kubernetes API" : server),
                    "check the API server answers (kubectl --request-timeout=10s get --raw /version), or raise --timeout");
        } catch (InterruptedException e) {
            attempt.cancel(true);
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted during " + what, null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * 429, 5xx, and a connection dropped or timed out once it was made (reset, closed watch). Never 409, and never an API
     * that cannot be reached: connection refused, unknown host, no route, TLS handshake or certificate failures.
     */
    public static boolean isTransient(KubernetesClientException e) {
        int code = e.getCode();
        if (code == 429 || code >= 500) return true;
        if (code > 0 || unreachable(e) != null || notTheApi(e) != null) return false;
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) return true;
        }
        return false;
    }

    /** Why the API cannot be reached at all, in a few words, or null when it was reached (or the cause is unknown). */
    static String unreachable(Throwable e) {
        Throwable tls = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) return "unknown host (" + firstLine(t.getMessage()) + ")";
            if (t instanceof NoRouteToHostException) return "no route to host";
            // Netty's ConnectTimeoutException is a ConnectException too: a host that drops the connection attempt
            if (t instanceof ConnectException) {
                String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
                return m.contains("timed out") ? "connection timed out" : m.contains("refused") ? "connection refused" : firstLine(t.getMessage());
            }
            // the deepest TLS error says why ("unable to find valid certification path"); the outer ones do not
            if (t instanceof SSLException || t instanceof CertificateException) tls = t;
            if (t instanceof SSLException && t.getMessage() != null && (t.getMessage().contains("not an SSL/TLS record")
                    || t.getMessage().contains("plaintext connection"))) {
                return "no TLS: the server answered with bytes that are not TLS (plain HTTP, or another protocol on that port)";
            }
        }
        if (tls instanceof CertificateException) return "TLS handshake failed: the server's certificate is not trusted (" + plain(tls.getMessage()) + ")";
        return tls == null ? null : "TLS handshake failed (" + plain(tls.getMessage()) + ")";
    }

    /** A JDK message without the Java class names it quotes ("…: sun.security…SunCertPathBuilderException: unable to …"). */
    private static String plain(String message) {
        String m = firstLine(message);
        int cut = m.lastIndexOf("Exception: ");
        return cut < 0 ? m : m.substring(cut + "Exception: ".length());
    }

    /**
     * Why an answer that arrived is not the Kubernetes API's (an HTML page, a body that is not JSON or not the expected
     * object, bytes that are not HTTP), in a few words without Java type names, or null. Retrying cannot fix it.
     */
    static String notTheApi(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JacksonException j) {
                String body = j instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getMessage() != null
                        && m.getMessage().contains("from String value") ? "a text answer" : "an answer";
                return body + " that is not the Kubernetes API's JSON";
            }
            String m = t.getMessage();
            if (t instanceof IllegalArgumentException && m != null && m.startsWith("invalid version format")) {
                return "an answer that is not HTTP";
            }
            if (m != null && m.contains("Invalid Http response")) return "an answer that is not HTTP";
        }
        return null;
    }

    /** A server-side apply conflict: another field manager owns a field with a different value. Not transient. */
    public static boolean isFieldManagerConflict(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getDetails() != null && e.getStatus().getDetails().getCauses() != null) {
            if (e.getStatus().getDetails().getCauses().stream().anyMatch(c -> "FieldManagerConflict".equals(c.getReason()))) {
                return true;
            }
        }
        String m = e.getMessage();
        return m != null && m.contains("conflict") && m.contains("manager");
    }

    /** The client error behind a failure this class reported, or null. */
    public static KubernetesClientException clientError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k) return k;
        }
        return null;
    }

    /** The HTTP status behind a failure, or 0 when there was none. */
    public static int status(Throwable e) {
        KubernetesClientException k = clientError(e);
        return k == null ? 0 : k.getCode();
    }

    /**
     * The user message for any failure with a client error in its chain (for the CLI's last-resort error path, which
     * sees errors raised outside {@link #call}), or null when there is none.
     */
    /**
     * Any failure as the one error type, the way the CLI reports it: a {@link RhoaiException} anywhere in the causes,
     * an interrupt, a client error (as {@link #failureOf}), else an internal error. Composers of engines (bootstrap)
     * use it so a stage fails with the exit code its own command would give.
     */
    public static RhoaiException asRhoai(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RhoaiException r) return r;
        }
        if (ex instanceof InterruptedException) {
            return new RhoaiException(ErrorKind.INTERRUPTED, "interrupted", null, ex);
        }
        // a client error raised outside Retry (an engine calling the client directly): the same message Retry gives
        RhoaiException remote = failureOf(ex);
        if (remote != null) return remote;
        String msg = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        return new RhoaiException(ErrorKind.INTERNAL, "internal error: " + msg, null, ex);
    }

    public static RhoaiException failureOf(Throwable e) {
        KubernetesClientException k = clientError(e);
        return k == null ? null : failure("Kubernetes API request", k);
    }

    public static RhoaiException failure(String what, KubernetesClientException e) {
        return failure(what, e, 1);
    }

    static RhoaiException failure(String what, KubernetesClientException e, int attempts) {
        String found = KubeClients.serverOf(e);
        String server = found == null ? "the Kubernetes API" : "the Kubernetes API at " + found;
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        String unreachable = e.getCode() > 0 ? null : unreachable(e);
        if (unreachable != null) {
            String hint = unreachable.startsWith("TLS")
                    ? "check the kubeconfig's certificate-authority-data for this server (kubectl cluster-info uses the same settings)"
                    : "check that --kubeconfig/--context (or KUBECONFIG and its current-context) name a cluster you can reach;"
                            + " 'kubectl cluster-info' uses the same settings";
            return new RhoaiException(ErrorKind.REMOTE, "cannot reach " + server + ": " + unreachable + " (" + what + ")", hint, e);
        }
        String notTheApi = notTheApi(e);
        if (notTheApi != null) {
            return new RhoaiException(ErrorKind.REMOTE, server + " did not answer as a Kubernetes API server does (" + what + "): " + notTheApi,
                    "check that the kubeconfig's server URL (--kubeconfig/--context) is the cluster's API endpoint and that no proxy answers in its place", e);
        }
        String status = e.getCode() > 0 ? "HTTP " + e.getCode() : "no response";
        // summarised for Secrets: the server's message may quote the object, and so the secret
        String detail = RemoteMessages.concernsSecret(e) || (e.getStatus() != null && e.getStatus().getMessage() != null)
                ? RemoteMessages.detail(e) : Causes.plain(e);
        String hint = switch (e.getCode()) {
            case 401 -> "log in again (oc login) or pass another --kubeconfig/--context: the credentials in use were refused";
            case 403 -> "the identity in use lacks permission; use a cluster-admin context";
            case 404 -> "the API or object does not exist on this cluster";
            case 429, 500, 502, 503, 504 -> "the API server is overloaded or failing; try again later, or raise --timeout to retry for longer";
            default -> "check the cluster is reachable with the kubeconfig and context in use (--kubeconfig, --context)";
        };
        String at = found == null ? "" : " at " + found;
        return new RhoaiException(ErrorKind.REMOTE, what + " failed (" + status + tries + ")" + at + ": " + firstLine(detail), hint, e);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static void sleep(Duration d) {
        Poller.pause(d, "a retry");
    }
}
