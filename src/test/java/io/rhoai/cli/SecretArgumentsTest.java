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
        assertRefused(render("--pull-secret-file", value), ExitCodes.INVALID_INPUT,
                "--pull-secret-file: the value is not a path to an existing file (not shown: it looks like a secret itself)", value.strip());
    }

    @Test
    void aTokenGivenAsTheKubeconfigIsNotQuoted() {
        String token = "sha256~AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg";
        assertRefused(Cli.cli().run("gpu", "pools", "list", "--kubeconfig", token), ExitCodes.INVALID_INPUT,
                "--kubeconfig: the value is not a path to an existing file (not shown: it looks like a secret itself)", token);
    }

    @Test
    void aMissingPathThatLooksLikeAPathIsStillNamed() {
        assertRefused(render("--pull-secret-file", "secrets/pull-secret.json"), ExitCodes.INVALID_INPUT,
                "secrets/pull-secret.json does not exist", "(nothing hidden)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--git-token|ghp_16C7e42F292c6912E7710c838347Ae178B4a", "--password|hunter2",
            "--client-secret|plainwords", "--api-key|plain-value-xyz", "--git-token=ghp_16C7e42F292c6912E7710c838347Ae178B4a"})
    void anUnknownSecretOptionsValueIsNotEchoed(String pair) {
        String[] parts = pair.split("\\|");
        String name = parts[0].contains("=") ? parts[0].substring(0, parts[0].indexOf('=')) : parts[0];
        String value = parts.length > 1 ? parts[1] : parts[0].substring(parts[0].indexOf('=') + 1);
        assertRefused(render(parts), ExitCodes.USAGE, "error: Unknown option " + name + " (its value is not shown)", value);
    }

    @Test
    void aSecretShapedStrayArgumentIsNotEchoedEvenAfterAnOrdinaryOption() {
        assertRefused(render("--dry-run", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"), ExitCodes.USAGE, "error: ", "ghp_16C7e42F");
    }

    @Test
    void ordinaryUnknownOptionsAreStillNamed() {
        assertRefused(render("--colour", "blue"), ExitCodes.USAGE, "--colour", "(nothing hidden)");
    }

    static void assertRefused(Cli.Result r, int exitCode, String message, String hidden) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.stderr()).contains(message);
        assertThat(r.all()).doesNotContain(hidden);
    }
}
