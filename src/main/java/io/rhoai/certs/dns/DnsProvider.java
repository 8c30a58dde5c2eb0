package io.rhoai.certs.dns;

import io.rhoai.core.time.Deadline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Publishes and removes DNS-01 TXT records. Implementations validate their configuration in the constructor and
 * prefix every error with their name. {@link #cleanUp} must tolerate a record that was never (fully) presented.
 * Every call gets the {@link Deadline} it must finish by: the run's budget when presenting, a budget of its own when
 * cleaning up (records are removed also after the run's budget is spent); each network request is capped by it.
 */
public interface DnsProvider {
    String name();

    void present(ChallengeRecord record, Deadline deadline);

    void cleanUp(ChallengeRecord record, Deadline deadline);

    PropagationTiming timing();

    /** Presents every record, concurrently; providers that can batch (Route53) override this with one change. */
    default void presentAll(List<ChallengeRecord> records, Deadline deadline) {
        forEachConcurrently(records, r -> present(r, deadline));
    }

    /** Removes every record, concurrently; tries all even when one fails, then reports the first failure. */
    default void cleanUpAll(List<ChallengeRecord> records, Deadline deadline) {
        forEachConcurrently(records, r -> cleanUp(r, deadline));
    }

    static void forEachConcurrently(List<ChallengeRecord> records, java.util.function.Consumer<ChallengeRecord> action) {
        if (records.isEmpty()) return;
        if (records.size() == 1) {
            action.accept(records.get(0));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(records.size(), 8), r -> {
            Thread t = new Thread(r, "dns-provider");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (ChallengeRecord r : records) futures.add(CompletableFuture.runAsync(() -> action.accept(r), pool));
            RuntimeException first = null;
            for (CompletableFuture<Void> f : futures) {
                try {
                    f.join();
                } catch (CompletionException e) {
                    if (first == null) first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
            if (first != null) throw first;
        } finally {
            pool.shutdownNow();
        }
    }
}
