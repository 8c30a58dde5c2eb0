package io.rhoai.certs.acme;

import io.rhoai.certs.dns.ChallengeRecord;
import io.rhoai.certs.dns.DnsProvider;
import io.rhoai.core.Interrupts;
import io.rhoai.core.Progress;
import io.rhoai.core.time.Deadline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Removes a run's challenge records exactly once: from {@code finally}, or from the Ctrl-C hook ({@link Interrupts})
 * when the user interrupts while the records are published. Failures are reported, never thrown over the original error.
 * Removal has a budget of its own ({@link #BUDGET}): it also runs when the run's deadline is spent, and a record left
 * behind is worse than an exit a few seconds late.
 */
final class PendingCleanup implements AutoCloseable {
    static final Duration BUDGET = Duration.ofSeconds(30);

    private final DnsProvider provider;
    private final List<ChallengeRecord> records;
    private final Progress progress;
    private final AtomicBoolean done = new AtomicBoolean();
    private final Interrupts.Registration registration;

    PendingCleanup(DnsProvider provider, List<ChallengeRecord> records, Progress progress) {
        this.provider = provider;
        this.records = List.copyOf(records);
        this.progress = progress;
        this.registration = Interrupts.onInterrupt("the " + this.records.size() + " challenge record(s) published via " + provider.name(), this::run);
    }

    void run() {
        if (records.isEmpty() || !done.compareAndSet(false, true)) return;
        try {
            provider.cleanUpAll(records, Deadline.in(BUDGET));
            progress.done("Removed " + records.size() + " challenge record(s) via " + provider.name());
        } catch (RuntimeException e) {
            progress.warn("could not remove challenge records " + records.stream().map(ChallengeRecord::fqdn).distinct().toList()
                    + " via " + provider.name() + ": " + e.getMessage() + " — delete them by hand");
            throw e; // for the Ctrl-C report; from finally the registration keeps it from hiding the run's own error
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
