package io.rhoai.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.testing.Cli;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered bootstrap objects, with no cluster: what --dry-run=client prints, validated against upstream schemas. */
class BootstrapManifestsTest {
    @TempDir Path tmp;
    Path profiles;

    @BeforeEach
    void setUp() throws Exception {
        profiles = TestProfiles.write(tmp);
    }

    /** Runs with an environment that points at no cluster at all. */
    private Cli.Result dryRun(String... extra) {
        List<String> args = new ArrayList<>(List.of("gitops", "bootstrap", "--cluster", TestProfiles.DEV,
                "--profiles-dir", profiles.toString(), "--dry-run=client", "-o", "yaml"));
        args.addAll(List.of(extra));
        return Cli.cli().env("KUBECONFIG", tmp.resolve("does-not-exist").toString()).run(args.toArray(String[]::new));
    }

    private static List<JsonNode> items(Cli.Result r) throws Exception {
        JsonNode list = Mappers.yaml().readTree(r.stdout());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        List<JsonNode> out = new ArrayList<>();
        list.path("items").forEach(out::add);
        return out;
    }

    private static JsonNode find(List<JsonNode> items, String kind, String name) {
        return items.stream().filter(i -> i.path("kind").asText().equals(kind) && i.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void clientDryRunPrintsEveryObjectWithoutACluster() throws Exception {
        Cli.Result r = Cli.cli().env("GIT_TOKEN", "tok-0123456789").env("KUBECONFIG", tmp.resolve("absent").toString())
                .run("gitops", "bootstrap", "--cluster", TestProfiles.DEV, "--profiles-dir", profiles.toString(),
                        "--dry-run=client", "-o", "yaml", "--repo-username", "bot", "--auto-sync");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        List<JsonNode> items = items(r);
        assertThat(items.stream().map(i -> i.path("kind").asText() + "/" + i.path("metadata").path("name").asText()).toList())
                .containsExactly("Namespace/openshift-gitops-operator", "OperatorGroup/openshift-gitops-operator",
                        "Subscription/openshift-gitops-operator", "ArgoCD/openshift-gitops",
                        "ClusterRoleBinding/openshift-gitops-application-controller", "Secret/rhoai-cluster-repository",
                        "AppProject/cluster-config", "AppProject/cluster-operators", "AppProject/cluster-oper-instances",
                        "AppProject/cluster-demos", "Application/rhoaibu-cluster-dev");
        assertThat(items).allSatisfy(i -> {
            assertThat(i.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("rhoai");
            assertThat(i.path("metadata").path("annotations").toString()).doesNotContain("rhoai.io/");
        });
        JsonNode sub = find(items, "Subscription", "openshift-gitops-operator");
        assertThat(sub.path("spec").path("channel").asText()).isEqualTo("latest");
        assertThat(sub.path("spec").path("installPlanApproval").asText()).isEqualTo("Automatic");
        JsonNode app = find(items, "Application", TestProfiles.DEV);
        assertThat(app.path("spec").path("source").path("targetRevision").asText()).isEqualTo("dev");
        assertThat(app.path("spec").path("syncPolicy").path("automated").path("selfHeal").asBoolean()).isTrue();
        assertThat(find(items, "Secret", "rhoai-cluster-repository").path("data").path("password").asText()).isEqualTo("*****");
        assertThat(r.stderr()).contains("channel shown as 'latest'");
    }

    @Test
    void withoutTokenNoSecretWithoutAutoSyncNoSyncPolicyAndChannelFlagWins() throws Exception {
        Cli.Result r = dryRun("--channel", "gitops-1.15", "--manual-approval");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> items = items(r);
        assertThat(items).noneMatch(i -> i.path("kind").asText().equals("Secret"));
        assertThat(find(items, "Application", TestProfiles.DEV).path("spec").has("syncPolicy")).isFalse();
        JsonNode sub = find(items, "Subscription", "openshift-gitops-operator");
        assertThat(sub.path("spec").path("channel").asText()).isEqualTo("gitops-1.15");
        assertThat(sub.path("spec").path("installPlanApproval").asText()).isEqualTo("Manual");
        assertThat(r.stderr()).doesNotContain("channel shown as");
    }

    @Test
    void narrowControllerRoleInstallsAndBindsTheBundledRole() throws Exception {
        List<JsonNode> items = items(dryRun("--controller-role", BootstrapRequest.NARROW_CONTROLLER_ROLE));
        assertThat(find(items, "ClusterRole", BootstrapRequest.NARROW_CONTROLLER_ROLE).path("rules").size()).isPositive();
        assertThat(find(items, "ClusterRoleBinding", "openshift-gitops-application-controller").path("roleRef").path("name").asText())
                .isEqualTo(BootstrapRequest.NARROW_CONTROLLER_ROLE);
        List<JsonNode> defaults = items(dryRun());
        assertThat(defaults).noneMatch(i -> i.path("kind").asText().equals("ClusterRole"));
        assertThat(find(defaults, "ClusterRoleBinding", "openshift-gitops-application-controller").path("roleRef").path("name").asText())
                .isEqualTo("cluster-admin");
    }

    @Test
    void renderedObjectsValidateAgainstUpstreamSchemas() throws Exception {
        Cli.Result r = Cli.cli().env("GIT_TOKEN", "tok-0123456789").run("gitops", "bootstrap", "--cluster", TestProfiles.DEV,
                "--profiles-dir", profiles.toString(), "--dry-run=client", "-o", "yaml", "--repo-username", "bot", "--auto-sync",
                "--controller-role", BootstrapRequest.NARROW_CONTROLLER_ROLE);
        List<JsonNode> items = items(r);
        Path core = SharedSchemas.require("kubernetes/v1.33/api__v1_openapi.json");
        Path rbac = SharedSchemas.require("kubernetes/v1.33/apis__rbac.authorization.k8s.io__v1_openapi.json");
        for (JsonNode item : items) {
            String kind = item.path("kind").asText();
            JsonNode toCheck = item;
            if (kind.equals("Secret")) {
                // the schema wants base64 in data; the dry run masks the token, so check a copy with a placeholder value
                toCheck = item.deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) toCheck.path("data")).put("password", "dG9rZW4=");
            }
            List<String> problems = switch (kind) {
                case "Namespace" -> SchemaValidator.validateAgainstOpenApi(core, "io.k8s.api.core.v1.Namespace", toCheck);
                case "Secret" -> SchemaValidator.validateAgainstOpenApi(core, "io.k8s.api.core.v1.Secret", toCheck);
                case "ClusterRole" -> SchemaValidator.validateAgainstOpenApi(rbac, "io.k8s.api.rbac.v1.ClusterRole", toCheck);
                case "ClusterRoleBinding" -> SchemaValidator.validateAgainstOpenApi(rbac, "io.k8s.api.rbac.v1.ClusterRoleBinding", toCheck);
                case "OperatorGroup" -> SchemaValidator.validateAgainstCrd(SharedSchemas.require("olm/operators.coreos.com_operatorgroups.yaml"), "v1", toCheck);
                case "Subscription" -> SchemaValidator.validateAgainstCrd(SharedSchemas.require("olm/operators.coreos.com_subscriptions.yaml"), "v1alpha1", toCheck);
                case "ArgoCD" -> SchemaValidator.validateAgainstCrd(SharedSchemas.require("argocd-operator/argoproj.io_argocds.yaml"), "v1beta1", toCheck);
                case "AppProject" -> SchemaValidator.validateAgainstCrd(SharedSchemas.require("argocd/appproject-crd.yaml"), "v1alpha1", toCheck);
                case "Application" -> SchemaValidator.validateAgainstCrd(SharedSchemas.require("argocd/application-crd.yaml"), "v1alpha1", toCheck);
                default -> throw new AssertionError("no schema mapped for " + kind);
            };
            assertThat(problems).as(kind + " " + item.path("metadata").path("name").asText()).isEmpty();
        }
        assertThat(items.stream().map(i -> i.path("kind").asText()).distinct().count()).as("every kind rhoai renders was checked").isEqualTo(9);
    }

    @Test
    void bundledFileListMatchesTheFolder() throws Exception {
        Path folder = Path.of(System.getProperty("rhoai.project.dir", "."), BootstrapManifests.FOLDER);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList())
                    .isEqualTo(BootstrapManifests.BUNDLED);
        }
    }

    @Test
    void manifestsDirOverridesTheBundledTemplates() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("manifests"));
        Files.writeString(dir.resolve("00-only.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: ${cluster}-extra
                  annotations:
                    rhoai.io/stage: operator
                """);
        List<JsonNode> items = items(dryRun("--manifests-dir", dir.toString()));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("metadata").path("name").asText()).isEqualTo("rhoaibu-cluster-dev-extra");

        Files.writeString(dir.resolve("00-only.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: ${clsuter}
                  annotations:
                    rhoai.io/stage: operator
                """);
        Cli.Result bad = dryRun("--manifests-dir", dir.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(bad.stderr()).contains("00-only.yaml: unknown variable 'clsuter'");
        assertThat(bad.stdout()).isEmpty();
    }

    @Test
    void profileWithoutGitopsSectionIsInvalidInputNamingTheField() {
        Cli.Result r = Cli.cli().run("gitops", "bootstrap", "--cluster", "no-gitops", "--profiles-dir", profiles.toString(), "--dry-run=client");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: profile no-gitops: spec.gitops.repoURL is missing");
    }

    @Test
    void usernameWithoutTokenIsRejected() {
        Cli.Result noToken = dryRun("--repo-username", "bot");
        assertThat(noToken.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noToken.stdout()).isEmpty();
        assertThat(noToken.stderr()).contains("--repo-username needs a token");
    }

    /** A token without --repo-username: the profile's spec.gitops.repoUsername, else the user the host documents. */
    @Test
    void aTokenWithoutUsernameGetsTheProfilesOrTheHostsDocumentedUser() throws Exception {
        assertThat(repositoryUser()).isEqualTo("x-access-token");
        assertThat(repositoryUser("--set", "spec.gitops.repoURL=https://gitlab.com/acme/cluster-config.git")).isEqualTo("oauth2");
        assertThat(repositoryUser("--set", "spec.gitops.repoUsername=ci-bot")).isEqualTo("ci-bot");
        assertThat(repositoryUser("--set", "spec.gitops.repoUsername=ci-bot", "--repo-username", "me")).isEqualTo("me");
    }

    private String repositoryUser(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("gitops", "bootstrap", "--cluster", TestProfiles.DEV,
                "--profiles-dir", profiles.toString(), "--dry-run=client", "-o", "yaml"));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.cli().env("GIT_TOKEN", "tok-0123456789").run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.all()).doesNotContain("tok-0123456789");
        JsonNode secret = find(items(r), "Secret", "rhoai-cluster-repository");
        return new String(java.util.Base64.getDecoder().decode(secret.path("data").path("username").asText()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
