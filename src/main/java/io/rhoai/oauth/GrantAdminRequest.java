package io.rhoai.oauth;

import io.rhoai.kube.Applier.DryRun;

import java.time.Duration;
import java.util.List;

/**
 * Input of {@code rhoai oauth grant-admin}.
 *
 * @param createGroup create each group (user.openshift.io Group) when missing, with {@code members} as its users
 * @param members     users to add to the groups created or merged with createGroup
 * @param timeout     the whole run's budget (--timeout)
 */
public record GrantAdminRequest(List<String> users, List<String> groups, boolean createGroup, List<String> members,
                                String bindingName, DryRun dryRun, Duration timeout) {
    public static final String DEFAULT_BINDING = "rhoai-cluster-admins";
}
