package io.rhoai.installconfig;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pull secret and SSH key checks: what is accepted, and that refusals never quote the content. */
class SecretInputsTest {
    @TempDir Path tmp;

    @Test
    void pullSecretIsCompactedAndItsParseErrorQuotesNothing() {
        Secret ok = PullSecrets.compact(Secret.of("{\n \"auths\": {\"quay.io\": {\"auth\": \"dXNlcjpwYXNz\"}}\n}", "file ps.json"));
        assertThat(ok.reveal()).isEqualTo("{\"auths\":{\"quay.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}");
        assertThatThrownBy(() -> PullSecrets.compact(Secret.of("{\"auths\": {\"quay.io\": {\"auth\": tok3n-in-the-clear}}}", "file ps.json")))
                .isInstanceOf(RhoaiException.class).hasMessage("pull secret (file ps.json) is not valid JSON (line 1, column 32)")
                .hasMessageNotContaining("tok3n");
        assertThatThrownBy(() -> PullSecrets.compact(Secret.of("{\"auths\": {}}", "env RHOAI_PULL_SECRET")))
                .hasMessage("pull secret (env RHOAI_PULL_SECRET): \"auths\" is empty");
        assertThatThrownBy(() -> PullSecrets.compact(Secret.of("{\"auths\": {\"quay.io\": {\"auth\": \"not base64!\"}}}", "f")))
                .hasMessage("pull secret (f): auths.quay.io.auth is not base64");
    }

    @Test
    void sshKeysOfEveryCommonTypeAndSeveralLinesAreAccepted() throws IOException {
        String rsa = "ssh-rsa " + blob("ssh-rsa") + " me@laptop";
        String ecdsa = "ecdsa-sha2-nistp256 " + blob("ecdsa-sha2-nistp256");
        Path f = Files.writeString(tmp.resolve("keys.pub"), "# team keys\n" + rsa + "\n\n" + ecdsa + "\n" + Files.readString(Fixtures.SSH_KEY));
        assertThat(SshPublicKeys.read(f, "--ssh-public-key-file").split("\n")).hasSize(3).startsWith(rsa, ecdsa);
    }

    @Test
    void aKeyWhoseDataDoesNotMatchItsTypeIsRefused() throws IOException {
        Path f = Files.writeString(tmp.resolve("k.pub"), "ssh-ed25519 " + blob("ssh-rsa") + "\n");
        assertThatThrownBy(() -> SshPublicKeys.read(f, "--ssh-public-key-file"))
                .hasMessage("--ssh-public-key-file: " + f + " line 1 is not an SSH public key: the key data does not match its type ssh-ed25519");
    }

    @Test
    void aPemPrivateKeyIsRefusedWithoutQuotingIt() throws IOException {
        Path f = Files.writeString(tmp.resolve("id_rsa"), "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAsecretbody\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> SshPublicKeys.read(f, "RHOAI_SSH_KEY_FILE"))
                .hasMessage("RHOAI_SSH_KEY_FILE: " + f + " is a private key; the cluster needs the public key")
                .hasMessageNotContaining("secretbody");
    }

    /** The base64 of an SSH key blob that starts with the given type string. */
    static String blob(String type) {
        byte[] t = type.getBytes();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + t.length + 8);
        b.putInt(t.length).put(t).putInt(1).putInt(0x01020304);
        return java.util.Base64.getEncoder().encodeToString(b.array());
    }
}
