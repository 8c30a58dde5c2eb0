package io.rhoai.cli.promote;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.promote.SeedRepo;
import io.rhoai.testing.Cli;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promote --pin-remote-bases} with a real bare repository on disk as the remote base (a file:// URL, which
 * kustomize accepts as a remote base too): the floating ref is rewritten to the commit it resolves to, in the promotion
 * commit; with the remote gone the run fails (exit 6) and pushes nothing, and without the flag nothing is resolved.
 */
class PromotePinRemoteBasesTest {
    private static final String KUSTOMIZATION = "components/operators/rhoai-operator/kustomization.yaml";
    @TempDir Path tmp;

    private static Cli.Result promote(SeedRepo seed, String... extra) {
        List<String> args = new ArrayList<>(List.of("promote", "--from", "dev", "--to", "prod", "--no-pr", "--skip-gate", "--no-render",
                "--profiles-dir", seed.profiles.toString()));
        args.addAll(List.of(extra));
        return Cli.cli().run(args.toArray(String[]::new));
    }

    /** A bare repository with one commit on main; returns that commit. */
    private String catalog(Path bare) throws Exception {
        Path work = tmp.resolve("catalog-work");
        try (Git g = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
             Git b = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(work.resolve("base"));
            Files.writeString(work.resolve("base/kustomization.yaml"), "resources: []\n");
            g.add().addFilepattern(".").call();
            RevCommit c = g.commit().setMessage("catalog").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
            g.push().setRemote(bare.toUri().toString()).add("main").call();
            return c.name();
        }
    }

    private static String floating(Path bare) {
        return "file://" + bare.toAbsolutePath() + "//base?ref=main";
    }

    private static void useCatalog(SeedRepo seed, String entry) {
        seed.checkout("dev");
        seed.write(KUSTOMIZATION, "resources:\n  - subscription.yaml\n  - " + entry + "  # the shared catalog\n");
        seed.commit("operators: use the catalog's base", "rcarrata");
        seed.pushAll();
    }

    @Test
    void floatingRefsArePinnedToTheirCommitInThePromotionCommit() throws Exception {
        Path bare = tmp.resolve("catalog.git");
        String sha = catalog(bare);
        try (SeedRepo seed = SeedRepo.create(tmp.resolve("seed"), SeedRepo.Hotfix.NONE)) {
            useCatalog(seed, floating(bare));

            Cli.Result r = promote(seed, "--pin-remote-bases", "-o", "json");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            JsonNode result = Mappers.json().readTree(r.stdout());
            String branch = result.path("branch").asText();
            assertThat(r.stderr()).contains("pinned " + floating(bare) + " (main) to " + sha.substring(0, 7) + " in " + KUSTOMIZATION);
            String pinned = "file://" + bare.toAbsolutePath() + "//base?ref=" + sha;
            assertThat(seed.fileAt(branch, KUSTOMIZATION)).contains("  - " + pinned + "  # the shared catalog\n")
                    .doesNotContain("ref=main");
            try (RevWalk walk = new RevWalk(seed.git.getRepository())) {
                RevCommit head = walk.parseCommit(seed.remoteBranch(branch));
                assertThat(head.getParentCount()).isEqualTo(2);   // a merge carrying the pin, never a fast-forward without it
                assertThat(head.getFullMessage()).contains("Remote bases pinned (--pin-remote-bases):")
                        .contains(KUSTOMIZATION + ": " + floating(bare) + " -> ref=" + sha);
            }
            // dev itself still floats: only the promotion is pinned
            assertThat(seed.fileAt("dev", KUSTOMIZATION)).contains("ref=main");
        }
    }

    @Test
    void offlineItFailsWithExit6AndPushesNothingAndWithoutTheFlagNothingIsResolved() throws Exception {
        Path bare = tmp.resolve("catalog.git");
        catalog(bare);
        try (SeedRepo seed = SeedRepo.create(tmp.resolve("seed"), SeedRepo.Hotfix.NONE)) {
            useCatalog(seed, floating(bare));
            FileUtils.delete(bare.toFile(), FileUtils.RECURSIVE);   // the remote base is unreachable now

            Cli.Result r = promote(seed, "--pin-remote-bases");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).contains("error: cannot resolve main of file://" + bare.toAbsolutePath())
                    .contains("hint: run where the network reaches it, or promote without --pin-remote-bases")
                    .doesNotContain("Exception\n\tat");
            try (var refs = Files.list(seed.remote.resolve("refs/heads"))) {
                assertThat(refs.map(p -> p.getFileName().toString())).doesNotContain("promote");
            }
            assertThat(seed.git.lsRemote().setRemote(seed.remote.toUri().toString()).call())
                    .noneMatch(ref -> ref.getName().startsWith("refs/heads/promote/"));

            Cli.Result without = promote(seed);
            assertThat(without.exitCode()).as(without.toString()).isEqualTo(ExitCodes.OK);
            assertThat(without.stderr()).doesNotContain("pinned").contains("floats on main");
            String branch = without.stdout().lines().filter(l -> l.contains("promote/")).findFirst().orElseThrow();
            assertThat(branch).isNotEmpty();
        }
    }
}
