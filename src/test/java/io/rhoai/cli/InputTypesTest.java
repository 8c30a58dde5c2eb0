package io.rhoai.cli;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values that overflow or cannot be what they claim are invalid input (exit 3), never an internal error. */
class InputTypesTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999999h", "99999999999999999999999s", "367d", "8785h", "1000000h1s"})
    void aDurationBeyondAYearIsTooLong(String value) {
        assertThatThrownBy(() -> Durations.parse(value, "--timeout")).isInstanceOf(RhoaiException.class)
                .hasMessage("--timeout: '" + value + "' is too long (at most 8784h)");
        assertThat(Durations.parse("366d", "--timeout")).isEqualTo(Duration.ofDays(366));
    }

    @Test
    void aTooLongTimeoutOnTheCommandLineIsExit3NamedByTheOption() {
        Cli.Result r = Cli.cli().run("gpu", "pools", "list", "--timeout", "9999999999999999h");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: --timeout: '9999999999999999h' is too long (at most 8784h)").doesNotContain("java.", "Exception");
    }

    @Test
    void aMalformedDurationIsStillNamedByTheOption() {
        Cli.Result r = Cli.cli().run("gpu", "pools", "list", "--timeout", "soon");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: --timeout: 'soon' is not a duration").doesNotContain("java.", "Exception");
    }

    /** An odd length, the standard alphabet's '+' and '/', whitespace inside, nothing at all once stripped of padding. */
    @ParameterizedTest
    @ValueSource(strings = {"abcde", "ab+cd/efgh", "abcd efgh", "==", "zzzzz_zzzzz_zzzzz_zzzzz_zzzzz_zzzzz_zzzzz_zzzzz_z"})
    void anEabKeyThatIsNotBase64UrlIsRefusedOnADryRun(String key) {
        Cli.Result r = Cli.cli().env("RHOAI_EAB_HMAC_KEY", key).env("RHOAI_STATE_DIR", tmp.toString())
                .run("certs", "issue", "--domain", "api.example.com", "--staging", "--dns-provider", "manual", "--dry-run",
                        "--eab-kid", "kid-1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: the EAB HMAC key (env RHOAI_EAB_HMAC_KEY) is not base64url");
        assertThat(r.all()).doesNotContain(key.length() > 5 ? key : "\n" + key + "\n");
    }

    @Test
    void aBase64UrlEabKeyPassesTheDryRun() {
        Cli.Result r = Cli.cli().env("RHOAI_EAB_HMAC_KEY", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W")
                .env("RHOAI_STATE_DIR", tmp.toString())
                .run("certs", "issue", "--domain", "api.example.com", "--staging", "--dns-provider", "manual", "--dry-run", "--eab-kid", "kid-1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }
}
