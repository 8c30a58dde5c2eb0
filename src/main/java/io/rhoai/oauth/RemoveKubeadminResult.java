package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;

import java.util.List;

/**
 * What {@code rhoai oauth remove-kubeadmin} found and did.
 *
 * @param dryRun    --dry-run (client or server): the checks ran and nothing was deleted
 * @param kubeadmin deleted (with dryRun: all checks passed, --confirm would delete it) | absent (already removed)
 * @param admins    users from a configured provider that a SubjectAccessReview allowed * on * cluster-wide
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemoveKubeadminResult(boolean dryRun, Outcome kubeadmin, List<Check> checks, List<String> providers,
                                    List<String> admins) {
    @RegisterForReflection
    public record Check(String name, boolean passed, String detail) { }
}
