package io.rhoai.installconfig;

import io.rhoai.cli.ExitCodes;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The bundled profiles rendered end to end through the real command line (render, then gpu-manifests on the installer
 * fixtures) must match the reviewed files in src/test/resources/golden/<profile>/ byte for byte. The golden files were
 * generated once by this code (-Drhoai.golden.update=true) and reviewed by eye; any diff fails and is printed.
 */
class GoldenFilesTest {
    static final List<String> PROFILES = Fixtures.BUNDLED;

    @TempDir Path tmp;

    @ParameterizedTest
    @FieldSource("PROFILES")
    void bundledProfileRendersExactlyTheGoldenFiles(String profile) throws IOException {
        Path dir = tmp.resolve(profile);
        Cli.Result render = Cli.cli().run("install-config", "render", "--cluster", profile, "--dir", dir.toString(),
                "--profiles-dir", Fixtures.PROFILES.toString(),
                "--pull-secret-file", Fixtures.PULL_SECRET.toString(), "--ssh-public-key-file", Fixtures.SSH_KEY.toString());
        assertThat(render.exitCode()).as(render.toString()).isEqualTo(ExitCodes.OK);
        Fixtures.createManifests(profile, dir);
        Cli.Result gpu = Cli.cli().run("install-config", "gpu-manifests", "--cluster", profile, "--dir", dir.toString(),
                "--profiles-dir", Fixtures.PROFILES.toString());
        assertThat(gpu.exitCode()).as(gpu.toString()).isEqualTo(ExitCodes.OK);

        List<String> produced = new ArrayList<>();
        produced.add("install-config.yaml");
        for (String f : Fixtures.listFiles(dir)) if (f.startsWith("openshift/99_rhoai_")) produced.add(f);
        Path golden = Fixtures.GOLDEN.resolve(profile);
        if (Boolean.getBoolean("rhoai.golden.update")) {
            for (String f : produced) {
                Files.createDirectories(golden.resolve(f).getParent());
                Files.copy(dir.resolve(f), golden.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> expected = Fixtures.listFiles(golden);
        assertThat(produced).as("files rendered for %s vs golden", profile).containsExactlyInAnyOrderElementsOf(expected);
        StringBuilder diffs = new StringBuilder();
        for (String f : expected) {
            String want = Files.readString(golden.resolve(f));
            String got = Files.readString(dir.resolve(f));
            if (!want.equals(got)) diffs.append(diff(profile + "/" + f, want, got));
        }
        if (!diffs.isEmpty()) fail("rendered files differ from the golden files (re-generate with -Drhoai.golden.update=true and review):\n" + diffs);
    }

    /** A line diff: good enough to see which field moved. */
    static String diff(String name, String want, String got) {
        String[] a = want.split("\n", -1), b = got.split("\n", -1);
        StringBuilder out = new StringBuilder("--- golden/" + name + "\n+++ rendered/" + name + "\n");
        int i = 0, j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) { i++; j++; continue; }
            int nextJ = i < a.length ? indexOf(b, a[i], j) : -1;
            int nextI = j < b.length ? indexOf(a, b[j], i) : -1;
            if (nextJ >= 0 && (nextI < 0 || nextJ - j <= nextI - i)) {
                while (j < nextJ) out.append("@").append(j + 1).append(" +").append(b[j++]).append('\n');
            } else if (nextI >= 0) {
                while (i < nextI) out.append("@").append(i + 1).append(" -").append(a[i++]).append('\n');
            } else {
                if (i < a.length) out.append("@").append(i + 1).append(" -").append(a[i++]).append('\n');
                if (j < b.length) out.append("@").append(j + 1).append(" +").append(b[j++]).append('\n');
            }
        }
        return out.toString();
    }

    private static int indexOf(String[] lines, String line, int from) {
        for (int k = from; k < lines.length; k++) if (lines[k].equals(line)) return k;
        return -1;
    }
}
