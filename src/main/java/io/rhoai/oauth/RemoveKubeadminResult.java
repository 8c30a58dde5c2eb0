package io.rhoai.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What {@code rhoai oauth remove-kubeadmin} found and did.
 *
 * @param kubeadmin deleted | absent (already removed) | would-delete (--dry-run, all checks passed)
 * @param admins    users from a configured provider that a SubjectAccessReview allowed * on * cluster-wide
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemoveKubeadminResult(boolean dryRun, Outcome kubeadmin, List<Check> checks, List<String> providers,
                                    List<String> admins) {
    @RegisterForReflection
    public record Check(String name, boolean passed, String detail) { }
}
