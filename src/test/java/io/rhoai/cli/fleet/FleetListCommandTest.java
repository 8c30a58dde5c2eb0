package io.rhoai.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.fleet.FleetFixture;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.rhoai.testing.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

class FleetListCommandTest {
    @TempDir Path tmp;

    @Test
    void listsEveryProfileWithRingLabelsAndRevisionAndFiltersBySelector() throws Exception {
        Path profiles = FleetFixture.write(tmp, 5, 2);
        Cli.Result all = cli().run("fleet", "list", "--profiles-dir", profiles.toString());
        assertThat(all.exitCode()).as(all.stderr()).isZero();
        assertThat(all.stdout()).contains("CLUSTER", "RING", "m001", "m005", FleetFixture.HUB)
                .containsPattern("m001 +canary +env=test,region=us-east-1,ring=canary +https://api.m001.rhoai.example.com:6443 +dev");

        Cli.Result canary = cli().run("fleet", "list", "--profiles-dir", profiles.toString(), "-l", "ring=canary", "-o", "json");
        assertThat(canary.exitCode()).as(canary.stderr()).isZero();
        JsonNode json = Mappers.json().readTree(canary.stdout());
        assertThat(json.path("selector").asText()).isEqualTo("ring=canary");
        assertThat(json.path("clusters")).hasSize(2);
        assertThat(json.path("clusters").get(0).path("name").asText()).isEqualTo("m001");
        assertThat(json.path("clusters").get(1).path("labels").path("ring").asText()).isEqualTo("canary");

        Cli.Result yaml = cli().run("fleet", "list", "--profiles-dir", profiles.toString(), "-l", "ring=main,env=prod", "-o", "yaml");
        assertThat(yaml.exitCode()).isZero();
        assertThat(Mappers.yaml().readTree(yaml.stdout()).path("clusters")).extracting(n -> n.path("name").asText())
                .containsExactly("m004");
    }

    @Test
    void aProfileWithoutRingIsInTheMainRing() throws Exception {
        Path profiles = FleetFixture.write(tmp, 1, 0);
        Files.writeString(profiles.resolve("m001.yaml"), Files.readString(profiles.resolve("m001.yaml")).replace("    ring: main\n", ""));
        Cli.Result r = cli().run("fleet", "list", "--profiles-dir", profiles.toString(), "-o", "json");
        assertThat(Mappers.json().readTree(r.stdout()).path("clusters").get(1).path("ring").asText()).isEqualTo("main");
    }

    @Test
    void aBadLabelIsOneErrorNamingFileFieldAndFix() throws Exception {
        Path profiles = FleetFixture.write(tmp, 2, 1);
        Files.writeString(profiles.resolve("m002.yaml"), Files.readString(profiles.resolve("m002.yaml")).replace("ring: main", "ring: canery"));
        Cli.Result r = cli().run("fleet", "list", "--profiles-dir", profiles.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("error: m002.yaml: metadata.labels.ring: 'canery' is not a ring")
                .contains("hint: use one of: canary, main").doesNotContain("at io.rhoai");

        Files.writeString(profiles.resolve("m002.yaml"), Files.readString(profiles.resolve("m002.yaml")).replace("ring: canery", "ring: main\n    bad key!: x"));
        Cli.Result key = cli().run("fleet", "list", "--profiles-dir", profiles.toString());
        assertThat(key.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(key.stderr()).contains("metadata.labels.bad key!: 'bad key!' is not a valid label key");
    }

    @Test
    void aBadSelectorIsAUsageOfInvalidInput() throws Exception {
        Path profiles = FleetFixture.write(tmp, 1, 0);
        Cli.Result r = cli().run("fleet", "list", "--profiles-dir", profiles.toString(), "-l", "ring in (canary)");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: --selector: 'ring in (canary)' is not a label selector term").contains("hint:");
    }
}
