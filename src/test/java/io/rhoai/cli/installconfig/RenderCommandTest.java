package io.rhoai.cli.installconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.installconfig.FileResult;
import io.rhoai.installconfig.Fixtures;
import io.rhoai.installconfig.InputRecord;
import io.rhoai.installconfig.RenderResult;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai install-config render} through the real command line: streams, exit codes, JSON, secrets, files. */
class RenderCommandTest {
    /** The pull secret used here: unique, so any leak is found by a plain search. */
    static final String AUTH = "bGVha3ktdXNlcjpzdXBlci1zZWNyZXQtdG9rZW4tOTk4ODc3";
    static final String PULL_SECRET = "{\n  \"auths\": {\n    \"quay.io\": {\"auth\": \"" + AUTH + "\", \"email\": \"x@example.com\"}\n  }\n}\n";

    @TempDir Path tmp;

    Path pullSecret() throws IOException {
        return Files.writeString(tmp.resolve("pull-secret.json"), PULL_SECRET);
    }

    Cli.Result render(Path dir, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("install-config", "render", "--cluster", "rhoaibu-cluster-dev", "--dir", dir.toString(),
                "--profiles-dir", Fixtures.PROFILES.toString(), "--pull-secret-file", pullSecret().toString(),
                "--ssh-public-key-file", Fixtures.SSH_KEY.toString()));
        args.addAll(List.of(extra));
        return Cli.cli().run(args.toArray(String[]::new));
    }

    @Test
    void helpIsOnStdoutWithExamples() {
        Cli.Result r = Cli.cli().run("install-config", "render", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("--pull-secret-file", "--ssh-public-key-file", "--dry-run", "Examples:");
        assertThat(Cli.cli().run("install-config", "--help").stdout()).contains("render", "gpu-manifests", "openshift-install create manifests");
    }

    @Test
    void theOldSpellingOfTheSshPublicKeyFlagStillWorksHiddenAndWarns() throws IOException {
        Path dir = tmp.resolve("dev");
        Cli.Result r = Cli.cli().run("install-config", "render", "--cluster", "rhoaibu-cluster-dev", "--dir", dir.toString(),
                "--profiles-dir", Fixtures.PROFILES.toString(), "--pull-secret-file", pullSecret().toString(),
                "--ssh-key-file", Fixtures.SSH_KEY.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("warning: --ssh-key-file is deprecated for install-config render: use --ssh-public-key-file");
        assertThat(Files.readString(dir.resolve("install-config.yaml"))).contains("sshKey:");
        assertThat(Cli.cli().run("install-config", "render", "--help").stdout()).doesNotContain("--ssh-key-file");
    }

    @Test
    void writesInstallConfigKeptCopyAndDigestAndReportsOnStdout() throws IOException {
        Path dir = tmp.resolve("dev");
        Cli.Result r = render(dir);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.stdout()).startsWith("install-config for rhoaibu-cluster-dev (cluster dev) in " + dir)
                .contains("created  install-config.yaml", "created  .rhoai/install-config.yaml", "created  .rhoai/install-config.inputs.json",
                        "input digest: sha256:");
        assertThat(r.stderr()).contains("Validating profile rhoaibu-cluster-dev").doesNotContain("error");
        assertThat(Files.readString(dir.resolve("install-config.yaml"))).isEqualTo(Files.readString(dir.resolve(".rhoai/install-config.yaml")))
                .contains("pullSecret: \"{\\\"auths\\\":{\\\"quay.io\\\":{\\\"auth\\\":\\\"" + AUTH + "\\\"");
        assertThat(r.all()).doesNotContain(AUTH);
    }

    @Test
    void jsonOutputParsesBackIntoTheResultRecordAndHoldsNoSecret() throws IOException {
        Path dir = tmp.resolve("dev");
        Cli.Result r = render(dir, "-o", "json");
        assertThat(r.exitCode()).isZero();
        RenderResult result = Mappers.json().readValue(r.stdout(), RenderResult.class);
        assertThat(result.cluster()).isEqualTo("dev");
        assertThat(result.changed()).isTrue();
        assertThat(result.dryRun()).isFalse();
        assertThat(result.preview()).isNull();
        assertThat(result.files()).extracting(FileResult::path, FileResult::status, FileResult::secret).containsExactly(
                org.assertj.core.groups.Tuple.tuple("install-config.yaml", FileResult.Status.CREATED, true),
                org.assertj.core.groups.Tuple.tuple(".rhoai/install-config.yaml", FileResult.Status.CREATED, true),
                org.assertj.core.groups.Tuple.tuple(".rhoai/install-config.inputs.json", FileResult.Status.CREATED, false));
        assertThat(result.files().get(0).sha256()).isEqualTo(InputRecord.sha256(Files.readAllBytes(dir.resolve("install-config.yaml"))));
        assertThat(r.stdout()).doesNotContain(AUTH);
    }

    @Test
    void digestRecordNamesEveryInputByHashOnly() throws IOException {
        Path dir = tmp.resolve("dev");
        Cli.Result r = render(dir, "-o", "json");
        String recordText = Files.readString(dir.resolve(".rhoai/install-config.inputs.json"));
        assertThat(recordText).doesNotContain(AUTH).doesNotContain("ssh-ed25519");
        InputRecord record = Mappers.json().readValue(recordText, InputRecord.class);
        assertThat(record.inputs()).extracting(InputRecord.Entry::name).containsExactly(
                "profile:_base.yaml", "profile:rhoaibu-cluster-dev.yaml", "profile:merged", "pull-secret", "ssh-key");
        assertThat(record.inputs().get(1).sha256()).isEqualTo(InputRecord.sha256(Files.readAllBytes(Fixtures.PROFILES.resolve("rhoaibu-cluster-dev.yaml"))));
        assertThat(record.rhoaiVersion()).isNotBlank();
        assertThat(record.digest()).isEqualTo(Mappers.json().readValue(r.stdout(), RenderResult.class).inputDigest());
        assertThat(record.outputs()).singleElement().extracting(InputRecord.Entry::name).isEqualTo("install-config.yaml");
    }

    @Test
    void sameInputsGiveByteIdenticalFilesAndTheRerunReportsUnchanged() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertThat(render(a).exitCode()).isZero();
        assertThat(render(b).exitCode()).isZero();
        for (String f : List.of("install-config.yaml", ".rhoai/install-config.yaml", ".rhoai/install-config.inputs.json")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        long before = Files.getLastModifiedTime(a.resolve("install-config.yaml")).toMillis();
        Cli.Result again = render(a, "-o", "json");
        RenderResult result = Mappers.json().readValue(again.stdout(), RenderResult.class);
        assertThat(result.changed()).isFalse();
        assertThat(result.files()).extracting(FileResult::status).containsOnly(FileResult.Status.UNCHANGED);
        assertThat(Files.getLastModifiedTime(a.resolve("install-config.yaml")).toMillis()).isEqualTo(before);
        assertThat(render(a).stdout()).startsWith("Up to date, nothing written:");
    }

    @Test
    void filesHoldingThePullSecretAreOwnerOnly() throws IOException {
        Path dir = tmp.resolve("dev");
        render(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("install-config.yaml")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".rhoai/install-config.yaml")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".rhoai/install-config.inputs.json")))).isEqualTo("rw-r--r--");
        // a looser file left from elsewhere is tightened even when its content is already right
        Files.setPosixFilePermissions(dir.resolve("install-config.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        render(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("install-config.yaml")))).isEqualTo("rw-------");
    }

    @Test
    void dryRunShowsTheFilesWithTheSecretMaskedAndWritesNothing() throws IOException {
        Path dir = tmp.resolve("dev");
        Cli.Result r = render(dir, "--dry-run");
        assertThat(r.exitCode()).isZero();
        assertThat(Files.exists(dir)).isFalse();
        assertThat(r.stdout()).startsWith("Dry run, nothing written:").contains("--- install-config.yaml", "pullSecret: '*****'",
                "region: us-west-2", "--- .rhoai/install-config.inputs.json");
        assertThat(r.all()).doesNotContain(AUTH);
        RenderResult json = Mappers.json().readValue(render(dir, "--dry-run", "-o", "json").stdout(), RenderResult.class);
        assertThat(json.dryRun()).isTrue();
        assertThat(json.preview()).containsKeys("install-config.yaml", ".rhoai/install-config.yaml");
        assertThat(json.preview().values()).noneMatch(v -> v.contains(AUTH));
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void aDryRunMayGoWithoutThePullSecretButARealRenderMayNot() {
        Path dir = tmp.resolve("dev");
        String[] args = {"install-config", "render", "-c", "rhoaibu-cluster-dev", "--dir", dir.toString(), "--profiles-dir", Fixtures.PROFILES.toString()};
        Cli.Result dry = Cli.cli().run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--dry-run")).toArray(String[]::new));
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("pullSecret: '*****'");
        assertThat(dry.stderr()).contains("warning: no pull secret given");
        Cli.Result real = Cli.cli().run(args);
        assertThat(real.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(real.stderr()).startsWith("error: pull secret is missing\nhint: pass --pull-secret-file <file> or set RHOAI_PULL_SECRET_FILE or RHOAI_PULL_SECRET");
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void pullSecretComesFromTheEnvironmentFileVariable() throws IOException {
        Path dir = tmp.resolve("dev");
        Cli.Result r = Cli.cli().env("RHOAI_PULL_SECRET_FILE", pullSecret().toString()).env("RHOAI_SSH_KEY_FILE", Fixtures.SSH_KEY.toString())
                .run("install-config", "render", "-c", "rhoaibu-cluster-dev", "--dir", dir.toString(), "--profiles-dir", Fixtures.PROFILES.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("install-config.yaml"))).contains(AUTH).contains("sshKey: ssh-ed25519 ");
    }

    @Test
    void withoutSshKeyItWarnsOnStderrAndLeavesSshKeyOut() throws IOException {
        Path dir = tmp.resolve("dev");
        Cli.Result r = Cli.cli().run("install-config", "render", "-c", "rhoaibu-cluster-dev", "--dir", dir.toString(),
                "--profiles-dir", Fixtures.PROFILES.toString(), "--pull-secret-file", pullSecret().toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("no SSH key");
        assertThat(r.stdout()).doesNotContain("no SSH key");
        assertThat(Files.readString(dir.resolve("install-config.yaml"))).doesNotContain("sshKey");
    }

    @Test
    void afterTheInstallerConsumedInstallConfigSameInputsAreANoOpAndChangedInputsAreRefused() throws IOException {
        Path dir = tmp.resolve("dev");
        render(dir);
        // what openshift-install create manifests does to the directory
        Files.delete(dir.resolve("install-config.yaml"));
        Files.writeString(dir.resolve(".openshift_install_state.json"), "{}");

        Cli.Result same = render(dir, "-o", "json");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        RenderResult result = Mappers.json().readValue(same.stdout(), RenderResult.class);
        assertThat(result.changed()).isFalse();
        assertThat(result.files().get(0).status()).isEqualTo(FileResult.Status.CONSUMED);
        assertThat(Files.exists(dir.resolve("install-config.yaml"))).as("not written back: the installer would regenerate its manifests").isFalse();

        Path other = Files.writeString(tmp.resolve("other.json"), PULL_SECRET.replace(AUTH, "b3RoZXI6b3RoZXI="));
        Cli.Result changed = Cli.cli().run("install-config", "render", "-c", "rhoaibu-cluster-dev", "--dir", dir.toString(),
                "--profiles-dir", Fixtures.PROFILES.toString(), "--pull-secret-file", other.toString(), "--ssh-public-key-file", Fixtures.SSH_KEY.toString());
        assertThat(changed.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(changed.stderr()).contains("error: openshift-install has already consumed").contains("hint: render into a new --dir");
        assertThat(Files.exists(dir.resolve("install-config.yaml"))).isFalse();
    }

    @Test
    void renderedInstallConfigCarriesTheProfileValues() throws IOException {
        Path dir = tmp.resolve("prod");
        Cli.Result r = Cli.cli().run("install-config", "render", "-c", "rhoaibu-cluster-prod", "--dir", dir.toString(),
                "--profiles-dir", Fixtures.PROFILES.toString(), "--pull-secret-file", pullSecret().toString(), "--ssh-public-key-file", Fixtures.SSH_KEY.toString());
        assertThat(r.exitCode()).isZero();
        JsonNode ic = Mappers.yaml().readTree(Files.readString(dir.resolve("install-config.yaml")));
        assertThat(ic.path("metadata").path("name").asText()).isEqualTo("prod");
        assertThat(ic.path("platform").path("aws").path("region").asText()).isEqualTo("us-east-1");
        assertThat(ic.path("compute").get(0).path("platform").path("aws").path("zones").toString()).isEqualTo("[\"us-east-1a\",\"us-east-1b\",\"us-east-1c\"]");
        assertThat(ic.path("compute").get(0).path("replicas").asInt()).isEqualTo(3);
        assertThat(ic.path("controlPlane").path("platform").path("aws").path("type").asText()).isEqualTo("m6i.4xlarge");
        assertThat(ic.path("networking").path("clusterNetwork").get(0).path("hostPrefix").asInt()).isEqualTo(23);
        assertThat(ic.path("publish").asText()).isEqualTo("External");
        assertThat(ic.has("creationTimestamp") || ic.path("metadata").has("creationTimestamp")).isFalse();
    }
}
