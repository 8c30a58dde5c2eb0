package io.rhoai.certs.acme;

import io.rhoai.cli.ExitCodes;
import io.rhoai.testing.Cli;
import io.rhoai.testing.acme.AcmeTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A CA that requires External Account Binding (Pebble with externalAccountBindingRequired). */
class PebbleEabTest {
    @RegisterExtension
    static final AcmeTestBed bed = AcmeTestBed.requiringEab();

    @TempDir Path state;

    private Cli.Result issue(Cli cli, String... extra) {
        bed.rfc2136Env(false).forEach(cli::env);
        String[] base = {"certs", "issue", "--acme-server", bed.directoryUrl(), "--acme-ca-file", bed.caPem().toString(),
                "--state-dir", state.toString(), "--timeout", "60s", "--dns-provider", "rfc2136", "--domain", AcmeTestBed.API};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli.run(args);
    }

    @Test
    void withTheKeyIdAndHmacKeyFromTheEnvironmentTheAccountIsBoundAndTheKeyNeverShown() {
        Cli.Result r = issue(Cli.cli().env("RHOAI_EAB_HMAC_KEY", AcmeTestBed.EAB_HMAC), "--eab-kid", AcmeTestBed.EAB_KID, "-o", "json", "-v");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.all()).doesNotContain(AcmeTestBed.EAB_HMAC);
    }

    @Test
    void hmacKeyFromAFileWorksToo() throws Exception {
        Path key = Files.writeString(state.resolve("eab.key"), AcmeTestBed.EAB_HMAC + "\n");
        Cli.Result r = issue(Cli.cli(), "--eab-kid", AcmeTestBed.EAB_KID, "--eab-hmac-key-file", key.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void withoutBindingTheCaRefusesAndTheAccountKeyIsKeptForTheNextTry() {
        Cli.Result r = issue(Cli.cli());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("error: the CA refused to register the ACME account").contains("externalAccountRequired")
                .contains("hint: this CA requires External Account Binding: pass --eab-kid");
        try (var dirs = Files.list(state.resolve("acme"))) {
            assertThat(dirs.findFirst().orElseThrow().resolve("account.key")).exists();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aKeyIdWithoutHmacKeyIsInvalidInput() {
        Cli.Result r = issue(Cli.cli(), "--eab-kid", AcmeTestBed.EAB_KID);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("--eab-kid is set but the EAB HMAC key is missing");
    }
}
