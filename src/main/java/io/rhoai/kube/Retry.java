package io.rhoai.kube;

import io.rhoai.core.time.Deadline;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Poller;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries the API errors that go away by themselves: 429 throttling, 5xx and dropped connections, with exponential
 * backoff inside the caller's {@link Deadline}. Everything else fails at once: 400, 401, 403, 404, 422, server-side-apply
 * field conflicts, and 409. A 409 on an optimistic write means the object changed since it was read; sending the same
 * body again can never succeed (client-go's RetryOnConflict: "you need to refetch it on every try"), so conflicts are
 * retried only by {@link MergeWriter}, from a fresh read. When the deadline runs out the last error is reported as a
 * {@link ErrorKind#REMOTE} failure naming the operation.
 *
 * <p>{@link #failure} is the one place a {@link KubernetesClientException} becomes a user message with a hint.
 *
 * <pre>{@code
 * GenericKubernetesResource live = Retry.call("read Subscription x", deadline, () -> resource.get());
 * }</pre>
 */
public final class Retry {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private Retry() { }

    public static <T> T call(String what, Deadline deadline, Supplier<T> operation) {
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return operation.get();
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

    /** 429, 5xx, and no HTTP status at all (connection reset, dropped watch). Never 409. */
    public static boolean isTransient(KubernetesClientException e) {
        int code = e.getCode();
        if (code == 429 || code >= 500) return true;
        if (code <= 0) {
            for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
                if (t instanceof IOException) return true;
            }
        }
        return false;
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

    public static RhoaiException failure(String what, KubernetesClientException e) {
        return failure(what, e, 1);
    }

    static RhoaiException failure(String what, KubernetesClientException e, int attempts) {
        String status = e.getCode() > 0 ? "HTTP " + e.getCode() : "no response";
        String detail = RemoteMessages.detail(e);   // summarised for Secrets: the message may quote the object
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        String hint = switch (e.getCode()) {
            case 401 -> "log in again (oc login) or pass another --kubeconfig/--context";
            case 403 -> "the identity in use lacks permission; use a cluster-admin context";
            case 404 -> "the API or object does not exist on this cluster";
            default -> "check the cluster is reachable with the kubeconfig and context in use (--kubeconfig, --context)";
        };
        return new RhoaiException(ErrorKind.REMOTE, what + " failed (" + status + tries + "): " + firstLine(detail), hint, e);
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
