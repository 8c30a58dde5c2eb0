package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rhoai.core.Causes;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Durations;
import io.rhoai.core.time.Poller;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for cluster state. {@link Mode#WATCH} (the default) uses a fabric8 informer (list + watch, re-established by
 * the client when a watch drops), so the wait ends as soon as the API server reports the change (the condition is also
 * re-evaluated every second, for conditions that depend on time). When the watch cannot be opened (RBAC without watch,
 * proxies that cut streams) or does not start within {@link #STARTUP} (at most half the time left; a server that
 * accepts the watch and never answers it), the informer is closed and the wait polls through
 * {@link Poller#await(Awaited, Deadline)} for the time left. Every wait has a description, a bound ({@link Deadline})
 * that also bounds the informer's start and every read, a null-safe condition (it receives null while the object does
 * not exist) and, on timeout, fails with {@link Poller#timedOut} naming what was awaited and the last state seen.
 *
 * <p>Progress: each change of the state and, unchanged, the state again every {@link Poller#HEARTBEAT}, through
 * {@link Poller.StateReporter} as polls report them, so a CI log shows what a long wait is doing.
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
    /** The longest an informer may take to list and open its watch (never more than half the time left) before polling. */
    static final Duration STARTUP = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final Mode mode;
    private final Duration pollInterval;
    private final Progress progress;
    /**
     * Set once a watch did not start in time: the API server (or a proxy in front of it) accepts watches and never
     * answers them, so the later waits of the run poll at once instead of losing time on each start.
     */
    private volatile boolean watchesHang;

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
        Deadline deadline = spec.timeout == null ? overall : overall.within(spec.timeout);
        var op = spec.kind.isNamespaceScoped()
                ? client.genericKubernetesResources(spec.kind).inNamespace(spec.namespace).withName(spec.name)
                : client.genericKubernetesResources(spec.kind).withName(spec.name);
        Awaited<GenericKubernetesResource> awaited = new Awaited<>(spec.description, spec.hint, op::get, spec.condition, spec.state);
        return await(awaited, deadline, op, list -> list.isEmpty() ? null : list.get(0));
    }

    /**
     * Waits until the condition holds for all objects of a kind in a namespace (e.g. every Application).
     * The condition and the state function receive the current list (possibly empty).
     */
    public List<GenericKubernetesResource> forList(String description, String hint, ResourceDefinitionContext kind, String namespace,
                                                   Predicate<List<GenericKubernetesResource>> condition,
                                                   Function<List<GenericKubernetesResource>, String> state, Deadline deadline) {
        var op = client.genericKubernetesResources(kind).inNamespace(namespace);
        Awaited<List<GenericKubernetesResource>> awaited = new Awaited<>(description, hint, () -> op.list().getItems(), condition, state);
        return await(awaited, deadline, op, list -> list);
    }

    /** The state as last seen, from whichever way of looking saw it last. */
    private record Seen<T>(T value) { }

    private <T> T await(Awaited<T> awaited, Deadline deadline, Informable<GenericKubernetesResource> informable,
                        Function<List<GenericKubernetesResource>, T> fromStore) {
        AtomicReference<Seen<T>> last = new AtomicReference<>();
        // every read goes through Retry, and a read the deadline cuts short is this wait's timeout, with its last state
        Awaited<T> reading = new Awaited<>(awaited.what(), awaited.hint(), () -> {
            try {
                T value = Retry.call("read " + awaited.what(), deadline, awaited.observe());
                last.set(new Seen<>(value));
                return value;
            } catch (RhoaiException e) {
                if (!deadline.expired() || last.get() == null) throw e;
                throw Poller.timedOut(awaited.what(), deadline, awaited.describe(last.get().value()), awaited.hint());
            }
        }, awaited.done(), awaited.state());
        if (mode == Mode.WATCH && !watchesHang) {
            // one plain read first: a condition that already holds (every wait of a re-run) needs no watch
            T first = reading.observe().get();
            if (awaited.holds(first)) return first;
            Poller.StateReporter reporter = new Poller.StateReporter(awaited.what(), progress, deadline);
            reporter.saw(awaited.describe(first));
            Seen<T> seen = watch(awaited, deadline, informable, fromStore, reporter, last);
            if (seen != null) return seen.value();
        }
        return new Poller(pollInterval, pollInterval, null, progress).await(reading, deadline);
    }

    /** Watches until the condition holds (its state), or null when the watch failed or did not start: poll instead. */
    private <T> Seen<T> watch(Awaited<T> awaited, Deadline deadline, Informable<GenericKubernetesResource> informable,
                              Function<List<GenericKubernetesResource>, T> fromStore, Poller.StateReporter reporter,
                              AtomicReference<Seen<T>> last) {
        SharedIndexInformer<GenericKubernetesResource> informer = null;
        try {
            Semaphore changed = new Semaphore(0);
            // list + watch; the client re-lists and re-watches by itself when a watch drops
            informer = informable.runnableInformer(0);
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override public void onAdd(GenericKubernetesResource obj) { changed.release(); }
                @Override public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) { changed.release(); }
                @Override public void onDelete(GenericKubernetesResource obj, boolean unknownFinalState) { changed.release(); }
            });
            CompletableFuture<Void> started = informer.start().toCompletableFuture();
            Duration half = deadline.remaining().dividedBy(2);
            Duration startup = half.compareTo(STARTUP) < 0 ? half : STARTUP;
            try {
                started.get(Math.max(1, startup.toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                watchesHang = true;
                progress.warn("the watch for " + awaited.what() + " did not start within " + Durations.format(startup)
                        + "; this run polls every " + Durations.format(pollInterval) + " instead (--wait-mode poll skips the attempt)");
                return null;
            } catch (ExecutionException e) {
                // the watch could not be opened (RBAC without watch, a proxy): poll for the rest of the time
                progress.debug("watch for " + awaited.what() + " failed (" + Causes.deepest(e) + "); polling every "
                        + Durations.format(pollInterval));
                return null;
            }
            CompletableFuture<Void> stopped = informer.stopped().toCompletableFuture();
            while (true) {
                T now = fromStore.apply(informer.getStore().list());
                last.set(new Seen<>(now));
                if (awaited.holds(now)) return new Seen<>(now);
                String state = awaited.describe(now);
                reporter.saw(state);
                if (stopped.isDone()) {
                    progress.debug("the watch for " + awaited.what() + " stopped; polling every " + Durations.format(pollInterval));
                    return null;
                }
                Duration left = deadline.remaining();
                if (left.isZero()) throw Poller.timedOut(awaited.what(), deadline, state, awaited.hint());
                // woken by any change; also re-checked every RECHECK, for conditions that depend on time
                Duration slice = left.compareTo(RECHECK) < 0 ? left : RECHECK;
                if (changed.tryAcquire(Math.max(1, slice.toMillis()), TimeUnit.MILLISECONDS)) changed.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RhoaiException(ErrorKind.INTERRUPTED, "interrupted while waiting for " + awaited.what(), null, e);
        } catch (KubernetesClientException e) {
            progress.debug("watch for " + awaited.what() + " failed (" + Causes.deepest(e) + "); polling every "
                    + Durations.format(pollInterval));
            return null;
        } finally {
            if (informer != null) informer.close();
        }
    }

}
