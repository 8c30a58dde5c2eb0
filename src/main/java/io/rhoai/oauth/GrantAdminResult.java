package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What {@code rhoai oauth grant-admin} did: the binding, the subjects it added, the groups it created or merged. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantAdminResult(boolean dryRun, String binding, String clusterRole, Outcome outcome, List<String> added,
                               List<String> subjects, List<GroupChange> groups, List<String> warnings) {
    @RegisterForReflection
    public record GroupChange(String name, Outcome outcome, List<String> users) { }
}
