package io.rhoai.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.models.SeedModels;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai models check} through the real command line on the seed's model tree ({@link SeedModels}): every finding
 * that is not "ok" is asserted with its model, check, file and field.
 */
class ModelsCheckCommandTest {
    static final String D = SeedModels.DIR + "/";

    @TempDir Path tmp;
    Path repo;
    Path profiles;

    @BeforeEach
    void tree() throws IOException {
        repo = SeedModels.write(tmp);
        profiles = tmp.resolve("profiles");
    }

    Cli.Result check(String... extra) {
        List<String> args = new ArrayList<>(List.of("models", "check", "-c", "prod", "--profiles-dir", profiles.toString(),
                "--repo-dir", repo.toString(), "--models-dir", SeedModels.DIR));
        args.addAll(List.of(extra));
        return Cli.cli().env("PATH", "/nowhere").run(args.toArray(String[]::new));
    }

    static List<String> problems(JsonNode result) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : result.path("models")) {
            for (JsonNode f : m.path("checks")) {
                String s = f.path("status").asText();
                if (s.equals("ok") || s.equals("n/a") || s.equals("unknown")) continue;
                out.add(m.path("name").asText() + " " + f.path("check").asText() + " " + s + " " + f.path("file").asText() + " " + f.path("field").asText());
            }
        }
        return out;
    }

    @Test
    void theSeedsTreeShowsTheMissingRuntimeTheUncoveredLabelsAndTheImplicitNamespaces() throws IOException {
        Cli.Result r = check("-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ATTENTION);
        assertThat(r.stderr()).contains(SeedModels.DIR + ": read as YAML files (no kustomization in the directory)");
        JsonNode result = Mappers.json().readTree(r.stdout());
        assertThat(result.path("models")).hasSize(15);
        assertThat(result.path("sources").get(0).path("mode").asText()).isEqualTo("files");
        String tol = "spec.predictor.tolerations[0].value";
        assertThat(problems(result)).containsExactlyInAnyOrder(
                "deepseek-r1-qwen-14b-w4a16 namespace fail " + D + "deepseek-r1-qwen-14b-w4a16.yaml metadata.namespace",
                "deepseek-r1-qwen-14b-w4a16 gpu fail " + D + "deepseek-r1-qwen-14b-w4a16.yaml " + tol,
                "docling-v0-7-0 namespace fail " + D + "docling.yaml#2 metadata.namespace",
                "granite-3-3-8b-instruct gpu fail " + D + "granite-3.3-8b-instruct.yaml " + tol,
                "granite-vision-3-2-2b namespace fail " + D + "granite-vision-3.2-2b.yaml metadata.namespace",
                "granite3-guardian-2b namespace fail " + D + "granite-guardian-3.1-2b.yaml metadata.namespace",
                "granite3-guardian-2b runtime fail " + D + "granite-guardian-3.1-2b.yaml spec.predictor.model.runtime",
                "llama-3-2-3b namespace fail " + D + "llama-3.2-3b.yaml metadata.namespace",
                "llama-4-scout-17b-16e-w4a16 namespace fail " + D + "llama-4-scout-17b-16e-instruct-quantized-w4a16.yaml metadata.namespace",
                "llama-4-scout-17b-16e-w4a16 gpu fail " + D + "llama-4-scout-17b-16e-instruct-quantized-w4a16.yaml " + tol,
                "mistral-small-24b-w8a8 namespace fail " + D + "mistral-small-3.1-24b-quantized-w8a8.yaml metadata.namespace",
                "mistral-small-24b-w8a8 gpu fail " + D + "mistral-small-3.1-24b-quantized-w8a8.yaml " + tol,
                "nomic-embed-text-v1-5 namespace fail " + D + "nomic-embed-text-v1-5.yaml#2 metadata.namespace",
                "phi-4 namespace fail " + D + "phi-4.yaml metadata.namespace",
                "phi-4 gpu fail " + D + "phi-4.yaml " + tol,
                "qwen25-vl-7b-instruct-fp8-dynamic namespace fail " + D + "qwen2.5-vl-7b-instruct-fp8-dynamic.yaml metadata.namespace",
                "qwen25-vl-7b-instruct-fp8-dynamic gpu fail " + D + "qwen2.5-vl-7b-instruct-fp8-dynamic.yaml " + tol,
                "safety-checker namespace fail " + D + "stable-diffusion-safety-checker-clip.yaml metadata.namespace",
                "sdxl namespace fail " + D + "sdxl-custom-runtime.yaml#2 metadata.namespace",
                "tinyllama-1b-cpu namespace fail " + D + "tinyllama-1.1b-chat-v1.0-cpu.yaml metadata.namespace");
        assertThat(result.path("failed").asInt()).isEqualTo(20);

        JsonNode guardian = model(result, "granite3-guardian-2b");
        assertThat(finding(guardian, "runtime").path("message").asText())
                .isEqualTo("ServingRuntime 'granite3-guardian-2b' is not defined and there is no ClusterServingRuntime of that name");
        assertThat(finding(model(result, "phi-4"), "gpu").path("message").asText())
                .startsWith("no GPU pool of profile seed-prod carries NVIDIA-L40S-PRIVATE");
        // what is fine is said too: the runtime's file, the pool, the capacity left, the secret
        JsonNode granite = model(result, "granite-8b-lab-v1");
        assertThat(finding(granite, "runtime").path("message").asText())
                .isEqualTo("vllm-rhoai-2.21 (" + D + "serving-runtimes/rhoai-2.21-vllm-sr.yaml) supports vLLM");
        assertThat(finding(granite, "gpu").path("message").asText()).isEqualTo("1× nvidia.com/gpu on pool l4-private (g6.2xlarge, 1× NVIDIA L4 per node)");
        assertThat(finding(granite, "capacity").path("message").asText())
                .isEqualTo("NVIDIA-L40-PRIVATE: 4/10 GPUs at minReplicas, headroom 6 (5 needed at maxReplicas with one rolling update)");
        assertThat(finding(granite, "storage").path("field").asText()).isEqualTo("spec.predictor.model.storage.key");
        assertThat(finding(granite, "memory").path("status").asText()).isEqualTo("unknown");
        assertThat(finding(model(result, "tinyllama-1b-cpu"), "gpu").path("status").asText()).isEqualTo("n/a");
        assertThat(finding(model(result, "safety-checker"), "runtime").path("message").asText()).isEqualTo("custom container, no ServingRuntime");

        assertThat(result.path("capacity")).extracting(c -> c.path("label").asText() + " " + c.path("demandMin").asInt() + " "
                + c.path("available").asInt() + " " + c.path("status").asText()).containsExactly(
                "NVIDIA-A10G-PRIVATE 2 0 missing", "NVIDIA-L40-PRIVATE 4 10 ok", "NVIDIA-L40S-MULTI-PRIVATE 4 0 missing",
                "NVIDIA-L40S-PRIVATE 3 0 missing", "Tesla-T4-PRIVATE 4 10 ok");
    }

    @Test
    void textIsATablePerModelAndYamlIsTheSameRecord() throws IOException {
        Cli.Result text = check();
        assertThat(text.exitCode()).isEqualTo(ExitCodes.ATTENTION);
        assertThat(text.stdout()).contains("granite3-guardian-2b  " + D + "granite-guardian-3.1-2b.yaml  FAILED\nCHECK")
                .containsPattern("runtime +fail +spec\\.predictor\\.model\\.runtime +ServingRuntime 'granite3-guardian-2b' is not defined")
                .contains("15 models: 20 failed check(s), 0 warning(s) (exit 9: needs attention)")
                .containsPattern("NVIDIA-L40S-MULTI-PRIVATE +1 +4 +4 +8 +0 +- +0 +missing");
        JsonNode yaml = Mappers.yaml().readTree(check("-o", "yaml").stdout());
        JsonNode json = Mappers.json().readTree(check("-o", "json").stdout());
        assertThat(yaml).isEqualTo(json);
    }

    @Test
    void withThePoolsTheModelsNeedOnlyTheRuntimeAndNamespacesRemain() throws IOException {
        Cli.Result plan = Cli.cli().env("PATH", "/nowhere").run("models", "plan", "-c", "prod", "--profiles-dir", profiles.toString(),
                "--repo-dir", repo.toString(), "--models-dir", SeedModels.DIR, "--write");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        JsonNode result = Mappers.json().readTree(check("-o", "json").stdout());
        assertThat(problems(result)).noneMatch(p -> p.contains(" gpu ") || p.contains(" capacity "))
                .anyMatch(p -> p.startsWith("granite3-guardian-2b runtime fail"))
                .filteredOn(p -> p.contains(" namespace fail ")).hasSize(13);
        assertThat(finding(model(result, "llama-4-scout-17b-16e-w4a16"), "gpu").path("message").asText())
                .isEqualTo("4× nvidia.com/gpu on pool l40s-multi-private (g6e.12xlarge, 4× NVIDIA L40S per node)");
    }

    @Test
    void aDeclaredSizeIsCheckedAgainstTheGpusMemoryWithTheMargin() throws IOException {
        annotate("phi-4.yaml", "rhoai.io/model-parameters: '14.7B'\n    rhoai.io/bytes-per-parameter: '2'");   // 29.4 GB
        annotate("granite-8b-lab.yaml", "rhoai.io/weights-size: 16Gi");                                      // L4 24 GiB
        annotate("llama-3.2-3b.yaml", "rhoai.io/weights-size: 21Gi");                                        // 25.2 GiB > 24
        JsonNode result = Mappers.json().readTree(check("-o", "json").stdout());
        JsonNode phi = finding(model(result, "phi-4"), "memory");
        assertThat(phi.path("status").asText()).isEqualTo("ok");
        assertThat(phi.path("field").asText()).isEqualTo("metadata.annotations[rhoai.io/model-parameters]");
        assertThat(phi.path("message").asText()).startsWith("weights 27.4 GiB (rhoai.io/model-parameters=14.7B × rhoai.io/bytes-per-parameter=2) + 20% = 32.9 GiB; 1× L40S 48 GiB");
        assertThat(finding(model(result, "granite-8b-lab-v1"), "memory").path("status").asText()).isEqualTo("ok");
        JsonNode llama = finding(model(result, "llama-3-2-3b"), "memory");
        assertThat(llama.path("status").asText()).isEqualTo("fail");
        assertThat(llama.path("field").asText()).isEqualTo("metadata.annotations[rhoai.io/weights-size]");
        assertThat(llama.path("message").asText()).endsWith("1× L4 24 GiB = 24 GiB: does not fit");
        assertThat(finding(model(result, "sdxl"), "memory").path("status").asText()).isEqualTo("unknown");
    }

    @Test
    void theServedModelNameMustMatchTheGatewayDeclaration() throws IOException {
        Files.writeString(repo.resolve(SeedModels.DIR).resolve("gateway.yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ModelGateway
                models:
                  granite-8b-lab-v1:
                    servedModelName: granite-8b-lab-v1
                  granite-vision-3-2-2b:
                    servedModelName: granite-vision-3-2-2b
                """);
        JsonNode result = Mappers.json().readTree(check("-o", "json").stdout());
        assertThat(result.path("gateway").asText()).isEqualTo(D + "gateway.yaml");
        assertThat(finding(model(result, "granite-8b-lab-v1"), "served-model-name").path("status").asText()).isEqualTo("ok");
        JsonNode vision = finding(model(result, "granite-vision-3-2-2b"), "served-model-name");
        assertThat(vision.path("status").asText()).isEqualTo("fail");
        assertThat(vision.path("field").asText()).isEqualTo("spec.predictor.model.args[2]");
        assertThat(vision.path("message").asText()).isEqualTo("serves 'granite-vision-3-2' but " + D
                + "gateway.yaml models.granite-vision-3-2-2b.servedModelName is 'granite-vision-3-2-2b'");
        assertThat(finding(model(result, "phi-4"), "served-model-name").path("message").asText()).isEqualTo("not in " + D + "gateway.yaml");
    }

    @Test
    void aKustomizationIsBuiltWhenKubectlIsThereAndObjectsAreTracedToTheirFiles() throws IOException {
        Path kubectl = Path.of("/usr/bin/kubectl");
        Assumptions.assumeTrue(Files.isExecutable(kubectl), "kubectl is not installed (scripts/install-test-deps.sh installs it)");
        Path dir = repo.resolve(SeedModels.DIR);
        List<String> resources = new ArrayList<>();
        try (var files = Files.walk(dir)) {
            files.filter(p -> p.toString().endsWith(".yaml")).map(p -> dir.relativize(p).toString()).sorted().forEach(resources::add);
        }
        Files.writeString(dir.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: llm-hosting\nresources:\n"
                + String.join("\n", resources.stream().map(r -> "  - " + r).toList()) + "\n");
        Cli.Result r = Cli.cli().env("PATH", "/usr/bin").run("models", "check", "-c", "prod", "--profiles-dir", profiles.toString(),
                "--repo-dir", repo.toString(), "--models-dir", SeedModels.DIR, "-o", "json");
        assertThat(r.stderr()).contains(SeedModels.DIR + ": read through kubectl kustomize");
        JsonNode result = Mappers.json().readTree(r.stdout());
        assertThat(result.path("sources").get(0).path("tool").asText()).isEqualTo("kubectl kustomize");
        assertThat(problems(result)).noneMatch(p -> p.contains(" namespace "))
                .contains("granite3-guardian-2b runtime fail " + D + "granite-guardian-3.1-2b.yaml spec.predictor.model.runtime");
        // with --no-kustomize the files are read as written: the namespaces are implicit again
        Cli.Result files = Cli.cli().env("PATH", "/usr/bin").run("models", "check", "-c", "prod", "--profiles-dir", profiles.toString(),
                "--repo-dir", repo.toString(), "--models-dir", SeedModels.DIR, "--no-kustomize", "-o", "json");
        assertThat(problems(Mappers.json().readTree(files.stdout()))).filteredOn(p -> p.contains(" namespace fail ")).hasSize(13);
    }

    @Test
    void aBrokenKustomizationFallsBackToTheFilesAndSaysWhy() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl is not installed (scripts/install-test-deps.sh installs it)");
        Files.writeString(repo.resolve(SeedModels.DIR).resolve("kustomization.yaml"), "resources:\n  - does-not-exist.yaml\n");
        Cli.Result r = Cli.cli().env("PATH", "/usr/bin").run("models", "check", "-c", "prod", "--profiles-dir", profiles.toString(),
                "--repo-dir", repo.toString(), "--models-dir", SeedModels.DIR, "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.ATTENTION);
        assertThat(r.stderr()).contains(SeedModels.DIR + ": read as YAML files (kubectl kustomize failed: ");
        assertThat(Mappers.json().readTree(r.stdout()).path("sources").get(0).path("mode").asText()).isEqualTo("files");
        assertThat(Mappers.json().readTree(r.stdout()).path("sources").get(0).path("buildFailed").asBoolean())
                .as("a kustomization that does not build needs attention on its own").isTrue();
    }

    @Test
    void anInferenceServiceThatIsNotYamlIsOneLineNamingTheFile() throws IOException {
        Files.writeString(repo.resolve(SeedModels.DIR).resolve("phi-4.yaml"), "apiVersion: serving.kserve.io/v1beta1\nkind: [InferenceService\n");
        Cli.Result r = check();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                .startsWith("error: " + D + "phi-4.yaml: not valid YAML (line ");
        assertThat(r.stderr()).contains("hint: ").doesNotContain("at com.");
    }

    @Test
    void aGpuCountThatIsNotANumberNamesTheFileAndField() throws IOException {
        Path f = repo.resolve(SeedModels.DIR).resolve("phi-4.yaml");
        Files.writeString(f, Files.readString(f).replaceFirst("nvidia.com/gpu: '1'", "nvidia.com/gpu: 'abc'"));
        Cli.Result r = check();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: " + D + "phi-4.yaml: spec.predictor.model.resources.limits[nvidia.com/gpu]: 'abc' is not a whole number of devices\n")
                .contains("hint: write a count such as '1'");
    }

    @Test
    void aTolerationForALabelNoCatalogTypeCarriesNamesTheFileAndField() throws IOException {
        Path f = repo.resolve(SeedModels.DIR).resolve("phi-4.yaml");
        Files.writeString(f, Files.readString(f).replace("value: NVIDIA-L40S-PRIVATE", "value: NVIDIA-L40SS-PRIVATE"));
        Cli.Result r = check();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: " + D + "phi-4.yaml: spec.predictor.tolerations[0].value: 'NVIDIA-L40SS-PRIVATE' is not an accelerator label of the GPU catalog\n")
                .contains("hint: use one of ");
    }

    @Test
    void aBadSizeAnnotationIsRejectedNotGuessed() throws IOException {
        annotate("phi-4.yaml", "rhoai.io/model-parameters: 'fourteen'\n    rhoai.io/bytes-per-parameter: '2'");
        Cli.Result r = check();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: " + D + "phi-4.yaml: metadata.annotations[rhoai.io/model-parameters]: 'fourteen' is not a parameter count");
        annotate("phi-4.yaml", "rhoai.io/model-parameters: '14B'");
        assertThat(check().stderr()).contains("metadata.annotations[rhoai.io/bytes-per-parameter]: is missing");
    }

    @Test
    void aTreeWithoutInferenceServicesSaysWhereItLooked() {
        Cli.Result r = Cli.cli().env("PATH", "/nowhere").run("models", "check", "-c", "prod", "--profiles-dir", profiles.toString(),
                "--repo-dir", repo.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: --models-dir: clusters/overlays/seed-prod is not a directory under " + repo);
    }

    private void annotate(String file, String annotations) throws IOException {
        Path f = repo.resolve(SeedModels.DIR).resolve(file);
        String text = Files.readString(f).replaceAll("\n    rhoai\\.io/[^\n]*", "");
        Files.writeString(f, text.replace("  annotations:\n", "  annotations:\n    " + annotations + "\n"));
    }

    static JsonNode model(JsonNode result, String name) {
        for (JsonNode m : result.path("models")) if (m.path("name").asText().equals(name)) return m;
        throw new AssertionError("no model " + name);
    }

    static JsonNode finding(JsonNode model, String check) {
        for (JsonNode f : model.path("checks")) if (f.path("check").asText().equals(check)) return f;
        throw new AssertionError("no check " + check);
    }
}
