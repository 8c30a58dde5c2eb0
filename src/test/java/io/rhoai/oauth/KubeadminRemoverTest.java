package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai oauth remove-kubeadmin}: every refusal path leaves the kubeadmin Secret in place and says which
 * check failed and how to fix it; the admin check is a SubjectAccessReview, answered by the fake authorizer.
 */
class KubeadminRemoverTest extends OpenShiftMockTest {
    @BeforeEach
    void setUpCluster() throws Exception {
        mock.kubeadmin();
    }

    /** A cluster where removal is safe: Google configured, operator Available, jane signed in and is cluster-admin. */
    private void safeCluster() {
        OAuthFixtures.seedOAuth(mock);
        mock.clusterOperator("True", "False", "2026-01-01T00:00:00Z");
        mock.signedIn("jane@redhat.com", "RHOAI-Test-Users");
        mock.clusterAdmins.add("jane@redhat.com");
    }

    private Cli.Result remove(String... extra) {
        List<String> args = new ArrayList<>(List.of("oauth", "remove-kubeadmin", "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(extra));
        return Cli.cli().run(args.toArray(String[]::new));
    }

    private void assertRefused(Cli.Result r, String check, String why, String fix) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("error: refusing to remove kubeadmin: check " + check + " failed: " + why).containsPattern("(?m)^hint: .*" + java.util.regex.Pattern.quote(fix));
        assertThat(r.stdout()).isEmpty();
        assertThat(mock.kubeadminExists()).as("kubeadmin must still exist").isTrue();
        assertThat(mock.writes).noneMatch(w -> w.startsWith("DELETE"));
    }

    @Test
    void refusesWithoutAnyIdentityProvider() {
        mock.clusterOperator("True", "False", "2026-01-01T00:00:00Z");
        assertRefused(remove("--confirm"), "identity-provider", "no identity provider is configured", "rhoai oauth google");
    }

    @Test
    void refusesWhileTheAuthenticationOperatorIsNotAvailable() {
        safeCluster();
        mock.clusterOperator("False", "True", "2026-01-01T00:00:00Z");
        assertRefused(remove("--confirm"), "identity-provider", "ClusterOperator authentication is not Available (Available=False", "wait until it is Available");
    }

    @Test
    void refusesWhenTheAuthenticationOperatorIsMissing() {
        OAuthFixtures.seedOAuth(mock);
        assertRefused(remove("--confirm"), "identity-provider", "ClusterOperator authentication is not Available (ClusterOperator authentication not found",
                "wait until it is Available");
    }

    @Test
    void refusesWhenNobodySignedInThroughAConfiguredProvider() {
        OAuthFixtures.seedOAuth(mock);
        mock.clusterOperator("True", "False", "2026-01-01T00:00:00Z");
        // a user from a provider that is no longer configured does not count
        mock.signedIn("old@redhat.com", "RedHatAuth");
        mock.clusterAdmins.add("old@redhat.com");
        assertRefused(remove("--confirm"), "admin-user", "nobody has signed in through RHOAI-Test-Users, hand-added-github yet",
                "sign in once through the provider");
        assertThat(mock.reviews).isEmpty();
    }

    @Test
    void refusesWhenTheSubjectAccessReviewDeniesEveryoneWhoSignedIn() {
        safeCluster();
        mock.clusterAdmins.clear();
        mock.signedIn("joe@redhat.com", "hand-added-github");

        assertRefused(remove("--confirm"), "admin-user", "none of the users who signed in through RHOAI-Test-Users, hand-added-github",
                "rhoai oauth grant-admin --user");
        // the decision came from the API server's authorizer, asked for * on * per user
        assertThat(mock.reviews).hasSize(2);
        JsonNode spec = mock.reviews.get(0).path("spec");
        assertThat(spec.path("resourceAttributes").path("verb").asText()).isEqualTo("*");
        assertThat(spec.path("resourceAttributes").path("resource").asText()).isEqualTo("*");
        List<String> users = new ArrayList<>();
        mock.reviews.forEach(r -> users.add(r.path("spec").path("user").asText()));
        assertThat(users).containsExactlyInAnyOrder("jane@redhat.com", "joe@redhat.com");
    }

    @Test
    void aBindingAloneDoesNotConvinceItOnlyTheReviewDoes() {
        safeCluster();
        mock.clusterAdmins.clear();
        // a ClusterRoleBinding naming jane exists, but the authorizer (our fake) says no: the review wins
        mock.put("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: looks-like-admin
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects:
                - {apiGroup: rbac.authorization.k8s.io, kind: User, name: jane@redhat.com}
                """);
        assertRefused(remove("--confirm"), "admin-user", "none of the users", "grant-admin");
    }

    @Test
    void groupMembershipIsSentWithTheReview() {
        safeCluster();
        mock.clusterAdmins.clear();
        mock.clusterAdmins.add("rhoai-admins");   // the authorizer allows the group, not the user
        mock.put("/apis/user.openshift.io/v1/groups", """
                apiVersion: user.openshift.io/v1
                kind: Group
                metadata:
                  name: rhoai-admins
                users: [jane@redhat.com]
                """);

        Cli.Result r = remove("--dry-run");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> groups = new ArrayList<>();
        mock.reviews.get(0).path("spec").path("groups").forEach(g -> groups.add(g.asText()));
        assertThat(groups).containsExactly("rhoai-admins", "system:authenticated", "system:authenticated:oauth");
    }

    @Test
    void refusesWithoutConfirmEvenWhenEveryCheckPasses() {
        safeCluster();
        assertRefused(remove(), "confirmed", "checks passed, but --confirm was not given: removing kubeadmin cannot be undone",
                "re-run with --confirm once you have signed in as jane@redhat.com");
    }

    @Test
    void dryRunRunsTheChecksOnly() {
        safeCluster();

        Cli.Result r = remove("--dry-run", "--confirm", "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(mock.kubeadminExists()).isTrue();
        JsonNode result = OpenShiftMock.json(r.stdout());
        assertThat(result.path("dryRun").asBoolean()).isTrue();
        assertThat(result.path("kubeadmin").asText()).isEqualTo("deleted");   // what --confirm would do
        assertThat(result.path("admins").get(0).asText()).isEqualTo("jane@redhat.com");
        assertThat(result.path("checks")).hasSize(2).allMatch(c -> c.path("passed").asBoolean());
    }

    @Test
    void serverDryRunAlsoHasTheApiServerCheckTheDeleteAndKeepsKubeadmin() {
        safeCluster();
        mock.writeQueries.clear();

        Cli.Result r = remove("--dry-run=server");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(mock.kubeadminExists()).isTrue();
        assertThat(mock.writeQueries).containsExactly("DELETE /api/v1/namespaces/kube-system/secrets/kubeadmin?dryRun=All");
        assertThat(r.stdout()).contains("DRY RUN: all checks passed");
    }

    @Test
    void dryRunStillRefusesWhenACheckFails() {
        OAuthFixtures.seedOAuth(mock);
        mock.clusterOperator("True", "False", "2026-01-01T00:00:00Z");
        assertRefused(remove("--dry-run"), "admin-user", "nobody has signed in", "sign in once");
    }

    @Test
    void removesKubeadminWhenSafeAndConfirmedThenSaysItIsGone() {
        safeCluster();
        mock.writes.clear();

        Cli.Result r = remove("--confirm");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(mock.kubeadminExists()).isFalse();
        assertThat(r.stdout()).contains("ok    identity-provider").contains("ok    admin-user: cluster-admin per SubjectAccessReview: jane@redhat.com")
                .contains("secret/kubeadmin deleted from kube-system");
        assertThat(mock.writes).containsExactly("DELETE /api/v1/namespaces/kube-system/secrets/kubeadmin");

        mock.writes.clear();
        Cli.Result again = remove("--confirm");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("kubeadmin is already removed; nothing to do");
        assertThat(mock.writes).isEmpty();
    }
}
