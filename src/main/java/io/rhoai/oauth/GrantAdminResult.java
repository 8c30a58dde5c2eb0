package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;

import java.util.List;

/**
 * What {@code rhoai oauth grant-admin} did (with {@code dryRun}: would do; the outcomes are those of the real run).
 * {@code subjects}: every subject of the binding after the grant.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantAdminResult(boolean dryRun, String binding, String clusterRole, Outcome outcome, List<String> added,
                               List<String> subjects, List<GroupChange> groups, List<String> warnings) {
    @RegisterForReflection
    public record GroupChange(String name, Outcome outcome, List<String> users) { }
}
