package io.rhoai.fleet.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.fleet.FleetFixture;
import io.rhoai.testing.Cli;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.rhoai.testing.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code fleet render} over a generated fleet of 50 profiles, through the real CLI. */
class FleetRendererTest {
    @TempDir Path tmp;

    @Test
    void fiftyClustersRenderOneApplicationSetPerRingWithTheBootstrapsProjectAndSyncPolicy() throws Exception {
        Path profiles = FleetFixture.write(tmp, 50, 5);
        Path out = tmp.resolve("repo/clusters/hub/fleet");
        Cli.Result r = cli().run("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                "--dir", out.toString(), "--auto-sync", "-o", "json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode result = Mappers.json().readTree(r.stdout());
        assertThat(result.path("clusters").asInt()).isEqualTo(50);
        assertThat(result.path("rings")).extracting(JsonNode::asText).containsExactly("canary", "main");
        assertThat(result.path("files")).extracting(f -> f.path("outcome").asText()).containsOnly("created");
        assertThat(files(out)).containsExactly("applicationset-canary.yaml", "applicationset-main.yaml", "kustomization.yaml");

        ObjectNode canary = (ObjectNode) Mappers.yaml().readTree(Files.readString(out.resolve("applicationset-canary.yaml")));
        JsonNode elements = canary.path("spec").path("generators").get(0).path("list").path("elements");
        assertThat(elements).extracting(e -> e.path("cluster").asText()).containsExactly("m001", "m002", "m003", "m004", "m005");
        assertThat(elements.get(0).path("revision").asText()).isEqualTo("dev");
        assertThat(elements.get(0).path("overlayPath").asText()).isEqualTo("clusters/overlays/m001");
        assertThat(elements.get(0).path("repoURL").asText()).isEqualTo(FleetFixture.REPO);
        JsonNode spec = canary.path("spec").path("template").path("spec");
        // the bootstrap's root Application: project cluster-config, automated sync (prune off, self-heal on) with --auto-sync
        assertThat(spec.path("project").asText()).isEqualTo("cluster-config");
        assertThat(spec.path("syncPolicy").path("automated").path("prune").asBoolean(true)).isFalse();
        assertThat(spec.path("syncPolicy").path("automated").path("selfHeal").asBoolean()).isTrue();
        assertThat(spec.path("destination").path("name").asText()).isEqualTo("{{.cluster}}");
        ObjectNode main = (ObjectNode) Mappers.yaml().readTree(Files.readString(out.resolve("applicationset-main.yaml")));
        assertThat(main.path("spec").path("generators").get(0).path("list").path("elements")).hasSize(45)
                .allSatisfy(e -> assertThat(e.path("revision").asText()).isEqualTo("main"))
                .noneSatisfy(e -> assertThat(e.path("cluster").asText()).isEqualTo(FleetFixture.HUB));
        assertThat(Mappers.yaml().readTree(Files.readString(out.resolve("kustomization.yaml"))).path("resources"))
                .extracting(JsonNode::asText).containsExactly("applicationset-canary.yaml", "applicationset-main.yaml");

        // deterministic: the same profiles give the same bytes, and a re-run writes nothing
        Map<String, String> first = contents(out);
        Cli.Result again = cli().run("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                "--dir", out.toString(), "--auto-sync", "-o", "json");
        assertThat(again.exitCode()).isZero();
        assertThat(Mappers.json().readTree(again.stdout()).path("files")).extracting(f -> f.path("outcome").asText()).containsOnly("unchanged");
        assertThat(again.stderr()).contains("nothing changed");
        assertThat(contents(out)).isEqualTo(first);
        Path elsewhere = tmp.resolve("other");
        cli().run("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--dir", elsewhere.toString(), "--auto-sync");
        assertThat(contents(elsewhere)).isEqualTo(first);
    }

    @Test
    void withoutAutoSyncThereIsNoSyncPolicyAsInTheBootstrap() throws Exception {
        Path profiles = FleetFixture.write(tmp, 3, 1);
        Path out = tmp.resolve("fleet");
        assertThat(cli().run("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", "hub", "--dir", out.toString()).exitCode()).isZero();
        JsonNode set = Mappers.yaml().readTree(Files.readString(out.resolve("applicationset-main.yaml")));
        assertThat(set.path("spec").path("template").path("spec").has("syncPolicy")).isFalse();
    }

    @Test
    void aRingWithoutMembersLosesItsFile() throws Exception {
        Path profiles = FleetFixture.write(tmp, 3, 1);
        Path out = tmp.resolve("fleet");
        cli().run("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--dir", out.toString());
        // a hand-written ApplicationSet in the same folder is the user's: never deleted
        Files.writeString(out.resolve("applicationset-tools.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\n");
        Files.writeString(profiles.resolve("m001.yaml"), Files.readString(profiles.resolve("m001.yaml")).replace("ring: canary", "ring: main"));
        Cli.Result r = cli().run("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--dir", out.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsPattern("applicationset-canary.yaml +deleted").containsPattern("applicationset-main.yaml +configured")
                .doesNotContain("applicationset-tools.yaml");
        assertThat(files(out)).containsExactly("applicationset-main.yaml", "applicationset-tools.yaml", "kustomization.yaml");
    }

    @Test
    void aMemberWithoutGitOpsIsRefusedAndNothingIsWritten() throws Exception {
        Path profiles = FleetFixture.write(tmp, 2, 0);
        Files.writeString(profiles.resolve("_base.yaml"), Files.readString(profiles.resolve("_base.yaml")).replace("repoURL: " + FleetFixture.REPO, "# no repoURL"));
        Path out = tmp.resolve("fleet");
        Cli.Result r = cli().run("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--dir", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: m001.yaml: spec.gitops.repoURL and spec.gitops.revision are required").contains("hint:");
        assertThat(out).doesNotExist();
    }

    @Test
    void renderedApplicationSetsAndTheApplicationsTheyGenerateMatchTheUpstreamCrds() throws Exception {
        Path appSetCrd = SharedSchemas.require("argocd/applicationset-crd.yaml");
        Path appCrd = SharedSchemas.require("argocd/application-crd.yaml");
        Path profiles = FleetFixture.write(tmp, 50, 5);
        Path out = tmp.resolve("fleet");
        for (boolean autoSync : List.of(false, true)) {
            List<String> args = new ArrayList<>(List.of("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--dir", out.toString()));
            if (autoSync) args.add("--auto-sync");
            assertThat(cli().run(args.toArray(String[]::new)).exitCode()).isZero();
            for (String ring : List.of("canary", "main")) {
                ObjectNode set = (ObjectNode) Mappers.yaml().readTree(Files.readString(out.resolve("applicationset-" + ring + ".yaml")));
                assertThat(SchemaValidator.validateAgainstCrd(appSetCrd, "v1alpha1", set)).as(ring).isEmpty();
                // what the ApplicationSet controller makes of each element: the template with the element's values
                for (JsonNode element : set.path("spec").path("generators").get(0).path("list").path("elements")) {
                    ObjectNode app = generate(set.path("spec").path("template"), element);
                    app.put("apiVersion", "argoproj.io/v1alpha1").put("kind", "Application");
                    ((ObjectNode) app.path("metadata")).put("namespace", "openshift-gitops");
                    assertThat(SchemaValidator.validateAgainstCrd(appCrd, "v1alpha1", app)).as(element.toString()).isEmpty();
                    assertThat(app.path("metadata").path("name").asText()).isEqualTo("fleet-" + element.path("cluster").asText());
                }
            }
        }
    }

    /** Replaces {{.key}} by the element's value, as the goTemplate list generator does for these simple templates. */
    static ObjectNode generate(JsonNode template, JsonNode element) throws Exception {
        String text = Mappers.json().writeValueAsString(template);
        for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            text = text.replace("{{." + e.getKey() + "}}", e.getValue().asText());
        }
        assertThat(text).doesNotContain("{{");
        return (ObjectNode) Mappers.json().readTree(text);
    }

    static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String f : files(dir)) out.put(f, Files.readString(dir.resolve(f)));
        return out;
    }
}
