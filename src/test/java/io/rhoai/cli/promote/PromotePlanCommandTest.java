package io.rhoai.cli.promote;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.promote.SeedRepo;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code rhoai promote plan} on real git repositories shaped like the seed's. */
class PromotePlanCommandTest {
    @TempDir Path tmp;

    private Cli.Result plan(SeedRepo seed, String... extra) {
        return plan(Cli.cli(), seed, extra);
    }

    private Cli.Result plan(Cli cli, SeedRepo seed, String... extra) {
        List<String> args = new ArrayList<>(List.of("promote", "plan", "--from", "dev", "--to", "prod",
                "--profiles-dir", seed.profiles.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void mainOnlyHotfixIsDriftThatBlocksAndNamesTheBackMergeCommand() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.SEPARATE_FILE)) {
            Cli.Result r = plan(seed, "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
            JsonNode plan = Mappers.json().readTree(r.stdout());
            assertThat(plan.path("status").asText()).isEqualTo("blocked-by-drift");
            JsonNode drift = plan.path("drift");
            assertThat(drift).hasSize(1);
            assertThat(drift.get(0).path("sha").asText()).isEqualTo(seed.hotfixCommit.name());
            assertThat(drift.get(0).path("files").get(0).asText()).isEqualTo("components/instances/rhoai-instance/base/accelerator-profile.yaml");
            // the earlier promotion merge (#148) is not drift
            assertThat(r.stdout()).doesNotContain(seed.promotionMerge.name());
            assertThat(plan.path("backMergeCommand").asText())
                    .startsWith("rhoai promote back --from rhoaibu-cluster-prod --to rhoaibu-cluster-dev");
            assertThat(r.stderr()).contains("error: rhoaibu-cluster-prod has 1 commit(s) rhoaibu-cluster-dev lacks (drift)")
                    .contains("hint: rhoai promote back --from rhoaibu-cluster-prod --to rhoaibu-cluster-dev");
        }
    }

    @Test
    void commitsToPromoteAreTheDevOnlyOnesAndFilesGroupByApplication() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.SEPARATE_FILE)) {
            Cli.Result r = plan(seed, "--allow-drift", "--no-render", "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            JsonNode plan = Mappers.json().readTree(r.stdout());
            assertThat(plan.path("status").asText()).isEqualTo("changes-pending");
            List<String> shas = new ArrayList<>();
            plan.path("commits").forEach(c -> shas.add(c.path("sha").asText()));
            // newest first; the docs commit already reached main through #148
            assertThat(shas).containsExactly(seed.runtimeCommit.name(), seed.operatorCommit.name());
            assertThat(appFiles(plan, "rhoai-operator")).containsExactly("components/operators/rhoai-operator/subscription.yaml");
            // the runtime sits in the base that the instance-rhoai overlay (overlays/full) pulls in with ../../base
            assertThat(appFiles(plan, "instance-rhoai")).containsExactly("components/instances/rhoai-instance/base/servingruntime.yaml");
            assertThat(appOrigin(plan, "rhoai-operator")).isEqualTo("ApplicationSet cluster-operators-applicationset");
            assertThat(plan.path("driftAllowed").asBoolean()).isTrue();
            assertThat(r.stderr()).contains("promoting anyway (--allow-drift)");
        }
    }

    @Test
    void perEnvironmentPatchesDecideWhichAppAFileBelongsTo() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            seed.checkout("dev");
            // the dev console overlay is deployed by config-console in dev only; prod's config-console reads the prod folder
            seed.write("components/configs/console/overlays/rhoaibu-cluster-dev/kustomization.yaml",
                    seed.work.resolve("components/configs/console/overlays/rhoaibu-cluster-dev/kustomization.yaml").toFile().exists()
                            ? Files.readString(seed.work.resolve("components/configs/console/overlays/rhoaibu-cluster-dev/kustomization.yaml")) + "namePrefix: dev-\n"
                            : "");
            seed.write("components/configs/console/overlays/rhoaibu-cluster-prod/kustomization.yaml",
                    Files.readString(seed.work.resolve("components/configs/console/overlays/rhoaibu-cluster-prod/kustomization.yaml"))
                            .replace("#FF333C", "#FF0000"));
            seed.write("clusters/overlays/rhoaibu-cluster-prod/kustomization.yaml",
                    Files.readString(seed.work.resolve("clusters/overlays/rhoaibu-cluster-prod/kustomization.yaml")) + "commonLabels:\n  env: prod\n");
            seed.write("docs/notes.md", "notes\n");
            seed.commit("console tweaks", "rcarrata");
            seed.pushAll();

            JsonNode plan = Mappers.json().readTree(plan(seed, "--no-render", "-o", "json").stdout());
            assertThat(appFiles(plan, "config-console")).containsExactly("components/configs/console/overlays/rhoaibu-cluster-prod/kustomization.yaml");
            assertThat(appFiles(plan, "(cluster overlay)")).containsExactly("clusters/overlays/rhoaibu-cluster-prod/kustomization.yaml");
            assertThat(appFiles(plan, "(no application)")).contains(
                    "components/configs/console/overlays/rhoaibu-cluster-dev/kustomization.yaml", "docs/notes.md");
        }
    }

    @Test
    void renderedDiffShowsTheManifestChangeWhenKubectlIsOnPath() throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        assumeTrue(Files.isExecutable(kubectl), "kubectl not installed (scripts/install-test-deps.sh)");
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Cli.Result r = plan(Cli.cli().env("PATH", "/usr/bin"), seed);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            assertThat(r.stdout()).contains("RENDERED DIFF (kubectl kustomize)")
                    .contains("=== rhoai-operator (components/operators/rhoai-operator)")
                    .contains("-  channel: stable-2.22").contains("+  channel: stable-2.25")
                    .contains("=== instance-rhoai")
                    .contains("+  - image: registry.redhat.io/rhoai/odh-vllm-cuda-rhel9:vllm-rhoai-2.25");
            // the overlay itself renders the same: no section for it
            assertThat(r.stdout()).doesNotContain("=== cluster overlay");
        }
    }

    @Test
    void withoutKustomizeOrKubectlItSaysSoAndShowsTheFileDiff() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Cli.Result r = plan(Cli.cli().env("PATH", tmp.resolve("empty-bin").toString()), seed);
            assertThat(r.exitCode()).isEqualTo(ExitCodes.CHANGES_PENDING);
            assertThat(r.stderr()).contains("neither kustomize nor kubectl is on PATH");
            assertThat(r.stdout()).contains("RENDERED DIFF: unavailable")
                    .contains("diff --git a/components/operators/rhoai-operator/subscription.yaml")
                    .contains("+  channel: stable-2.25");
        }
    }

    @Test
    void remoteBasesAreListedWithTheirRefsFloatingOnesWarnedAndARenderFailureSaysWhere() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) && Files.isExecutable(Path.of("/usr/bin/git")),
                "kubectl and git not installed (scripts/install-test-deps.sh)");
        // .invalid never resolves, so the fetch kustomize starts fails the same way with or without a network
        String floating = "https://example.invalid/acme/catalog//operators/base?ref=main";
        String pinned = "https://example.invalid/acme/catalog//nfd/base?ref=" + "7e7095e".repeat(5) + "abcde";
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            seed.checkout("dev");
            seed.write("components/operators/rhoai-operator/kustomization.yaml", "resources:\n  - subscription.yaml\n  - " + floating + "\n");
            seed.write("components/operators/nfd/kustomization.yaml", "resources:\n  - subscription.yaml\n  - " + pinned + "\n");
            seed.commit("operators: use the catalog's bases", "rcarrata");
            seed.pushAll();

            Cli.Result r = plan(Cli.cli().env("PATH", "/usr/bin"), seed, "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            JsonNode bases = Mappers.json().readTree(r.stdout()).path("remoteBases");
            assertThat(bases).hasSize(2);
            JsonNode first = bases.get(0).path("url").asText().equals(floating) ? bases.get(0) : bases.get(1);
            JsonNode second = first == bases.get(0) ? bases.get(1) : bases.get(0);
            assertThat(first.path("kustomization").asText()).isEqualTo("components/operators/rhoai-operator/kustomization.yaml");
            assertThat(first.path("ref").asText()).isEqualTo("main");
            assertThat(first.path("pinning").asText()).isEqualTo("floating");
            assertThat(first.path("applications").get(0).asText()).isEqualTo("rhoai-operator");
            assertThat(second.path("url").asText()).isEqualTo(pinned);
            assertThat(second.path("pinning").asText()).isEqualTo("commit");

            assertThat(r.stderr()).contains("warning: remote base " + floating + " floats on main "
                    + "(components/operators/rhoai-operator/kustomization.yaml): renders are not reproducible")
                    .doesNotContain("remote base " + pinned + " floats");
            String failure = r.stderr().lines().filter(l -> l.contains("cannot render Application rhoai-operator")).findFirst().orElseThrow();
            // the Application, its kustomization, and kustomize's own error rather than kubectl's klog wrapper
            assertThat(failure).contains("kustomization components/operators/rhoai-operator (after): accumulating resources")
                    .contains(floating).doesNotContain("command failed").doesNotContain("err=<");

            Cli.Result text = plan(Cli.cli().env("PATH", "/usr/bin"), seed, "--allow-drift");
            assertThat(text.stdout()).contains("REMOTE BASES (2, 1 floating)").contains(floating)
                    .contains("render failed: after: accumulating resources");
        }
    }

    @Test
    void conflictingHotfixStopsWithTheFileNamed() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.CONFLICTING)) {
            Cli.Result r = plan(seed, "--allow-drift");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
            assertThat(r.stdout()).contains("Status: conflict").contains("CONFLICTS (1)")
                    .contains("components/instances/rhoai-instance/base/servingruntime.yaml");
            assertThat(r.stderr()).contains("error: merging dev into main conflicts in components/instances/rhoai-instance/base/servingruntime.yaml");
        }
    }

    @Test
    void nothingToPromoteExitsZero() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            mergeDevIntoMain(seed);
            Cli.Result r = plan(seed);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(r.stdout()).contains("Status: nothing-to-promote");
        }
    }

    @Test
    void driftExitsFourEvenWithNothingPendingUnlessAllowed() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.SEPARATE_FILE)) {
            // main already has everything of dev (#157), but keeps its own hotfix: nothing to promote, still drift
            mergeDevIntoMain(seed);
            String hotfix = seed.hotfixCommit.name().substring(0, 7);

            Cli.Result r = plan(seed);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
            assertThat(r.stdout()).contains("Status: blocked-by-drift")
                    .contains("DRIFT: main has 1 commit(s) dev lacks (blocks the promotion)").contains(hotfix);
            assertThat(r.stderr()).contains("error: rhoaibu-cluster-prod has 1 commit(s) rhoaibu-cluster-dev lacks (drift): "
                    + hotfix + " hotfix: re-add accelerator profiles on main; nothing is pending from rhoaibu-cluster-dev")
                    .contains("hint: rhoai promote back --from rhoaibu-cluster-prod --to rhoaibu-cluster-dev");

            Cli.Result allowed = plan(seed, "--allow-drift", "-o", "json");
            assertThat(allowed.exitCode()).as(allowed.toString()).isEqualTo(ExitCodes.OK);
            JsonNode plan = Mappers.json().readTree(allowed.stdout());
            assertThat(plan.path("status").asText()).isEqualTo("nothing-to-promote");
            assertThat(plan.path("drift")).hasSize(1);
            assertThat(allowed.stderr()).contains("promoting anyway (--allow-drift)").doesNotContain("error:");
        }
    }

    @Test
    void unknownProfileAndMissingGitopsAreInvalidInput() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Cli.Result r = Cli.cli().run("promote", "plan", "--from", "staging", "--to", "prod", "--profiles-dir", seed.profiles.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.stderr()).contains("error: --from: no profile 'staging'").contains("rhoaibu-cluster-dev, rhoaibu-cluster-prod");
            Files.writeString(seed.profiles.resolve("rhoaibu-cluster-qa.yaml"), """
                    apiVersion: rhoai.io/v1alpha1
                    kind: ClusterProfile
                    metadata:
                      name: rhoaibu-cluster-qa
                    spec:
                      cluster: {name: qa, baseDomain: example.com}
                    """);
            r = Cli.cli().run("promote", "plan", "--from", "qa", "--to", "prod", "--profiles-dir", seed.profiles.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.stderr()).contains("rhoaibu-cluster-qa.yaml: spec.gitops is missing");
        }
    }

    @Test
    void aHotfixMergedIntoMainThroughItsOwnPullRequestIsDriftMergeAndAll() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            // the seed's PR #150: branch hotfix-main-acc-prof, merged into main only
            seed.checkout("main");
            seed.git.branchCreate().setName("hotfix-main-acc-prof").call();
            seed.checkout("hotfix-main-acc-prof");
            seed.write("components/instances/rhoai-instance/base/accelerator-profile.yaml", "kind: AcceleratorProfile\n");
            var hotfix = seed.commit("re-add accelerator profiles", "rcarrata");
            seed.checkout("main");
            var merge = seed.merge("hotfix-main-acc-prof", "Merge pull request #150 from acme/hotfix-main-acc-prof");
            seed.pushAll();

            Cli.Result r = plan(seed, "--no-render", "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
            List<String> drift = new ArrayList<>();
            Mappers.json().readTree(r.stdout()).path("drift").forEach(c -> drift.add(c.path("sha").asText()));
            assertThat(drift).containsExactly(merge.name(), hotfix.name());
            assertThat(drift).doesNotContain(seed.promotionMerge.name());
        }
    }

    @Test
    void externalDiffProgramGetsBeforeAndAfterDirectories() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) && Files.isExecutable(Path.of("/usr/bin/diff")));
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Cli.Result r = plan(Cli.cli().env("PATH", "/usr/bin").env("RHOAI_EXTERNAL_DIFF", "/usr/bin/diff -ru"), seed);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            assertThat(r.stdout()).contains("=== external diff (/usr/bin/diff -ru)")
                    .contains("diff/before/rhoai-operator.yaml").contains("+  channel: stable-2.25");
        }
    }

    @Test
    void repoDirIsKeptAndReusedAndAForeignDirectoryIsRefused() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Path cache = tmp.resolve("cache");
            assertThat(plan(seed, "--no-render", "--repo-dir", cache.toString()).exitCode()).isEqualTo(ExitCodes.CHANGES_PENDING);
            try (var kept = org.eclipse.jgit.api.Git.open(cache.toFile())) {
                assertThat(kept.getRepository().exactRef("refs/remotes/origin/dev").getObjectId()).isEqualTo(seed.remoteBranch("dev"));
            }
            assertThat(plan(seed, "--no-render", "--repo-dir", cache.toString()).exitCode()).isEqualTo(ExitCodes.CHANGES_PENDING);
            Path foreign = Files.createDirectories(tmp.resolve("foreign"));
            Files.writeString(foreign.resolve("notes.txt"), "mine");
            Cli.Result r = plan(seed, "--repo-dir", foreign.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.stderr()).contains("--repo-dir: " + foreign + " is neither empty nor a git repository");
            assertThat(foreign.resolve("notes.txt")).hasContent("mine");
        }
    }

    @Test
    void timeoutIsTheWholeRunsBudgetAndOperationTimeoutLimitsEachCall() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            // the budget is spent before the fetch starts: before, 1ms only bounded each call (rounded up to 1s) and passed
            Cli.Result spent = plan(seed, "--no-render", "--timeout", "1ms");
            assertThat(spent.exitCode()).as(spent.toString()).isEqualTo(ExitCodes.TIMEOUT);
            assertThat(spent.stdout()).isEmpty();
            assertThat(spent.stderr()).contains("error: the promote run used its whole --timeout of 1ms before it finished")
                    .contains("hint: raise --timeout (the whole run); --operation-timeout limits each git, GitHub and kustomize call");

            Cli.Result ok = plan(seed, "--no-render", "--timeout", "5m", "--operation-timeout", "30s");
            assertThat(ok.exitCode()).as(ok.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            assertThat(Cli.cli().run("promote", "plan", "--help").stdout())
                    .contains("--operation-timeout=DURATION").contains("Time budget of the whole run");
        }
    }

    /** The promotion pull request merged on GitHub (#157): main then has every commit of dev. */
    private static void mergeDevIntoMain(SeedRepo seed) {
        seed.checkout("main");
        seed.merge("dev", "Merge pull request #157 from acme/dev");
        seed.pushAll();
    }

    private static List<String> appFiles(JsonNode plan, String app) {
        List<String> files = new ArrayList<>();
        for (JsonNode a : plan.path("applications")) {
            if (a.path("application").asText().equals(app)) a.path("files").forEach(f -> files.add(f.asText()));
        }
        return files;
    }

    private static String appOrigin(JsonNode plan, String app) {
        for (JsonNode a : plan.path("applications")) if (a.path("application").asText().equals(app)) return a.path("origin").asText();
        return null;
    }
}
