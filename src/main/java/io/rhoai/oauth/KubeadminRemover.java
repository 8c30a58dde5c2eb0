package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Applier.DryRun;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the kubeadmin Secret only when that cannot lock anyone out. Deleting it is irreversible (re-creating the
 * Secret does not bring kube:admin back), so three checks must pass first:
 * (a) an identity provider is configured and the authentication operator is Available;
 * (b) someone who signed in through it (a User with an Identity from that provider) may do everything cluster-wide,
 *     asked of the API server with a SubjectAccessReview, which sees every binding, aggregated role and group
 *     (reading bindings ourselves would miss some and could be fooled by a binding to a missing role);
 * (c) the caller confirmed.
 * A dry run runs the checks and deletes nothing; a server dry run also sends the delete with dryRun=All, so the API
 * server confirms this identity may delete the Secret.
 */
public final class KubeadminRemover {
    static final String KUBEADMIN_NAMESPACE = "kube-system";
    static final String KUBEADMIN = "kubeadmin";
    /** Enough to find an admin on any real cluster without sending thousands of reviews. */
    static final int MAX_REVIEWS = 100;

    private final KubernetesClient client;
    private final Progress progress;

    public KubeadminRemover(KubernetesClient client, Progress progress) {
        this.client = client;
        this.progress = progress;
    }

    /** @param timeout the whole run's budget (--timeout) */
    public RemoveKubeadminResult remove(boolean confirm, DryRun dryRun, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        Reads reads = new Reads(client, deadline);
        boolean dry = dryRun.isDryRun();
        if (reads.get(Kinds.SECRET, KUBEADMIN_NAMESPACE, KUBEADMIN) == null) {
            progress.done("kubeadmin is already removed (no Secret kube-system/kubeadmin); nothing to do");
            return new RemoveKubeadminResult(dry, Outcome.ABSENT, List.of(), List.of(), List.of());
        }
        List<RemoveKubeadminResult.Check> checks = new ArrayList<>();

        // (a) a provider people can sign in with, served by an Available authentication operator
        List<String> providers = new ArrayList<>();
        ObjectNode oauth = reads.tree(Kinds.OAUTH, null, GoogleIdpConfigurer.OAUTH_NAME);
        if (oauth != null) oauth.path("spec").path("identityProviders").forEach(p -> providers.add(p.path("name").asText()));
        if (providers.isEmpty()) {
            refuse(checks, "identity-provider", "no identity provider is configured in OAuth/cluster: kubeadmin is the only way in",
                    "configure one first (rhoai oauth google --cluster <profile> --wait), sign in with it, then re-run");
        }
        OperatorState auth = OperatorState.of(reads.get(Kinds.CLUSTER_OPERATOR, null, OperatorState.AUTHENTICATION));
        if (!auth.availableTrue()) {
            refuse(checks, "identity-provider", "ClusterOperator authentication is not Available (" + auth.state()
                            + "), so nobody can sign in through " + String.join(", ", providers),
                    "wait until it is Available (oc get clusteroperator authentication), then re-run");
        }
        pass(checks, "identity-provider", "providers " + String.join(", ", providers) + "; authentication operator Available");

        // (b) a user who signed in through one of them may do everything
        Set<String> candidates = usersSignedInThrough(providers, reads);
        if (candidates.isEmpty()) {
            refuse(checks, "admin-user", "nobody has signed in through " + String.join(", ", providers)
                            + " yet (no User with an Identity from it), so no such user can be shown to be an admin",
                    "sign in once through the provider in the web console, grant that user cluster-admin"
                            + " (rhoai oauth grant-admin --user <name>), then re-run");
        }
        List<String> admins = new ArrayList<>();
        List<ObjectNode> allGroups = reads.list(Kinds.GROUP);
        int reviewed = 0;
        for (String user : candidates) {
            if (reviewed++ >= MAX_REVIEWS) break;
            if (allowedEverything(user, allGroups, deadline)) admins.add(user);
        }
        if (admins.isEmpty()) {
            String first = candidates.iterator().next();
            refuse(checks, "admin-user", "none of the users who signed in through " + String.join(", ", providers) + " ("
                            + String.join(", ", candidates.stream().limit(5).toList()) + (candidates.size() > 5 ? ", …" : "")
                            + ") is allowed * on * cluster-wide (SubjectAccessReview denied)",
                    "grant one of them cluster-admin: rhoai oauth grant-admin --user " + first + ", then re-run");
        }
        pass(checks, "admin-user", "cluster-admin per SubjectAccessReview: " + String.join(", ", admins));

        // (c) an explicit yes
        return confirmAndDelete(confirm, dryRun, checks, providers, admins, deadline);
    }

    private RemoveKubeadminResult confirmAndDelete(boolean confirm, DryRun dryRun, List<RemoveKubeadminResult.Check> checks,
                                                   List<String> providers, List<String> admins, Deadline deadline) {
        Resource<GenericKubernetesResource> kubeadmin = new Kinds(client).resource(Kinds.SECRET, KUBEADMIN_NAMESPACE, KUBEADMIN);
        if (dryRun.isDryRun()) {
            if (dryRun == DryRun.SERVER) {
                Retry.call("dry-run delete Secret kube-system/kubeadmin", deadline, () -> kubeadmin.dryRun().delete());
            }
            progress.info("dry run: all checks passed; kubeadmin would be removed with --confirm");
            return new RemoveKubeadminResult(true, Outcome.DELETED, checks, providers, admins);
        }
        if (!confirm) {
            refuse(checks, "confirmed", "checks passed, but --confirm was not given: removing kubeadmin cannot be undone",
                    "re-run with --confirm once you have signed in as " + admins.get(0) + " and checked you are cluster-admin");
        }
        pass(checks, "confirmed", "--confirm given");
        // empty: gone already (404)
        boolean deleted = !Retry.call("delete Secret kube-system/kubeadmin", deadline, kubeadmin::delete).isEmpty();
        progress.done(deleted ? "deleted Secret kube-system/kubeadmin: kube:admin can no longer sign in"
                : "kubeadmin was removed by someone else meanwhile; nothing to do");
        return new RemoveKubeadminResult(false, deleted ? Outcome.DELETED : Outcome.ABSENT, checks, providers, admins);
    }

    /** Users with an Identity whose providerName is one of {@code providers}; order is the API's. */
    private Set<String> usersSignedInThrough(List<String> providers, Reads reads) {
        Set<String> viaIdentity = new LinkedHashSet<>();
        Set<String> identityNames = new LinkedHashSet<>();
        for (ObjectNode identity : reads.list(Kinds.IDENTITY)) {
            if (providers.contains(identity.path("providerName").asText())) {
                identityNames.add(identity.path("metadata").path("name").asText());
                String user = identity.path("user").path("name").asText("");
                if (!user.isEmpty()) viaIdentity.add(user);
            }
        }
        Set<String> result = new LinkedHashSet<>();
        for (ObjectNode user : reads.list(Kinds.USER)) {
            String name = user.path("metadata").path("name").asText();
            boolean linked = viaIdentity.contains(name);
            for (JsonNode id : user.path("identities")) linked |= identityNames.contains(id.asText());
            if (linked && !name.equals("kube:admin")) result.add(name);
        }
        return result;
    }

    private boolean allowedEverything(String user, List<ObjectNode> allGroups, Deadline deadline) {
        // the groups a token of this user carries: its OpenShift Groups plus the ones every OAuth login gets
        List<String> groups = new ArrayList<>();
        for (ObjectNode g : allGroups) {
            for (JsonNode u : g.path("users")) {
                if (user.equals(u.asText())) groups.add(g.path("metadata").path("name").asText());
            }
        }
        groups.add("system:authenticated");
        groups.add("system:authenticated:oauth");
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(user).withGroups(groups)
                .withNewResourceAttributes().withVerb("*").withGroup("*").withResource("*").endResourceAttributes()
                .endSpec().build();
        // a review stores nothing, so sending it again after a 5xx is safe
        SubjectAccessReview answer = Retry.call("SubjectAccessReview for " + user, deadline,
                () -> client.authorization().v1().subjectAccessReview().create(review));
        boolean allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        String reason = answer.getStatus() == null ? null : answer.getStatus().getReason();
        progress.debug("SubjectAccessReview " + user + " * on *: " + (allowed ? "allowed" : "denied")
                + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"));
        return allowed;
    }

    private void pass(List<RemoveKubeadminResult.Check> checks, String name, String detail) {
        checks.add(new RemoveKubeadminResult.Check(name, true, detail));
        progress.done("check " + name + ": " + detail);
    }

    private void refuse(List<RemoveKubeadminResult.Check> checks, String name, String why, String fix) {
        checks.add(new RemoveKubeadminResult.Check(name, false, why));
        throw RhoaiException.precondition("refusing to remove kubeadmin: check " + name + " failed: " + why, fix);
    }
}
