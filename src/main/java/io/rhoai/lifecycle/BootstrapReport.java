package io.rhoai.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Blocking;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;

import java.util.List;
import java.util.Optional;

/**
 * What {@code rhoai bootstrap} did, one result per stage in run order. {@code failedStage}: the first stage that failed
 * (the run stops there; later stages are {@code not-run}); null when none did. {@code next}: commands for a person to run
 * afterwards (bootstrap never removes kubeadmin itself).
 */
@RegisterForReflection
public record BootstrapReport(String profile, String dryRun, boolean changed, String failedStage, long durationMs,
        List<StageResult> stages, List<String> next) implements Blocking {

    @Override
    @JsonIgnore
    public Optional<RhoaiException> blockedBy() {
        return stages.stream().filter(s -> s.outcome() == StageResult.Outcome.FAILED).findFirst()
                .map(s -> new RhoaiException(s.error() == null ? ErrorKind.INTERNAL : s.error(),
                        "bootstrap stage '" + s.stage() + "' failed: " + s.detail(), s.hint()));
    }
}
