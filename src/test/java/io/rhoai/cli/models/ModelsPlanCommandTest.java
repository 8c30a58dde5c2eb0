package io.rhoai.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.models.SeedModels;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai models plan} on the seed's model tree: the capacity per label, the fixing snippet, --write. */
class ModelsPlanCommandTest {
    @TempDir Path tmp;
    Path repo;
    Path profiles;

    @BeforeEach
    void tree() throws IOException {
        repo = SeedModels.write(tmp);
        profiles = tmp.resolve("profiles");
    }

    Cli.Result plan(String... extra) {
        List<String> args = new ArrayList<>(List.of("models", "plan", "-c", "seed-prod", "--profiles-dir", profiles.toString(),
                "--repo-dir", repo.toString(), "--models-dir", SeedModels.DIR));
        args.addAll(List.of(extra));
        return Cli.cli().env("PATH", "/nowhere").run(args.toArray(String[]::new));
    }

    static final String SNIPPET = """
            spec:
              gpuPools:
                # NVIDIA-A10G-PRIVATE: 2 model(s), 2 GPU(s) at maxReplicas + 1 for a rolling update (rhoai models plan)
                - name: a10g-private
                  instanceType: g5.2xlarge
                  access: PRIVATE
                  zones: [a]
                  minReplicas: 0
                  maxReplicas: 3
                # NVIDIA-L40S-MULTI-PRIVATE: 1 model(s), 4 GPU(s) at maxReplicas + 4 for a rolling update (rhoai models plan)
                - name: l40s-multi-private
                  instanceType: g6e.12xlarge
                  access: PRIVATE
                  zones: [a]
                  minReplicas: 0
                  maxReplicas: 2
                # NVIDIA-L40S-PRIVATE: 3 model(s), 3 GPU(s) at maxReplicas + 1 for a rolling update (rhoai models plan)
                - name: l40s-private
                  instanceType: g6e.2xlarge
                  access: PRIVATE
                  zones: [a]
                  minReplicas: 0
                  maxReplicas: 4
              autoscaler:
                gpuLimits:
                  NVIDIA-A10G-PRIVATE: 3
                  NVIDIA-L40S-MULTI-PRIVATE: 8
                  NVIDIA-L40S-PRIVATE: 4
            """;

    @Test
    void missingPoolsArePlannedWithCapsAndPrintedAsAProfileSnippet() throws IOException {
        String before = Files.readString(profiles.resolve("seed-prod.yaml"));
        Cli.Result r = plan("-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHANGES_PENDING);
        JsonNode p = Mappers.json().readTree(r.stdout());
        assertThat(p.path("outcome").asText()).isEqualTo("rendered");
        assertThat(p.path("changes")).extracting(c -> c.path("action").asText() + " " + c.path("label").asText() + " "
                + c.path("pool").asText("-") + " " + c.path("instanceType").asText("-") + " " + c.path("to").asInt()).containsExactly(
                "add-pool NVIDIA-A10G-PRIVATE a10g-private g5.2xlarge 3",
                "set-cap NVIDIA-A10G-PRIVATE - - 3",
                "add-pool NVIDIA-L40S-MULTI-PRIVATE l40s-multi-private g6e.12xlarge 2",
                "set-cap NVIDIA-L40S-MULTI-PRIVATE - - 8",
                "add-pool NVIDIA-L40S-PRIVATE l40s-private g6e.2xlarge 4",
                "set-cap NVIDIA-L40S-PRIVATE - - 4");
        assertThat(p.path("snippet").asText()).isEqualTo(SNIPPET);
        JsonNode multi = p.path("capacity").get(2);
        assertThat(multi.path("label").asText()).isEqualTo("NVIDIA-L40S-MULTI-PRIVATE");
        assertThat(multi.path("demandMin").asInt()).isEqualTo(4);
        assertThat(multi.path("target").asInt()).isEqualTo(8);
        assertThat(Files.readString(profiles.resolve("seed-prod.yaml"))).isEqualTo(before);   // no --write, nothing written

        Cli.Result text = plan();
        assertThat(text.stdout()).contains("profile snippet for " + profiles.resolve("seed-prod.yaml") + " (apply with --write):\n" + SNIPPET)
                .containsPattern("add-pool +NVIDIA-L40S-MULTI-PRIVATE +l40s-multi-private +g6e\\.12xlarge +- +2");
    }

    @Test
    void writeAppliesTheSnippetToTheClusterProfileKeepingItsCommentsAndARerunHasNothingToDo() throws IOException {
        String base = Files.readString(profiles.resolve("_base.yaml"));
        Cli.Result r = plan("--write");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("wrote " + profiles.resolve("seed-prod.yaml"));
        String written = Files.readString(profiles.resolve("seed-prod.yaml"));
        assertThat(written).startsWith("# the prod cluster\n").contains("    overlayPath: clusters/overlays/seed-prod\n"
                + SNIPPET.substring("spec:\n".length()));
        assertThat(Files.readString(profiles.resolve("_base.yaml"))).isEqualTo(base);
        try (var files = Files.list(profiles)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("_base.yaml", "seed-prod.yaml");
        }
        Cli.Result again = plan("-o", "json");
        assertThat(again.exitCode()).isZero();
        JsonNode p = Mappers.json().readTree(again.stdout());
        assertThat(p.path("outcome").asText()).isEqualTo("unchanged");
        assertThat(p.path("changes")).isEmpty();
        assertThat(p.path("capacity")).allMatch(c -> c.path("status").asText().equals("ok"));
        assertThat(plan().stdout()).contains("the pools and caps cover every model; nothing to change");
    }

    @Test
    void aPoolTooSmallIsRaisedInPlaceAndACapBelowItToo() throws IOException {
        Path prod = profiles.resolve("seed-prod.yaml");
        Files.writeString(prod, Files.readString(prod) + """
                  gpuPools:
                    - name: t4-private
                      maxReplicas: 3   # T4 spares went elsewhere
                  autoscaler:
                    gpuLimits:
                      Tesla-T4-PRIVATE: 3
                """);
        JsonNode p = Mappers.json().readTree(plan("-o", "json").stdout());
        JsonNode t4 = p.path("capacity").get(4);
        assertThat(t4.path("label").asText() + " " + t4.path("demandMin").asInt() + " " + t4.path("available").asInt() + " " + t4.path("status").asText())
                .isEqualTo("Tesla-T4-PRIVATE 4 3 too-small");
        assertThat(p.path("changes")).extracting(c -> c.path("action").asText() + " " + c.path("label").asText() + " " + c.path("from").asInt() + "→" + c.path("to").asInt())
                .contains("raise-pool Tesla-T4-PRIVATE 3→5", "set-cap Tesla-T4-PRIVATE 3→5");
        assertThat(plan("--write").exitCode()).isZero();
        assertThat(Files.readString(prod)).contains("    - name: t4-private\n      maxReplicas: 5   # was 3 (rhoai models plan)\n    # NVIDIA-A10G-PRIVATE")
                .contains("""
                  autoscaler:
                    gpuLimits:
                      Tesla-T4-PRIVATE: 5   # was 3 (rhoai models plan)
                      NVIDIA-A10G-PRIVATE: 3
                """);
        assertThat(plan().exitCode()).isZero();
    }

    @Test
    void aFlowStyleSectionIsNotRewrittenAndNothingIsWritten() throws IOException {
        Path prod = profiles.resolve("seed-prod.yaml");
        String text = Files.readString(prod) + "  gpuPools: [{name: t4-private, maxReplicas: 10}]\n";
        Files.writeString(prod, text);
        Cli.Result r = plan("--write");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: " + prod + ": spec.gpuPools is written in flow style; rhoai edits block-style YAML only")
                .contains("hint: apply the snippet of 'rhoai models plan' by hand");
        assertThat(Files.readString(prod)).isEqualTo(text);
    }

    /** --write edits the file: with --set in force it would edit against values the file does not hold, so it refuses. */
    @Test
    void writeWithAnOverrideInForceIsRefusedAndNothingIsWritten() throws IOException {
        String before = Files.readString(profiles.resolve("seed-prod.yaml"));
        Cli.Result r = plan("--set", "spec.cluster.baseDomain=acme.io", "--write");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("--write edits the profile file, but --set or RHOAI_BASE_DOMAIN override values of it");
        assertThat(Files.readString(profiles.resolve("seed-prod.yaml"))).isEqualTo(before);
    }
}
