package io.rhoai.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.core.Progress;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.ClusterIdentity;
import io.rhoai.profile.ClusterProfile;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --skip-cluster-check}, as a mixin for every command that writes to a cluster: before the first write (dry
 * runs included, whenever they read the cluster) the command reads the cluster's identity in one request
 * ({@link ClusterIdentity}) and refuses (exit 4) when it is not the profile's {@code spec.cluster.name}.{@code baseDomain}.
 */
public final class ClusterCheckOption {
    public static final String NAME = "--skip-cluster-check";

    @Option(names = NAME, description = "Do not check that the kube context's cluster is the profile's (Infrastructure/cluster's API URL"
            + " is https://api.<name>.<baseDomain>:6443); the check runs before any write, dry runs included, and costs one request.")
    boolean skip;

    public boolean skipped() {
        return skip;
    }

    /**
     * Refuses (exit 4) when the cluster is not the profile's. Without a profile (commands where --cluster is optional)
     * there is nothing to compare with: a warning says so and how to have it checked.
     *
     * @return the identity read, or null when nothing was checked
     */
    public ClusterIdentity.Identity verify(KubernetesClient client, ClusterProfile profile, Duration timeout, Progress progress) {
        if (skip) {
            progress.warn("cluster identity not checked (" + NAME + ")");
            return null;
        }
        if (profile == null) {
            progress.warn("cluster identity not checked: no profile to compare with; pass --cluster PROFILE to have it checked");
            return null;
        }
        ClusterProfile.Cluster c = profile.spec() == null ? null : profile.spec().cluster();
        ClusterIdentity.Identity identity = ClusterIdentity.verify(client, profile.name(), c == null ? null : c.name(),
                c == null ? null : c.baseDomain(), Deadline.in(timeout));
        progress.debug("cluster identity: " + identity.apiServerURL() + " (from " + identity.source() + ") is profile " + profile.name());
        return identity;
    }

    /**
     * Checks as {@link #verify} does, within {@code timeout}, and returns the budget left for the command's own work.
     * A check that took a second or more (a slow API server) is taken off --timeout, so the run ends within it; one that
     * took milliseconds, as it does, is not, so every timeout message names the --timeout the user gave.
     */
    public Duration verifyWithin(KubernetesClient client, ClusterProfile profile, Duration timeout, Progress progress) {
        Deadline run = Deadline.in(timeout);
        verify(client, profile, run.remaining(), progress);
        Duration spent = timeout.minus(run.remaining());
        return spent.compareTo(SLOW_CHECK) < 0 ? timeout : run.remaining();
    }

    /** From here on the identity check's time counts against the command's --timeout. */
    static final Duration SLOW_CHECK = Duration.ofSeconds(1);
}
