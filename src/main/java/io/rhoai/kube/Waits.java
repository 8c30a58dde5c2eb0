package io.rhoai.kube;

import io.rhoai.core.time.Deadline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for cluster state. {@link Mode#WATCH} (the default) uses a fabric8 informer (list + watch, re-established by
 * the client when a watch drops), so the wait ends as soon as the API server reports the change (the condition is also
 * re-evaluated every second, for conditions that depend on time); when the watch
 * cannot be opened (RBAC without watch, proxies that cut streams) it falls back to polling. Every wait has a
 * description, a bound ({@link Deadline}), a null-safe condition (it receives null while the object does not exist)
 * and, on timeout, fails with {@link ErrorKind#TIMEOUT} naming what was awaited and the last state seen.
 *
 * <pre>{@code
 * waits.forObject(Waits.on(Kinds.CSV, ns, name)
 *         .describedAs("CSV " + name + " phase Succeeded")
 *         .until(csv -> "Succeeded".equals(Fields.text(csv, "status", "phase")))
 *         .state(csv -> "phase=" + Fields.text(csv, "status", "phase")), deadline);
 * }</pre>
 */
public final class Waits {
    public enum Mode { WATCH, POLL }

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    /** Watch mode re-evaluates the condition at least this often, for conditions that depend on time (grace periods). */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final Mode mode;
    private final Duration pollInterval;
    private final Progress progress;

    public Waits(KubernetesClient client, Mode mode, Duration pollInterval, Progress progress) {
        this.client = client;
        this.mode = mode;
        this.pollInterval = pollInterval;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    public Waits(KubernetesClient client, Progress progress) {
        this(client, Mode.WATCH, DEFAULT_POLL_INTERVAL, progress);
    }

    public Mode mode() {
        return mode;
    }

    /** What to wait for on one named object. Build with {@link #on} and the fluent setters. */
    public static final class Spec {
        final ResourceDefinitionContext kind;
        final String namespace;
        final String name;
        String description;
        String hint;
        Duration timeout;
        Predicate<GenericKubernetesResource> condition = java.util.Objects::nonNull;
        Function<GenericKubernetesResource, String> state = o -> o == null ? "absent" : "present";

        Spec(ResourceDefinitionContext kind, String namespace, String name) {
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
            this.description = kind.getKind() + " " + (namespace == null ? "" : namespace + "/") + name;
        }

        public Spec describedAs(String description) { this.description = description; return this; }
        public Spec hint(String hint) { this.hint = hint; return this; }
        /** A bound of its own for this wait, within the overall deadline (whichever ends first). */
        public Spec timeout(Duration timeout) { this.timeout = timeout; return this; }
        /** Receives null while the object does not exist. */
        public Spec until(Predicate<GenericKubernetesResource> condition) { this.condition = condition; return this; }
        /** Receives null while the object does not exist; the text goes into the timeout message. */
        public Spec state(Function<GenericKubernetesResource, String> state) { this.state = state; return this; }
    }

    public static Spec on(ResourceDefinitionContext kind, String namespace, String name) {
        return new Spec(kind, namespace, name);
    }

    /** Waits until the condition holds for the object; returns the object as last seen. */
    public GenericKubernetesResource forObject(Spec spec, Deadline overall) {
        Deadline deadline = spec.timeout == null || overall.remaining().compareTo(spec.timeout) <= 0
                ? overall : Deadline.in(spec.timeout, overall.clock());
        AtomicReference<GenericKubernetesResource> last = new AtomicReference<>();
        Predicate<GenericKubernetesResource> safe = o -> {
            last.set(o);
            try {
                return spec.condition.test(o);
            } catch (RuntimeException e) {
                return false;   // a half-filled status is "not yet", never a crash
            }
        };
        var op = spec.kind.isNamespaceScoped()
                ? client.genericKubernetesResources(spec.kind).inNamespace(spec.namespace).withName(spec.name)
                : client.genericKubernetesResources(spec.kind).withName(spec.name);
        Supplier<GenericKubernetesResource> get = op::get;
        run(spec.description, spec.hint, deadline, op,
                list -> safe.test(list.isEmpty() ? null : list.get(0)),
                () -> safe.test(get.get()),
                () -> stateOf(spec.state, last.get()));
        return last.get();
    }

    /**
     * Waits until the condition holds for all objects of a kind in a namespace (e.g. every Application).
     * The condition and the state function receive the current list (possibly empty).
     */
    public List<GenericKubernetesResource> forList(String description, String hint, ResourceDefinitionContext kind, String namespace,
                                                   Predicate<List<GenericKubernetesResource>> condition,
                                                   Function<List<GenericKubernetesResource>, String> state, Deadline deadline) {
        AtomicReference<List<GenericKubernetesResource>> last = new AtomicReference<>(List.of());
        Predicate<List<GenericKubernetesResource>> safe = l -> {
            last.set(l);
            try {
                return condition.test(l);
            } catch (RuntimeException e) {
                return false;
            }
        };
        var op = client.genericKubernetesResources(kind).inNamespace(namespace);
        run(description, hint, deadline, op, safe, () -> safe.test(op.list().getItems()), () -> {
            try {
                return state.apply(last.get());
            } catch (RuntimeException e) {
                return "unreadable (" + e.getMessage() + ")";
            }
        });
        return last.get();
    }

    private void run(String description, String hint, Deadline deadline, Informable<GenericKubernetesResource> informable,
                     Predicate<List<GenericKubernetesResource>> onList, Supplier<Boolean> pollOnce, Supplier<String> lastState) {
        if (mode == Mode.WATCH) {
            // one plain read first: a condition that already holds (every wait of a re-run) needs no watch
            if (Boolean.TRUE.equals(Retry.call("read " + description, deadline, pollOnce))) return;
            SharedIndexInformer<GenericKubernetesResource> informer = null;
            try {
                Semaphore changed = new Semaphore(0);
                // list + watch; the client re-lists and re-watches by itself when a watch drops
                informer = informable.inform(new ResourceEventHandler<>() {
                    @Override public void onAdd(GenericKubernetesResource obj) { changed.release(); }
                    @Override public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) { changed.release(); }
                    @Override public void onDelete(GenericKubernetesResource obj, boolean unknownFinalState) { changed.release(); }
                }, 0);
                while (true) {
                    if (onList.test(informer.getStore().list())) return;
                    Duration left = deadline.remaining();
                    if (left.isZero()) throw timedOut(description, hint, deadline, lastState.get());
                    // woken by any change; also re-checked every RECHECK, for conditions that depend on time
                    Duration slice = left.compareTo(RECHECK) < 0 ? left : RECHECK;
                    if (changed.tryAcquire(Math.max(1, slice.toMillis()), TimeUnit.MILLISECONDS)) changed.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while waiting for " + description, null, e);
            } catch (KubernetesClientException e) {
                // the watch could not be opened (RBAC without watch, a proxy): poll for the rest of the time
                progress.debug("watch for " + description + " failed (" + rootMessage(e) + "); polling every "
                        + Durations.format(pollInterval));
            } finally {
                if (informer != null) informer.close();
            }
        }
        poll(description, hint, deadline, pollOnce, lastState);
    }

    private void poll(String description, String hint, Deadline deadline, Supplier<Boolean> pollOnce, Supplier<String> lastState) {
        while (true) {
            Boolean ok;
            try {
                ok = Retry.call("read " + description, deadline, pollOnce);
            } catch (RhoaiException e) {
                if (deadline.expired()) throw timedOut(description, hint, deadline, lastState.get());
                throw e;
            }
            if (Boolean.TRUE.equals(ok)) return;
            Duration left = deadline.remaining();
            if (left.isZero()) throw timedOut(description, hint, deadline, lastState.get());
            Retry.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
        }
    }

    private static String stateOf(Function<GenericKubernetesResource, String> state, GenericKubernetesResource obj) {
        try {
            return state.apply(obj);
        } catch (RuntimeException e) {
            return obj == null ? "absent" : "unreadable status";
        }
    }

    static RhoaiException timedOut(String description, String hint, Deadline deadline, String lastState) {
        return new RhoaiException(ErrorKind.TIMEOUT, "timed out after " + Durations.format(deadline.total()) + " waiting for "
                + description + "; last state: " + (lastState == null ? "nothing seen" : lastState),
                hint != null ? hint : "raise --timeout if the cluster is slow, or look at the object named above");
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
