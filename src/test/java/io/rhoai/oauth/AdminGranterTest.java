package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai oauth grant-admin}: one rhoai-owned ClusterRoleBinding, subjects merged, idempotent. */
class AdminGranterTest extends OpenShiftMockTest {
    static final String CRB = "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/rhoai-cluster-admins";
    static final String GROUP = "/apis/user.openshift.io/v1/groups/rhoai-admins";

    private Cli.Result grant(String... extra) {
        List<String> args = new ArrayList<>(List.of("oauth", "grant-admin", "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(extra));
        return Cli.cli().run(args.toArray(String[]::new));
    }

    private List<String> subjects() {
        List<String> s = new ArrayList<>();
        mock.get(CRB).path("subjects").forEach(x -> s.add(x.path("kind").asText() + ":" + x.path("name").asText()));
        return s;
    }

    @Test
    void createsTheBindingToClusterAdminLabelledAsRhoais() {
        Cli.Result r = grant("--user", "jane@redhat.com");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode crb = mock.get(CRB);
        assertThat(crb.path("roleRef").path("name").asText()).isEqualTo("cluster-admin");
        assertThat(crb.path("roleRef").path("kind").asText()).isEqualTo("ClusterRole");
        assertThat(crb.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("rhoai");
        assertThat(crb.path("subjects").get(0).path("apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(subjects()).containsExactly("User:jane@redhat.com");
        assertThat(mock.writeQueries).containsExactly("POST /apis/rbac.authorization.k8s.io/v1/clusterrolebindings");
        assertThat(r.stdout()).contains("clusterrolebinding/rhoai-cluster-admins → cluster-admin created (added User:jane@redhat.com)");
    }

    @Test
    void laterGrantsAreMergedAndSubjectsAddedByOthersAreKept() {
        assertThat(grant("--user", "jane@redhat.com").exitCode()).isZero();
        // someone edits the binding by hand in between
        JsonNode crb = mock.get(CRB);
        ((com.fasterxml.jackson.databind.node.ArrayNode) crb.path("subjects")).addObject()
                .put("kind", "User").put("apiGroup", "rbac.authorization.k8s.io").put("name", "hand@redhat.com");
        mock.put("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", crb.toString());

        Cli.Result r = grant("--group", "rhoai-admins", "--user", "jane@redhat.com", "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(subjects()).containsExactly("User:jane@redhat.com", "User:hand@redhat.com", "Group:rhoai-admins");
        JsonNode result = OpenShiftMock.json(r.stdout());
        assertThat(result.path("outcome").asText()).isEqualTo("configured");
        assertThat(result.path("added")).hasSize(1);
        assertThat(result.path("added").get(0).asText()).isEqualTo("Group:rhoai-admins");
        // the group does not exist and was not asked for: warned, not created
        assertThat(r.stderr()).contains("warning: Group rhoai-admins does not exist");
        assertThat(mock.get(GROUP)).isNull();
    }

    @Test
    void reRunIsANoOpWithoutAnyWrite() {
        assertThat(grant("--user", "jane@redhat.com", "--group", "rhoai-admins", "--create-group", "--member", "jane@redhat.com").exitCode()).isZero();
        mock.writes.clear();

        Cli.Result r = grant("--user", "jane@redhat.com", "--group", "rhoai-admins", "--create-group", "--member", "jane@redhat.com");

        assertThat(r.exitCode()).isZero();
        assertThat(mock.writes).isEmpty();
        assertThat(r.stdout()).contains("group/rhoai-admins unchanged").contains("rhoai-cluster-admins → cluster-admin unchanged");
    }

    @Test
    void createGroupCreatesItWithItsMembers() {
        Cli.Result r = grant("--group", "rhoai-admins", "--create-group", "--member", "jane@redhat.com", "--member", "joe@redhat.com");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode group = mock.get(GROUP);
        assertThat(group.path("users").toString()).isEqualTo("[\"jane@redhat.com\",\"joe@redhat.com\"]");
        assertThat(group.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("rhoai");
        assertThat(subjects()).containsExactly("Group:rhoai-admins");
    }

    @Test
    void dryRunWritesNothing() {
        Cli.Result r = grant("--user", "jane@redhat.com", "--group", "g", "--create-group", "--dry-run");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(mock.writes).isEmpty();
        assertThat(r.stdout()).startsWith("DRY RUN").contains("group/g created").contains("cluster-admin created (added User:jane@redhat.com, Group:g)");
        JsonNode json = OpenShiftMock.json(grant("--user", "jane@redhat.com", "--dry-run", "-o", "json").stdout());
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        assertThat(json.path("outcome").asText()).isEqualTo("created");
        assertThat(mock.writes).isEmpty();
    }

    @Test
    void aSubjectAddedMeanwhileIsKept() {
        assertThat(grant("--user", "jane@redhat.com").exitCode()).isZero();
        mock.beforeNextWriteOf(CRB, crb -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) crb.path("subjects")).addObject()
                    .put("kind", "User").put("apiGroup", "rbac.authorization.k8s.io").put("name", "meanwhile@redhat.com");
            return crb;
        });

        Cli.Result r = grant("--user", "joe@redhat.com");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(subjects()).containsExactly("User:jane@redhat.com", "User:meanwhile@redhat.com", "User:joe@redhat.com");
    }

    @Test
    void usesTheProfileAdminsWhenNoneAreGiven() throws Exception {
        Path profiles = OAuthFixtures.profile(tmp.resolve("profiles"), "test-dev", "redhat.com");

        Cli.Result r = grant("--cluster", "test-dev", "--profiles-dir", profiles.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(subjects()).containsExactly("User:jane@redhat.com", "Group:rhoai-admins");
    }

    @Test
    void refusesToReuseABindingThatGrantsSomethingElse() {
        mock.put("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: rhoai-cluster-admins
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects: []
                """);
        mock.writes.clear();

        Cli.Result r = grant("--user", "jane@redhat.com");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("binds ClusterRole view, not ClusterRole cluster-admin").contains("--binding-name");
        assertThat(mock.writes).isEmpty();
    }

    @Test
    void nothingToGrantIsInvalidInput() {
        Cli.Result r = grant();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("nothing to grant").contains("--user <email>");
        assertThat(mock.writes).isEmpty();
    }
}
