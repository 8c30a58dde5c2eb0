package io.rhoai.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.models.SeedModels;
import io.rhoai.testing.Cli;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai models gateway} on the seed's models with a gateway declaration: the files, their content against the
 * seed's hand-kept 3scale objects (§9.4), the upstream 3scale CRD schemas, determinism and bad declarations.
 */
class ModelsGatewayCommandTest {
    static final String DECLARATION = """
            apiVersion: rhoai.io/v1alpha1
            kind: ModelGateway
            namespace: 3scale
            docsBaseURL: https://raw.githubusercontent.com/rh-aiservices-bu/maas-config/refs/heads/main/
            models:
              granite-3-3-8b-instruct:
                description: An 8B parameter model fine-tuned for improved reasoning and instruction-following.
                servedModelName: granite-3-3-8b-instruct
                rateLimits:
                  - {metric: hits, period: minute, value: 60}
                  - {metric: total_tokens, period: day, value: 2000000}
              docling-v0-7-0:
                product: docling
                displayName: Docling Serve
              nomic-embed-text-v1-5: {}
              sdxl:
                product: sdxl
              safety-checker:
                upstreamTimeoutSeconds: 0
              granite3-guardian-2b:
                api: guardian
            """;

    @TempDir Path tmp;
    Path repo;
    Path profiles;
    Path out;

    @BeforeEach
    void tree() throws IOException {
        repo = SeedModels.write(tmp);
        profiles = tmp.resolve("profiles");
        out = tmp.resolve("3scale");
        Path dir = repo.resolve(SeedModels.DIR);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {   // the Backend URL needs each model's namespace
                String t = Files.readString(f);
                if (!t.contains("namespace:")) Files.writeString(f, t.replaceAll("(?m)^(kind: InferenceService\nmetadata:\n(?:  .*\n)*?)  name: (.*)$", "$1  name: $2\n  namespace: llm-hosting"));
            }
        }
        Files.writeString(dir.resolve("gateway.yaml"), DECLARATION);
    }

    Cli.Result gateway(String... extra) {
        List<String> args = new ArrayList<>(List.of("models", "gateway", "-c", "seed-prod", "--profiles-dir", profiles.toString(),
                "--repo-dir", repo.toString(), "--models-dir", SeedModels.DIR, "--dir", out.toString()));
        args.addAll(List.of(extra));
        return Cli.cli().env("PATH", "/nowhere").run(args.toArray(String[]::new));
    }

    @Test
    void everyDeclaredModelGetsTheFourObjectsTheSeedKeepsByHand() throws IOException {
        Cli.Result r = gateway("-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode result = Mappers.json().readTree(r.stdout());
        assertThat(result.path("files")).hasSize(6 * 4 + 1).allMatch(f -> f.path("outcome").asText().equals("created"));
        assertThat(result.path("undeclared")).extracting(JsonNode::asText).contains("phi-4", "tinyllama-1b-cpu").hasSize(9);
        assertThat(Files.readString(out.resolve("kustomization.yaml"))).contains("  - granite-3-3-8b-instruct/backend.yaml\n"
                + "  - granite-3-3-8b-instruct/product.yaml\n  - granite-3-3-8b-instruct/activedoc.yaml\n  - granite-3-3-8b-instruct/proxy-config-promote.yaml\n");

        // the seed's components/configs/maas/3scale-config/base/granite-3-3-8b-instruct, field by field
        JsonNode backend = read("granite-3-3-8b-instruct/backend.yaml");
        assertThat(backend.path("metadata").path("namespace").asText()).isEqualTo("3scale");
        assertThat(backend.path("spec").toString()).isEqualTo("{\"name\":\"Granite-3.3-8B-Instruct\",\"systemName\":\"granite-3-3-8b-instruct\","
                + "\"privateBaseURL\":\"http://granite-3-3-8b-instruct-predictor.llm-hosting.svc.cluster.local:8080\"}");
        JsonNode product = read("granite-3-3-8b-instruct/product.yaml").path("spec");
        assertThat(product.path("deployment").path("apicastHosted").path("authentication").path("userkey").toString())
                .isEqualTo("{\"authUserKey\":\"Authorization\",\"credentials\":\"authorization\"}");
        assertThat(product.path("mappingRules")).extracting(m -> m.path("httpMethod").asText() + " " + m.path("pattern").asText() + " " + m.path("metricMethodRef").asText())
                .containsExactly("GET /health health", "POST /tokenize tokenize", "POST /detokenize detokenize", "GET /v1/models models",
                        "GET /version version", "POST /v1/chat/completions chat/completions", "POST /v1/completions completions",
                        "POST /v1/embeddings embeddings");
        assertThat(product.path("metrics").fieldNames()).toIterable().containsExactly("hits", "total_tokens", "prompt_tokens", "completion_tokens");
        assertThat(product.path("policies")).extracting(p -> p.path("name").asText()).containsExactly("cors", "upstream_connection", "llm-metrics", "apicast");
        assertThat(product.path("applicationPlans").path("standard").path("limits")).extracting(l -> l.path("metricMethodRef").path("systemName").asText()
                + " " + l.path("value").asLong() + "/" + l.path("period").asText()).containsExactly("hits 60/minute", "total_tokens 2000000/day");
        JsonNode doc = read("granite-3-3-8b-instruct/activedoc.yaml").path("spec");
        assertThat(doc.path("name").asText()).isEqualTo("Granite-3.3-8B-Instruct API Documentation");
        assertThat(doc.path("systemName").asText()).isEqualTo("granite338binstruct");
        assertThat(doc.path("activeDocOpenAPIRef").path("url").asText())
                .isEqualTo("https://raw.githubusercontent.com/rh-aiservices-bu/maas-config/refs/heads/main/granite-3-3-8b-instruct/apidoc.json");
        assertThat(read("granite-3-3-8b-instruct/proxy-config-promote.yaml").path("spec").toString())
                .isEqualTo("{\"productCRName\":\"granite-3-3-8b-instruct\",\"production\":true,\"deleteCR\":false}");

        // the other shapes: docling on 5001, TEI's rules, SDXL's websocket, the custom container without upstream timeouts
        assertThat(read("docling/backend.yaml").path("spec").path("privateBaseURL").asText())
                .isEqualTo("http://docling-v0-7-0-predictor.llm-hosting.svc.cluster.local:5001");
        assertThat(read("docling/product.yaml").path("spec").path("mappingRules")).extracting(m -> m.path("pattern").asText())
                .containsExactly("/health", "/v1alpha/convert/source", "/v1alpha/convert/file");
        assertThat(read("nomic-embed-text-v1-5/product.yaml").path("spec").path("mappingRules")).hasSize(9);
        assertThat(read("sdxl/product.yaml").path("spec").path("policies")).extracting(p -> p.path("name").asText()).contains("websocket");
        assertThat(read("safety-checker/product.yaml").path("spec").path("policies")).extracting(p -> p.path("name").asText())
                .containsExactly("cors", "apicast");
        assertThat(read("granite3-guardian-2b/product.yaml").path("spec").path("mappingRules")).hasSize(4);
    }

    @Test
    void theRenderedObjectsMatchThe3scaleSchemas() throws IOException {
        Map<String, Path> crds = Map.of(
                "Backend", SharedSchemas.require("3scale/capabilities.3scale.net_backends.yaml"),
                "Product", SharedSchemas.require("3scale/capabilities.3scale.net_products.yaml"),
                "ActiveDoc", SharedSchemas.require("3scale/capabilities.3scale.net_activedocs.yaml"),
                "ProxyConfigPromote", SharedSchemas.require("3scale/capabilities.3scale.net_proxyconfigpromotes.yaml"));
        assertThat(gateway().exitCode()).isZero();
        int checked = 0;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).sorted().toList()) {
                JsonNode obj = Mappers.yaml().readTree(Files.readString(f));
                Path crd = crds.get(obj.path("kind").asText());
                assertThat(crd).as(f.toString()).isNotNull();
                assertThat(SchemaValidator.validateAgainstCrd(crd, "v1beta1", obj)).as(f.toString()).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(24);
    }

    @Test
    void aSecondRunChangesNothingAndADryRunWritesNothing() throws IOException {
        Cli.Result dry = gateway("--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.stdout()).contains("DRY RUN: nothing was written").containsPattern("granite-3-3-8b-instruct/product.yaml +Product +granite-3-3-8b-instruct +created");
        assertThat(out).doesNotExist();
        assertThat(gateway().exitCode()).isZero();
        Map<String, String> first = contents();
        Cli.Result again = gateway("-o", "json");
        assertThat(Mappers.json().readTree(again.stdout()).path("files")).allMatch(f -> f.path("outcome").asText().equals("unchanged"));
        assertThat(contents()).isEqualTo(first);
        Path dir = repo.resolve(SeedModels.DIR);
        Files.writeString(dir.resolve("gateway.yaml"), DECLARATION.replace("value: 60}", "value: 120}"));
        Cli.Result changed = gateway("-o", "json");
        assertThat(Mappers.json().readTree(changed.stdout()).path("files")).filteredOn(f -> !f.path("outcome").asText().equals("unchanged"))
                .extracting(f -> f.path("path").asText() + " " + f.path("outcome").asText()).containsExactly("granite-3-3-8b-instruct/product.yaml configured");
    }

    @Test
    void badDeclarationsAreOneLineErrorsNamingTheEntry() throws IOException {
        Path decl = repo.resolve(SeedModels.DIR).resolve("gateway.yaml");
        String d = SeedModels.DIR + "/gateway.yaml";
        Files.writeString(decl, DECLARATION.replace("nomic-embed-text-v1-5: {}", "nomic-embed-text-v2: {}"));
        Cli.Result r = gateway();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: " + d + ": models.nomic-embed-text-v2: no InferenceService of that name under " + SeedModels.DIR);
        Files.writeString(decl, DECLARATION.replace("period: minute", "period: fortnight"));
        assertThat(gateway().stderr()).contains("error: " + d + ": models.granite-3-3-8b-instruct.rateLimits[0].period: 'fortnight' is not a 3scale period");
        Files.writeString(decl, DECLARATION.replace("metric: hits", "metric: bytes"));
        assertThat(gateway().stderr()).contains("error: " + d + ": models.granite-3-3-8b-instruct.rateLimits[0].metric: 'bytes' is not a metric or method of the openai product");
        Files.writeString(decl, DECLARATION.replace("docsBaseURL:", "docsBaseUrl:"));
        assertThat(gateway().stderr()).contains("error: " + d + ": docsBaseUrl: Unrecognized field \"docsBaseUrl\"");
        assertThat(out).doesNotExist();
    }

    private JsonNode read(String file) throws IOException {
        return Mappers.yaml().readTree(Files.readString(out.resolve(file)));
    }

    private Map<String, String> contents() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) m.put(out.relativize(f).toString(), Files.readString(f));
        }
        return m;
    }
}
