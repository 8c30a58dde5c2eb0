package io.rhoai.cli.promote;

import io.rhoai.cli.ExitCodes;
import io.rhoai.promote.SeedRepo;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promotion from the repository in hand: a clone made with the git CLI, as a user or a CI job has one, used through
 * {@code --repo-dir} or as the current directory, with and without its remote (a bare repository on disk that the test
 * deletes before the offline runs). No network.
 */
class PromoteFromCloneTest {
    @TempDir Path tmp;

    private static Cli.Result run(Cli cli, SeedRepo seed, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profiles-dir", seed.profiles.toString(), "--no-render"));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void planWorksOnACloneWhoseRemoteIsGoneWithNoFetchAndSaysItDidNotFetch() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Path clone = gitClone(seed.remote, tmp.resolve("clone"));
            deleteTree(seed.remote);

            Cli.Result r = run(Cli.cli(), seed, "promote", "plan", "--from", "dev", "--to", "prod", "--repo-dir", clone.toString(), "--no-fetch");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            assertThat(r.stdout()).contains("Status: changes-pending").contains("rhoai: channel 2.22 -> 2.25")
                    .contains("not fetched (--no-fetch)");
            assertThat(r.stderr()).contains("not fetching (--no-fetch): using the branches of " + clone)
                    .doesNotContain("Fetching").doesNotContain("error:");
        }
    }

    @Test
    void theCurrentDirectoryIsUsedWhenItIsACloneOfTheProfilesRepository() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Path clone = gitClone(seed.remote, tmp.resolve("clone"));
            deleteTree(seed.remote);
            // a sub-directory of the clone counts, as git itself finds the repository upwards
            Cli cli = Cli.cli().env("PWD", clone.resolve("components").toString());
            Cli.Result r = run(cli, seed, "promote", "plan", "--from", "dev", "--to", "prod", "--no-fetch");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
            assertThat(r.stderr()).contains("using the clone at " + clone);

            // a directory that is no clone of the repository is not used: --no-fetch then has nothing to read
            Cli.Result elsewhere = run(Cli.cli().env("PWD", tmp.toString()), seed, "promote", "plan", "--from", "dev", "--to", "prod", "--no-fetch");
            assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(elsewhere.stdout()).isEmpty();
            assertThat(elsewhere.stderr()).contains("error: --no-fetch needs an existing clone of " + seed.repoUrl())
                    .contains("hint: pass --repo-dir <clone>, or run rhoai inside the clone");
        }
    }

    @Test
    void aFailedFetchNamesItsCauseOnTheErrorLineAndPointsAtNoFetch() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.NONE)) {
            Path clone = gitClone(seed.remote, tmp.resolve("clone"));
            deleteTree(seed.remote);
            Cli.Result gone = run(Cli.cli(), seed, "promote", "plan", "--from", "dev", "--to", "prod", "--repo-dir", clone.toString());
            assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(gone.stdout()).isEmpty();
            assertThat(gone.stderr()).contains("error: git fetch: no repository at " + seed.repoUrl())
                    .contains("--no-fetch").doesNotContain("at org.eclipse");

            // offline: nothing listens on the port; the cause (not only "cannot open git-upload-pack") is on the line
            String offline = "http://127.0.0.1:1/acme/rhoaibu-cluster.git";
            seed.writeProfile("rhoaibu-cluster-dev", offline, "dev", "branch");
            seed.writeProfile("rhoaibu-cluster-prod", offline, "main", "branch");
            Cli.Result refused = run(Cli.cli(), seed, "promote", "plan", "--from", "dev", "--to", "prod");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REMOTE);
            assertThat(refused.stdout()).isEmpty();
            String error = refused.stderr().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
            assertThat(error).startsWith("error: git fetch " + offline + " failed: ").containsIgnoringCase("connection refused");
            assertThat(refused.stderr()).contains("hint: ").contains("--no-fetch").doesNotContain("at org.eclipse");
        }
    }

    @Test
    void dryRunsChangeNoRefNoFileOfTheCloneAndNothingOnTheRemote() throws Exception {
        try (SeedRepo seed = SeedRepo.create(tmp, SeedRepo.Hotfix.SEPARATE_FILE)) {
            Path clone = gitClone(seed.remote, tmp.resolve("clone"));
            Files.writeString(clone.resolve("README.md"), "local edit, not committed\n");
            Map<String, String> cloneBefore = snapshot(clone), remoteBefore = snapshot(seed.remote);
            String[][] dryRuns = {
                    {"promote", "plan", "--from", "dev", "--to", "prod", "--allow-drift"},
                    {"promote", "--from", "dev", "--to", "prod", "--allow-drift", "--skip-gate", "--dry-run"},
                    {"promote", "--from", "dev", "--to", "prod", "--allow-drift", "--skip-gate", "--dry-run", "--no-pr"},
                    {"promote", "back", "--from", "prod", "--to", "dev", "--dry-run"},
                    {"promote", "back", "--from", "prod", "--to", "dev", "--dry-run", "--no-fetch"},
            };
            for (String[] args : dryRuns) {
                List<String> withClone = new ArrayList<>(List.of(args));
                withClone.addAll(List.of("--repo-dir", clone.toString()));
                Cli.Result r = run(Cli.cli(), seed, withClone.toArray(String[]::new));
                assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isIn(ExitCodes.OK, ExitCodes.CHANGES_PENDING);
                if (!"plan".equals(args[1])) assertThat(r.stdout()).as(r.toString()).contains("dry run: would push promote/");
                assertThat(snapshot(clone)).as("clone after " + String.join(" ", args)).isEqualTo(cloneBefore);
                assertThat(snapshot(seed.remote)).as("remote after " + String.join(" ", args)).isEqualTo(remoteBefore);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** A clone as a user makes one: the git CLI, so origin/HEAD and the checked-out main are there too. */
    private static Path gitClone(Path remote, Path dir) throws Exception {
        git(null, "clone", "-q", remote.toString(), dir.toString());
        return dir;
    }

    /** Every ref ({@code git for-each-ref}), the status, and every file of the work tree with its content. */
    private static Map<String, String> snapshot(Path repo) throws Exception {
        Map<String, String> s = new TreeMap<>();
        s.put("for-each-ref", git(repo, "for-each-ref"));
        if (Files.isDirectory(repo.resolve(".git"))) {
            s.put("status", git(repo, "status", "--porcelain", "--branch"));
            try (Stream<Path> files = Files.walk(repo)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !repo.relativize(f).startsWith(".git")).toList()) {
                    s.put(repo.relativize(f).toString(), Files.readString(f));
                }
            }
        }
        return s;
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        if (dir != null) cmd.addAll(List.of("-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        assertThat(dir).doesNotExist();
    }
}
