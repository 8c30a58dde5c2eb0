package io.rhoai.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Kinds;
import io.rhoai.testing.ApplyingCrudDispatcher.Recorded;
import io.rhoai.testing.Cli;
import io.rhoai.testing.LoopbackApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Drives the real CLI against the simulated cluster (see {@link SimulatedCluster} for what it simulates and what not;
 * see ApplyingCrudDispatcher for what its server-side-apply stand-in does not cover).
 */
class GitOpsBootstrapTest {
    static final String TOKEN = "ghp_s3cretTokenValue0123456789";

    @TempDir Path tmp;
    SimulatedCluster cluster;
    Path kubeconfig;
    Path profiles;

    @BeforeEach
    void setUp() throws Exception {
        profiles = TestProfiles.write(tmp);
    }

    @AfterEach
    void tearDown() {
        if (cluster != null) cluster.close();
    }

    private void start(SimulatedCluster.Behaviour b) throws Exception {
        cluster = SimulatedCluster.start(b);
        kubeconfig = cluster.kubeconfig(tmp);
    }

    private Cli.Result bootstrap(String... extra) {
        List<String> args = new ArrayList<>(List.of("gitops", "bootstrap", "--cluster", TestProfiles.DEV,
                "--profiles-dir", profiles.toString(), "--kubeconfig", kubeconfig.toString(), "--timeout", "20s"));
        args.addAll(List.of(extra));
        // a token only with a user, as a private repository needs; without, the repository is public
        Cli cli = args.contains("--repo-username") ? Cli.cli().env("GIT_TOKEN", TOKEN) : Cli.cli();
        return cli.run(args.toArray(String[]::new));
    }

    private List<Recorded> rhoaiWrites() {
        return cluster.dispatcher.requestsFrom("rhoai").stream().filter(Recorded::isWrite).toList();
    }

    @Test
    void fullBootstrapReachesHealthyAppsAndReportsEveryObject() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        Cli.Result r = bootstrap("--repo-username", "bot", "--auto-sync", "--wait-apps", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);

        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("operatorVersion").asText()).isEqualTo(SimulatedCluster.CSV_VERSION);
        assertThat(json.path("argocdURL").asText()).isEqualTo("https://" + SimulatedCluster.ROUTE_HOST);
        assertThat(json.path("channel").asText()).isEqualTo("latest");
        assertThat(json.path("channelSource").asText()).contains("PackageManifest");
        assertThat(json.path("changed").asBoolean()).isTrue();
        List<String> objects = new ArrayList<>();
        json.path("objects").forEach(o -> objects.add(o.path("kind").asText() + "/" + o.path("name").asText() + "=" + o.path("outcome").asText()));
        assertThat(objects).containsExactly(
                "Namespace/openshift-gitops-operator=created", "OperatorGroup/openshift-gitops-operator=created",
                "Subscription/openshift-gitops-operator=created", "ArgoCD/openshift-gitops=created",
                "ClusterRoleBinding/openshift-gitops-application-controller=created", "Secret/rhoai-cluster-repository=created",
                "AppProject/cluster-config=created", "AppProject/cluster-operators=created",
                "AppProject/cluster-oper-instances=created", "AppProject/cluster-demos=created",
                "Application/rhoaibu-cluster-dev=created");
        List<String> apps = new ArrayList<>();
        json.path("applications").forEach(a -> apps.add(a.path("name").asText() + " " + a.path("sync").asText() + "/" + a.path("health").asText()));
        assertThat(apps).containsExactlyInAnyOrder("rhoaibu-cluster-dev Synced/Healthy", "config-namespaces Synced/Healthy",
                "instance-rhoai Synced/Healthy");

        // stages in order on stderr
        assertThat(r.stderr()).containsSubsequence("operator: subscribing", "install plan:", "waiting for CSV", "Argo CD CRDs",
                "instance: Argo CD", "repository: credentials", "projects:", "root: Application", "applications: waiting");
        assertThat(r.stderr()).contains("controller role cluster-admin (as in the seed");

        // what landed on the cluster
        GenericKubernetesResource root = cluster.sim.genericKubernetesResources(Kinds.APPLICATION).inNamespace("openshift-gitops")
                .withName(TestProfiles.DEV).get();
        assertThat(Fields.text(root, "spec", "source", "repoURL")).isEqualTo(TestProfiles.REPO);
        assertThat(Fields.text(root, "spec", "source", "targetRevision")).isEqualTo("dev");
        assertThat(Fields.text(root, "spec", "source", "path")).isEqualTo("clusters/overlays/rhoaibu-cluster-dev");
        assertThat(Fields.at(root, "spec", "syncPolicy", "automated", "selfHeal")).isEqualTo(true);
        assertThat(root.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "rhoai");
        GenericKubernetesResource secret = cluster.sim.genericKubernetesResources(Kinds.SECRET).inNamespace("openshift-gitops")
                .withName("rhoai-cluster-repository").get();
        assertThat(new String(java.util.Base64.getDecoder().decode(Fields.text(secret, "data", "password")))).isEqualTo(TOKEN);
        assertThat(secret.getMetadata().getLabels()).containsEntry("argocd.argoproj.io/secret-type", "repository");
        GenericKubernetesResource argo = cluster.sim.genericKubernetesResources(Kinds.ARGOCD).inNamespace("openshift-gitops")
                .withName("openshift-gitops").get();
        assertThat(Fields.text(argo, "spec", "rbac", "policy")).contains("g, system:cluster-admins, role:admin",
                "g, cluster-admins, role:admin", "g, gitops-admins, role:admin");

        // every write rhoai made was a server-side apply under field manager rhoai
        List<Recorded> writes = rhoaiWrites();
        assertThat(writes).hasSize(11);
        assertThat(writes).allSatisfy(w -> {
            assertThat(w.method()).isEqualTo("PATCH");
            assertThat(w.contentType()).startsWith("application/apply-patch+yaml");
            assertThat(w.path()).contains("fieldManager=rhoai");
        });
        // force only where documented: the Argo CD instance the operator also manages
        assertThat(writes.stream().filter(w -> w.hasQuery("force=true")).map(Recorded::pathWithoutQuery).toList())
                .containsExactly("/apis/argoproj.io/v1beta1/namespaces/openshift-gitops/argocds/openshift-gitops");
        assertThat(r.all()).doesNotContain(TOKEN);
    }

    @Test
    void secondRunReportsUnchangedForEveryObjectAndSendsNoWrite() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        Cli.Result first = bootstrap("--repo-username", "bot", "--auto-sync", "--wait-apps");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        cluster.dispatcher.clearRecorded();

        Cli.Result second = bootstrap("--repo-username", "bot", "--auto-sync", "--wait-apps", "-o", "json");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode json = Mappers.json().readTree(second.stdout());
        assertThat(json.path("changed").asBoolean()).isFalse();
        assertThat(json.path("objects")).hasSize(11);
        json.path("objects").forEach(o -> assertThat(o.path("outcome").asText()).as(o.toString()).isEqualTo("unchanged"));
        assertThat(rhoaiWrites()).as("writes on re-run").isEmpty();
        assertThat(second.stderr()).contains("nothing changed");

        Cli.Result text = bootstrap("--repo-username", "bot", "--auto-sync");
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).containsPattern("OBJECT\\s+OUTCOME")
                .containsPattern("Subscription openshift-gitops-operator/openshift-gitops-operator\\s+unchanged")
                .contains("argo cd:          https://" + SimulatedCluster.ROUTE_HOST)
                .contains("controller role:  cluster-admin")
                .endsWith("nothing changed\n");
        assertThat(rhoaiWrites()).isEmpty();
    }

    @Test
    void adoptsAnExistingInstallInsteadOfDuplicatingIt() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        cluster.preinstallForeignGitOps();
        Cli.Result r = bootstrap("--repo-username", "bot", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("adopted").asBoolean()).isTrue();
        assertThat(json.path("subscription").asText()).isEqualTo("openshift-operators/openshift-gitops-operator");
        assertThat(json.path("channel").asText()).isEqualTo("gitops-1.15");
        assertThat(json.path("objects").get(0).path("outcome").asText()).isEqualTo("adopted");

        List<GenericKubernetesResource> subs = cluster.sim.genericKubernetesResources(Kinds.SUBSCRIPTION).inAnyNamespace().list().getItems();
        assertThat(subs).hasSize(1);
        assertThat(cluster.sim.genericKubernetesResources(Kinds.NAMESPACE).withName("openshift-gitops-operator").get()).isNull();
        assertThat(cluster.sim.genericKubernetesResources(Kinds.ARGOCD).inAnyNamespace().list().getItems()).hasSize(1);
        // the adopted Subscription was not written
        assertThat(rhoaiWrites()).noneMatch(w -> w.path().contains("/subscriptions/"));
    }

    @Test
    void operatorThatNeverSucceedsTimesOutNamingTheStageAndLastState() throws Exception {
        start(SimulatedCluster.Behaviour.healthy().csvNeverSucceeds());
        List<String> args = List.of("gitops", "bootstrap", "--cluster", TestProfiles.DEV, "--profiles-dir", profiles.toString(),
                "--kubeconfig", kubeconfig.toString(), "--timeout", "8s");
        Cli.Result r = Cli.cli().run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("error: timed out after 8s waiting for stage 'CSV': ClusterServiceVersion "
                + "openshift-gitops-operator/" + SimulatedCluster.CSV_NAME + " to reach phase Succeeded; last state: phase=Installing reason=InstallWaiting");
        assertThat(r.stderr()).contains("hint: see: oc get csv");
    }

    /**
     * Defect 6a: behind a server (or proxy) that accepts watches and never answers them, the run hung for 11 minutes
     * starting an informer. The first wait's watch is given a bounded start, the run says so and polls from then on,
     * and the bootstrap completes within its --timeout.
     */
    @Test
    void watchesThatNeverAnswerCostOneBoundedStartAndTheRunStillCompletesInTime() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        String upstream = java.util.regex.Pattern.compile("server: (\\S+)").matcher(Files.readString(kubeconfig)).results()
                .findFirst().orElseThrow().group(1);
        try (LoopbackApi proxy = LoopbackApi.proxy(upstream, path -> path.contains("watch=true"))) {
            Path viaProxy = Files.writeString(tmp.resolve("kubeconfig-proxy"), Files.readString(kubeconfig).replace(upstream, proxy.url()));
            List<String> args = List.of("gitops", "bootstrap", "--cluster", TestProfiles.DEV, "--profiles-dir", profiles.toString(),
                    "--kubeconfig", viaProxy.toString(), "--timeout", "20s", "--poll-interval", "200ms");
            long t0 = System.nanoTime();
            Cli.Result r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> Cli.cli().run(args.toArray(String[]::new)));
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - t0);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(took).as(r.toString()).isLessThan(java.time.Duration.ofSeconds(24));
            assertThat(proxy.requests).anyMatch(q -> q.contains("watch=true"));
            assertThat(r.stderr()).containsOnlyOnce("did not start within").contains("this run polls every 200ms instead");
        }
    }

    @Test
    void tokenNeverAppearsInAnyOutput() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        Path tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        for (String format : List.of("text", "json", "yaml")) {
            Cli.Result r = Cli.cli().run("gitops", "bootstrap", "--cluster", TestProfiles.DEV, "--profiles-dir", profiles.toString(),
                    "--kubeconfig", kubeconfig.toString(), "--timeout", "20s", "--repo-username", "bot",
                    "--git-token-file", tokenFile.toString(), "-v", "-o", format);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.all()).doesNotContain(TOKEN);
        }
        for (String dryRun : List.of("client", "server")) {
            Cli.Result r = Cli.cli().env("GIT_TOKEN", TOKEN).run("gitops", "bootstrap", "--cluster", TestProfiles.DEV,
                    "--profiles-dir", profiles.toString(), "--kubeconfig", kubeconfig.toString(), "--repo-username", "bot",
                    "--dry-run=" + dryRun, "-o", "yaml");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.all()).doesNotContain(TOKEN).doesNotContain(java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes()));
        }
    }

    @Test
    void manualApprovalWithApproveApprovesTheMatchingInstallPlan() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        Cli.Result r = bootstrap("--manual-approval", "--approve", "--channel", "gitops-1.15");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("install plan: approving InstallPlan openshift-gitops-operator/install-");
        List<GenericKubernetesResource> plans = cluster.sim.genericKubernetesResources(Kinds.INSTALL_PLAN).inAnyNamespace().list().getItems();
        assertThat(plans).singleElement().satisfies(p -> {
            assertThat(Fields.at(p, "spec", "approved")).isEqualTo(true);
            assertThat(Fields.text(p, "spec", "approval")).isEqualTo("Manual");
        });
        // --channel given: the PackageManifest is never read
        assertThat(cluster.dispatcher.requestsFrom("rhoai")).noneMatch(q -> q.path().contains("packagemanifests"));
        assertThat(rhoaiWrites()).anySatisfy(w -> {
            assertThat(w.path()).contains("/installplans/").contains("fieldManager=rhoai");
            assertThat(w.contentType()).startsWith("application/merge-patch+json");
            assertThat(w.body()).isEqualTo("{\"spec\":{\"approved\":true}}");
        });
    }

    @Test
    void manualApprovalWithoutApproveTimesOutWaitingForTheApproval() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        Cli.Result r = Cli.cli().run("gitops", "bootstrap", "--cluster", TestProfiles.DEV, "--profiles-dir", profiles.toString(),
                "--kubeconfig", kubeconfig.toString(), "--timeout", "6s", "--manual-approval");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(r.stderr()).contains("waits for manual approval").contains("to be approved; last state: approved=false")
                .contains("hint: approve it, or re-run with --approve");
    }

    @Test
    void statusShowsOperatorInstanceAndApplicationsAsTableAndJson() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        List<String> base = List.of("gitops", "status", "--cluster", TestProfiles.DEV, "--profiles-dir", profiles.toString(),
                "--kubeconfig", kubeconfig.toString());
        Cli.Result before = Cli.cli().run(base.toArray(String[]::new));
        assertThat(before.exitCode()).isZero();
        assertThat(before.stdout()).isEqualTo("OpenShift GitOps: not installed\n");

        assertThat(bootstrap("--wait-apps").exitCode()).isZero();
        Cli.Result text = Cli.cli().run(base.toArray(String[]::new));
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains("CSV " + SimulatedCluster.CSV_NAME + " (Succeeded), version " + SimulatedCluster.CSV_VERSION)
                .contains("openshift-gitops/openshift-gitops Available, https://" + SimulatedCluster.ROUTE_HOST)
                .containsPattern("APPLICATION\\s+PROJECT\\s+SYNC\\s+HEALTH\\s+REVISION")
                .containsPattern("rhoaibu-cluster-dev\\s+cluster-config\\s+Synced\\s+Healthy\\s+5bd40fc");

        List<String> json = new ArrayList<>(base);
        json.addAll(List.of("-o", "json"));
        JsonNode status = Mappers.json().readTree(Cli.cli().run(json.toArray(String[]::new)).stdout());
        assertThat(status.path("installed").asBoolean()).isTrue();
        assertThat(status.path("operator").path("version").asText()).isEqualTo(SimulatedCluster.CSV_VERSION);
        assertThat(status.path("instance").path("phase").asText()).isEqualTo("Available");
        assertThat(status.path("applications")).hasSize(3);
        assertThat(status.path("applications").get(0).path("name").asText()).isEqualTo("config-namespaces");
    }

    @Test
    void anApplicationDegradedBeyondTheGracePeriodFailsTheWaitAsRemote() throws Exception {
        start(SimulatedCluster.Behaviour.healthy().withDegradedApp("instance-rhoai"));
        Cli.Result r = bootstrap("--wait-apps", "--degraded-grace", "1s");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("error: Application instance-rhoai has been Degraded for more than 1s: Deployment rhods-operator: 0/1 ready")
                .contains("raise --degraded-grace");
    }

    @Test
    void serverDryRunSendsDryRunAppliesAndStoresNothing() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        Cli.Result r = bootstrap("--dry-run=server", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("dryRun").asText()).isEqualTo("server");
        List<String> outcomes = new ArrayList<>();
        json.path("objects").forEach(o -> outcomes.add(o.path("kind").asText() + "=" + o.path("outcome").asText()));
        // every object goes through the API server's dry run. On a real cluster the Argo CD kinds are not served before
        // the operator runs and are reported "rendered"; the CRUD mock serves any path, so that case is not covered here.
        assertThat(outcomes).hasSize(10).allMatch(o -> o.endsWith("=created"));
        assertThat(rhoaiWrites()).isNotEmpty().allSatisfy(w -> assertThat(w.hasQuery("dryRun=All")).isTrue());
        assertThat(cluster.sim.genericKubernetesResources(Kinds.SUBSCRIPTION).inAnyNamespace().list().getItems()).isEmpty();
        assertThat(cluster.sim.genericKubernetesResources(Kinds.NAMESPACE).withName("openshift-gitops-operator").get()).isNull();
    }

    /** Issue 10, defect 2: a field rhoai stops setting is removed, and the run does not say "nothing changed". */
    @Test
    void droppingAutoSyncRemovesTheAutomatedSyncPolicy() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        assertThat(bootstrap("--auto-sync").exitCode()).isZero();
        assertThat(Fields.at(rootApplication(), "spec", "syncPolicy", "automated")).isNotNull();

        Cli.Result manual = bootstrap("-o", "json");
        assertThat(manual.exitCode()).as(manual.toString()).isZero();
        assertThat(Fields.at(rootApplication(), "spec", "syncPolicy", "automated")).as("syncPolicy.automated after a run without --auto-sync").isNull();
        JsonNode json = Mappers.json().readTree(manual.stdout());
        assertThat(json.path("changed").asBoolean()).isTrue();
        List<String> configured = new ArrayList<>();
        json.path("objects").forEach(o -> { if (o.path("outcome").asText().equals("configured")) configured.add(o.path("kind").asText()); });
        assertThat(configured).containsExactly("Application");

        cluster.dispatcher.clearRecorded();
        Cli.Result again = bootstrap();
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).endsWith("nothing changed\n");
        assertThat(rhoaiWrites()).isEmpty();
    }

    /**
     * Issue 10, defect 4: a ClusterRoleBinding's roleRef is immutable. Changing --controller-role on an existing install
     * replaces the binding (and says so) instead of stopping half-way on a 422.
     */
    @Test
    void changingTheControllerRoleReplacesTheBindingAndSaysSo() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        assertThat(bootstrap().exitCode()).isZero();
        Cli.Result narrow = bootstrap("--controller-role", "rhoai-gitops-cluster-config", "-o", "json");
        assertThat(narrow.exitCode()).as(narrow.toString()).isZero();
        GenericKubernetesResource binding = cluster.sim.genericKubernetesResources(Kinds.CLUSTER_ROLE_BINDING)
                .withName("openshift-gitops-application-controller").get();
        assertThat(Fields.text(binding, "roleRef", "name")).isEqualTo("rhoai-gitops-cluster-config");
        assertThat(narrow.stderr()).contains("roleRef cannot change in place").contains("deleted and created again");
        JsonNode json = Mappers.json().readTree(narrow.stdout());
        List<String> notes = new ArrayList<>();
        json.path("objects").forEach(o -> { if (o.hasNonNull("note")) notes.add(o.path("kind").asText() + ": " + o.path("note").asText()); });
        assertThat(notes).singleElement().asString().startsWith("ClusterRoleBinding: roleRef cannot change in place");
    }

    /**
     * Issue 10, defect 5: a server dry run on a fresh cluster cannot validate objects whose namespace or kind an
     * earlier stage creates; it says so per object instead of calling them validated.
     */
    @Test
    void serverDryRunOnAFreshClusterSaysWhichObjectsTheServerCouldNotValidate() throws Exception {
        start(SimulatedCluster.Behaviour.healthy());
        cluster.dispatcher.requireNamespaces(true);
        Cli.Result r = bootstrap("--dry-run=server", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = Mappers.json().readTree(r.stdout());
        List<String> outcomes = new ArrayList<>();
        json.path("objects").forEach(o -> outcomes.add(o.path("kind").asText() + "=" + o.path("outcome").asText()));
        assertThat(outcomes).contains("Namespace=created", "OperatorGroup=unvalidated", "Subscription=unvalidated", "ArgoCD=unvalidated");
        json.path("objects").forEach(o -> {
            if (o.path("outcome").asText().equals("unvalidated")) {
                assertThat(o.path("note").asText()).as(o.toString()).startsWith("not validated by the server: namespace ");
            }
        });
        assertThat(cluster.sim.genericKubernetesResources(Kinds.NAMESPACE).withName("openshift-gitops-operator").get()).isNull();
    }

    private GenericKubernetesResource rootApplication() {
        return cluster.sim.genericKubernetesResources(Kinds.APPLICATION).inNamespace("openshift-gitops").withName(TestProfiles.DEV).get();
    }
}
