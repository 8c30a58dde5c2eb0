package io.rhoai.cli.promote;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.promote.SeedRepo;
import io.rhoai.testing.Cli;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai promote} and {@code rhoai promote back} pushing to a real (local, bare) git remote. */
class PromoteCommandTest {
    @TempDir Path tmp;

    private static Cli.Result run(SeedRepo seed, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profiles-dir", seed.profiles.toString()));
        return Cli.cli().run(all.toArray(String[]::new));
    }

    @Test
    void promotesDevAsAMergeBranchAndReRunsAreIdempotentUntilMergedThenNothingToPromote() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            ObjectId main = seed.remoteBranch("main");
            ObjectId dev = seed.remoteBranch("dev");
            Cli.Result r = run(seed, "promote", "--from", "dev", "--to", "prod", "--no-pr", "--skip-gate", "--no-render", "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            JsonNode result = Mappers.json().readTree(r.stdout());
            String branch = "promote/dev-to-prod-" + dev.name().substring(0, 7);
            assertThat(result.path("outcome").asText()).isEqualTo("pushed");
            assertThat(result.path("branch").asText()).isEqualTo(branch);
            assertThat(result.path("promotedSha").asText()).isEqualTo(dev.name());
            assertThat(result.path("gate").path("status").asText()).isEqualTo("skipped");
            assertThat(result.path("pushed").asBoolean()).isTrue();
            assertThat(r.stderr()).contains("gate skipped (--skip-gate)");

            ObjectId head = seed.remoteBranch(branch);
            assertThat(head.name()).isEqualTo(result.path("headSha").asText());
            try (RevWalk walk = new RevWalk(seed.git.getRepository())) {
                RevCommit merge = walk.parseCommit(head);
                assertThat(merge.getParents()).extracting(ObjectId::name).containsExactly(main.name(), dev.name());
                assertThat(merge.getFullMessage()).contains("Promote dev (" + dev.name().substring(0, 7) + ") into main")
                        .contains("rhoai: channel 2.22 -> 2.25").contains("Gate: skipped (--skip-gate)");
            }
            assertThat(seed.fileAt(branch, "components/operators/rhoai-operator/subscription.yaml")).contains("channel: stable-2.25");
            assertThat(seed.remoteBranch("main")).isEqualTo(main);   // the target branch itself is never pushed

            Cli.Result again = run(seed, "promote", "--from", "dev", "--to", "prod", "--no-pr", "--skip-gate", "--no-render", "-o", "json");
            assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
            JsonNode second = Mappers.json().readTree(again.stdout());
            assertThat(second.path("pushed").asBoolean()).isFalse();
            assertThat(second.path("headSha").asText()).isEqualTo(head.name());
            assertThat(second.path("message").asText()).startsWith("already pushed: " + branch);

            seed.mergeRemoteBranchInto(branch, "main", "Merge pull request #163 from acme/" + branch);
            Cli.Result after = run(seed, "promote", "--from", "dev", "--to", "prod", "--no-pr", "--skip-gate");
            assertThat(after.exitCode()).as(after.toString()).isEqualTo(ExitCodes.OK);
            assertThat(after.stdout()).contains("nothing to promote: rhoaibu-cluster-prod already has " + dev.name().substring(0, 7));
            Cli.Result plan = run(seed, "promote", "plan", "--from", "dev", "--to", "prod", "-o", "json");
            assertThat(plan.exitCode()).isEqualTo(ExitCodes.OK);
            // both promotion merges (#148 and the one just merged) are earlier promotions, not drift
            assertThat(Mappers.json().readTree(plan.stdout()).path("drift")).isEmpty();
        }
    }

    @Test
    void driftBlocksWithNothingPushedAndBackMergeBringsTheHotfixHome() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.SEPARATE_FILE)) {
            Cli.Result blocked = run(seed, "promote", "--from", "dev", "--to", "prod", "--no-pr", "--skip-gate", "--no-render");
            assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(ExitCodes.PRECONDITION);
            assertThat(blocked.stderr()).contains("error: rhoaibu-cluster-prod has 1 commit(s) rhoaibu-cluster-dev lacks")
                    .contains("hint: rhoai promote back --from rhoaibu-cluster-prod --to rhoaibu-cluster-dev");
            assertThat(blocked.stdout()).contains("hotfix: re-add accelerator profiles on main")
                    .contains("components/instances/rhoai-instance/base/accelerator-profile.yaml");
            assertThat(promoteBranches(seed)).isEmpty();

            Cli.Result back = run(seed, "promote", "back", "--from", "prod", "--to", "dev", "--no-pr", "--no-render", "-o", "json");
            assertThat(back.exitCode()).as(back.toString()).isEqualTo(ExitCodes.OK);
            JsonNode result = Mappers.json().readTree(back.stdout());
            String branch = result.path("branch").asText();
            assertThat(branch).isEqualTo("promote/prod-to-dev-" + seed.hotfixCommit.name().substring(0, 7));
            assertThat(result.path("plan").path("direction").asText()).isEqualTo("back-merge");
            assertThat(result.path("gate").path("status").asText()).isEqualTo("not-required");
            // the back-merge lists the hotfix, not the earlier promotion merge
            assertThat(result.path("plan").path("commits")).hasSize(1);
            assertThat(result.path("plan").path("commits").get(0).path("sha").asText()).isEqualTo(seed.hotfixCommit.name());
            assertThat(seed.fileAt(branch, "components/instances/rhoai-instance/base/accelerator-profile.yaml")).contains("nvidia-l40");

            seed.mergeRemoteBranchInto(branch, "dev", "Merge pull request #164 from acme/" + branch);
            Cli.Result plan = run(seed, "promote", "plan", "--from", "dev", "--to", "prod", "--no-render", "-o", "json");
            assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            assertThat(Mappers.json().readTree(plan.stdout()).path("drift")).isEmpty();
            Cli.Result backAgain = run(seed, "promote", "back", "--from", "prod", "--to", "dev", "--no-pr");
            assertThat(backAgain.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(backAgain.stdout()).contains("nothing to back-merge");
        }
    }

    @Test
    void conflictStopsWithTheFilesNamedAndNothingPushed() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.CONFLICTING)) {
            Cli.Result r = run(seed, "promote", "--from", "dev", "--to", "prod", "--allow-drift", "--no-pr", "--skip-gate");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
            assertThat(r.stderr()).contains("error: merging dev into main conflicts in components/instances/rhoai-instance/base/servingruntime.yaml; nothing was pushed");
            assertThat(promoteBranches(seed)).isEmpty();
        }
    }

    @Test
    void dryRunShowsTheBranchCommitAndPullRequestBodyButPushesNothing() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Cli.Result r = run(seed, "promote", "--from", "dev", "--to", "prod", "--skip-gate", "--dry-run", "--no-render");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(r.stdout()).contains("(not pushed: --dry-run)").contains("PULL REQUEST BODY")
                    .contains("### Commits (2)").contains("**rhoai-operator** `components/operators/rhoai-operator`")
                    .contains("dry run: would push promote/dev-to-prod-");
            assertThat(promoteBranches(seed)).isEmpty();
        }
    }

    @Test
    void pinnedStyleSetsTheTargetOverlaysRevisionsToTheVerifiedSha() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            ObjectId pinned = seed.remoteBranch("main");
            seed.checkout("main");
            Path overlay = seed.work.resolve("clusters/overlays/rhoaibu-cluster-prod/kustomization.yaml");
            Files.writeString(overlay, Files.readString(overlay).replace("value: main", "value: " + pinned.name()));
            seed.commit("prod: pin to " + pinned.name().substring(0, 7), "rcarrata");
            seed.pushAll();
            ObjectId mainTip = seed.remoteBranch("main");
            seed.writeProfile("rhoaibu-cluster-prod", "main", "pinned");
            ObjectId dev = seed.remoteBranch("dev");

            Cli.Result plan = run(seed, "promote", "plan", "--from", "dev", "--to", "prod", "--no-render", "-o", "json");
            assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            JsonNode p = Mappers.json().readTree(plan.stdout());
            assertThat(p.path("style").asText()).isEqualTo("pinned");
            assertThat(p.path("pinnedSha").asText()).isEqualTo(pinned.name());
            assertThat(p.path("commits")).hasSize(2);
            assertThat(p.path("drift")).isEmpty();

            Cli.Result r = run(seed, "promote", "--from", "dev", "--to", "prod", "--no-pr", "--skip-gate", "--no-render", "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            String branch = Mappers.json().readTree(r.stdout()).path("branch").asText();
            String pinnedOverlay = seed.fileAt(branch, "clusters/overlays/rhoaibu-cluster-prod/kustomization.yaml");
            assertThat(pinnedOverlay).doesNotContain(pinned.name()).contains("# Uncomment patches to disable automatic sync");
            assertThat(pinnedOverlay.split("value: " + dev.name(), -1)).hasSize(5);   // 3 targetRevisions + the git generator
            try (RevWalk walk = new RevWalk(seed.git.getRepository())) {
                RevCommit c = walk.parseCommit(seed.remoteBranch(branch));
                assertThat(c.getParents()).extracting(ObjectId::name).containsExactly(mainTip.name());
                assertThat(c.getShortMessage()).isEqualTo("Pin rhoaibu-cluster-prod to " + dev.name().substring(0, 7) + " verified in rhoaibu-cluster-dev");
            }
            // app content is not merged: main keeps its files, the pin moves what Argo CD deploys
            assertThat(seed.fileAt(branch, "components/operators/rhoai-operator/subscription.yaml")).contains("stable-2.22");

            seed.mergeRemoteBranchInto(branch, "main", "Merge pull request #165");
            Cli.Result again = run(seed, "promote", "plan", "--from", "dev", "--to", "prod", "--no-render");
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.OK);
            assertThat(again.stdout()).contains("nothing-to-promote");
        }
    }

    private static List<String> promoteBranches(SeedRepo seed) throws Exception {
        seed.remoteBranch("main");
        List<String> names = new ArrayList<>();
        for (Ref ref : seed.git.getRepository().getRefDatabase().getRefsByPrefix("refs/remotes/origin/promote/")) names.add(ref.getName());
        return names;
    }
}
