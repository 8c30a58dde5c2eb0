package io.rhoai.cli;

import io.rhoai.installconfig.Fixtures;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A secret pasted where a file or an option was expected is refused without being echoed. */
class SecretArgumentsTest {
    @TempDir Path tmp;

    Cli.Result render(String... extra) {
        var args = new java.util.ArrayList<>(java.util.List.of("install-config", "render", "--cluster", "rhoaibu-cluster-dev",
                "--profiles-dir", Fixtures.PROFILES.toString(), "--dir", tmp.resolve("out").toString(),
                "--ssh-key-file", Fixtures.SSH_KEY.toString()));
        args.addAll(java.util.List.of(extra));
        return Cli.cli().run(args.toArray(String[]::new));
    }

    /** One value per class: token prefixes, JSON, whitespace, very long, a bare token-shaped word. */
    @ParameterizedTest
    @ValueSource(strings = {
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "gho_16C7e42F292c6912E7710c838347Ae178B4a",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "GOCSPX-1a2b3c4d5e6f7g8h9i0jKLMNOPQ", "AKIAIOSFODNN7EXAMPLE",
            "sk-proj-abcdefghijklmnopqrstuvwx", "{\"auths\":{\"quay.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}", "correct horse battery staple",
            "aVeryLongValueWithNoSlashAndNoExtension0123456789aVeryLongValueWithNoSlashAndNoExtension0123456789xyz0",
            "c2VjcmV0LXZhbHVlLWJhc2U2NC1lbmNvZGVk"})
    void aSecretGivenAsAFilePathIsNotQuoted(String value) {
        Cli.Result r = render("--pull-secret-file", value);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("--pull-secret-file: the value is not a path to an existing file (not shown: it looks like a secret itself)");
        assertThat(r.all()).doesNotContain(value.strip());
    }

    @Test
    void aMissingPathThatLooksLikeAPathIsStillNamed() {
        Cli.Result r = render("--pull-secret-file", "secrets/pull-secret.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("secrets/pull-secret.json does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--git-token|ghp_16C7e42F292c6912E7710c838347Ae178B4a", "--password|hunter2",
            "--client-secret|plainwords", "--api-key|plain-value-xyz", "--git-token=ghp_16C7e42F292c6912E7710c838347Ae178B4a"})
    void anUnknownSecretOptionsValueIsNotEchoed(String pair) {
        String[] parts = pair.split("\\|");
        Cli.Result r = render(parts);
        String name = parts[0].contains("=") ? parts[0].substring(0, parts[0].indexOf('=')) : parts[0];
        String value = parts.length > 1 ? parts[1] : parts[0].substring(parts[0].indexOf('=') + 1);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("error: Unknown option " + name + " (its value is not shown)");
        assertThat(r.all()).doesNotContain(value);
    }

    @Test
    void aSecretShapedStrayArgumentIsNotEchoedEvenAfterAnOrdinaryOption() {
        Cli.Result r = render("--dry-run", "ghp_16C7e42F292c6912E7710c838347Ae178B4a");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.all()).doesNotContain("ghp_16C7e42F");
    }

    @Test
    void ordinaryUnknownOptionsAreStillNamed() {
        Cli.Result r = render("--colour", "blue");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("--colour");
    }
}
