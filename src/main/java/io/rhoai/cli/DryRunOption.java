package io.rhoai.cli;

import io.rhoai.kube.Applier.DryRun;
import picocli.CommandLine.Option;

/**
 * kubectl's {@code --dry-run[=client|server]}, as a mixin for every command that writes to a cluster. A bare
 * {@code --dry-run} is {@code client}: nothing that writes is sent (what the plan needs is read). {@code server} also
 * sends every write with {@code dryRun=All}, so the API server validates it and admission runs, and stores nothing.
 */
public final class DryRunOption {
    @Option(names = "--dry-run", paramLabel = "MODE", completionCandidates = Candidates.DryRunModes.class, arity = "0..1", fallbackValue = "client", defaultValue = "none",
            description = "Show the plan and change nothing: client (the default when given without a value: no write is sent) "
                    + "or server (the API server validates every write and stores nothing).")
    String dryRun;

    public DryRun mode() {
        return DryRun.parse(dryRun);
    }

    public boolean isDryRun() {
        return mode().isDryRun();
    }
}
