package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;

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
 */
public final class KubeadminRemover {
    static final String KUBEADMIN_PATH = KubeJson.path("", "v1", "secrets", "kube-system", "kubeadmin");
    static final String USERS = KubeJson.path("user.openshift.io", "v1", "users", null, null);
    static final String IDENTITIES = KubeJson.path("user.openshift.io", "v1", "identities", null, null);
    static final String GROUPS = KubeJson.path("user.openshift.io", "v1", "groups", null, null);
    static final String SAR = KubeJson.path("authorization.k8s.io", "v1", "subjectaccessreviews", null, null);
    /** Enough to find an admin on any real cluster without sending thousands of reviews. */
    static final int MAX_REVIEWS = 100;

    private final KubeJson kube;
    private final Progress progress;

    public KubeadminRemover(KubeJson kube, Progress progress) {
        this.kube = kube;
        this.progress = progress;
    }

    public RemoveKubeadminResult remove(boolean confirm, boolean dryRun) {
        if (kube.get(KUBEADMIN_PATH).isEmpty()) {
            progress.done("kubeadmin is already removed (no Secret kube-system/kubeadmin); nothing to do");
            return new RemoveKubeadminResult(dryRun, Outcome.ABSENT, List.of(), List.of(), List.of());
        }
        List<RemoveKubeadminResult.Check> checks = new ArrayList<>();

        // (a) a provider people can sign in with, served by an Available authentication operator
        List<String> providers = new ArrayList<>();
        kube.get(GoogleIdpConfigurer.OAUTH_PATH).ifPresent(o -> o.path("spec").path("identityProviders")
                .forEach(p -> providers.add(p.path("name").asText())));
        if (providers.isEmpty()) {
            refuse(checks, "identity-provider", "no identity provider is configured in OAuth/cluster: kubeadmin is the only way in",
                    "configure one first (rhoai oauth google --cluster <profile> --wait), sign in with it, then re-run");
        }
        AuthOperator.State auth = AuthOperator.read(kube);
        if (!auth.availableTrue()) {
            refuse(checks, "identity-provider", "ClusterOperator authentication is not Available (" + auth.describe()
                            + "), so nobody can sign in through " + String.join(", ", providers),
                    "wait until it is Available (oc get clusteroperator authentication), then re-run");
        }
        pass(checks, "identity-provider", "providers " + String.join(", ", providers) + "; authentication operator Available");

        // (b) a user who signed in through one of them may do everything
        Set<String> candidates = usersSignedInThrough(providers);
        if (candidates.isEmpty()) {
            refuse(checks, "admin-user", "nobody has signed in through " + String.join(", ", providers)
                            + " yet (no User with an Identity from it), so no such user can be shown to be an admin",
                    "sign in once through the provider in the web console, grant that user cluster-admin"
                            + " (rhoai oauth grant-admin --user <name>), then re-run");
        }
        List<String> admins = new ArrayList<>();
        List<ObjectNode> allGroups = kube.list(GROUPS);
        int reviewed = 0;
        for (String user : candidates) {
            if (reviewed++ >= MAX_REVIEWS) break;
            if (allowedEverything(user, allGroups)) admins.add(user);
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
        if (dryRun) {
            progress.info("dry run: all checks passed; kubeadmin would be removed with --confirm");
            return new RemoveKubeadminResult(true, Outcome.WOULD_DELETE, checks, providers, admins);
        }
        if (!confirm) {
            refuse(checks, "confirmed", "checks passed, but --confirm was not given: removing kubeadmin cannot be undone",
                    "re-run with --confirm once you have signed in as " + admins.get(0) + " and checked you are cluster-admin");
        }
        pass(checks, "confirmed", "--confirm given");
        boolean deleted = kube.delete(KUBEADMIN_PATH);
        progress.done(deleted ? "deleted Secret kube-system/kubeadmin: kube:admin can no longer sign in"
                : "kubeadmin was removed by someone else meanwhile; nothing to do");
        return new RemoveKubeadminResult(false, deleted ? Outcome.DELETED : Outcome.ABSENT, checks, providers, admins);
    }

    /** Users with an Identity whose providerName is one of {@code providers}; order is the API's. */
    private Set<String> usersSignedInThrough(List<String> providers) {
        Set<String> viaIdentity = new LinkedHashSet<>();
        Set<String> identityNames = new LinkedHashSet<>();
        for (ObjectNode identity : kube.list(IDENTITIES)) {
            if (providers.contains(identity.path("providerName").asText())) {
                identityNames.add(identity.path("metadata").path("name").asText());
                String user = identity.path("user").path("name").asText("");
                if (!user.isEmpty()) viaIdentity.add(user);
            }
        }
        Set<String> result = new LinkedHashSet<>();
        for (ObjectNode user : kube.list(USERS)) {
            String name = user.path("metadata").path("name").asText();
            boolean linked = viaIdentity.contains(name);
            for (JsonNode id : user.path("identities")) linked |= identityNames.contains(id.asText());
            if (linked && !name.equals("kube:admin")) result.add(name);
        }
        return result;
    }

    private boolean allowedEverything(String user, List<ObjectNode> allGroups) {
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", "authorization.k8s.io/v1");
        review.put("kind", "SubjectAccessReview");
        ObjectNode spec = review.putObject("spec");
        spec.put("user", user);
        // the groups a token of this user carries: its OpenShift Groups plus the ones every OAuth login gets
        var groups = spec.putArray("groups");
        for (ObjectNode g : allGroups) {
            for (JsonNode u : g.path("users")) {
                if (user.equals(u.asText())) groups.add(g.path("metadata").path("name").asText());
            }
        }
        groups.add("system:authenticated").add("system:authenticated:oauth");
        spec.putObject("resourceAttributes").put("verb", "*").put("group", "*").put("resource", "*");
        ObjectNode answer = kube.review(SAR, review);
        boolean allowed = answer.path("status").path("allowed").asBoolean(false);
        progress.debug("SubjectAccessReview " + user + " * on *: " + (allowed ? "allowed" : "denied")
                + (answer.path("status").has("reason") ? " (" + answer.path("status").path("reason").asText() + ")" : ""));
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
