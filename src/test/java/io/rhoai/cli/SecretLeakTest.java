package io.rhoai.cli;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rhoai.kube.RemoteMessages;
import io.rhoai.kube.Retry;
import io.rhoai.testing.Cli;
import io.rhoai.testing.HostileApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** No secret, in any encoding, in anything rhoai prints: kubeconfig credentials, quoted Secret bodies, parser snippets. */
class SecretLeakTest {
    @TempDir Path tmp;

    static List<String> forms(String secret) {
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        String std = Base64.getEncoder().encodeToString(raw), url = Base64.getUrlEncoder().encodeToString(raw);
        return List.of(secret, std, std.replace("=", ""), url, url.replace("=", ""));
    }

    static void assertNoForm(Cli.Result r, String secret) {
        for (String f : forms(secret)) assertThat(r.all()).as(r.toString()).doesNotContain(f);
    }

    @Test
    void theKubeconfigTokenIsMaskedWhenAServerReflectsHeaders() throws IOException {
        String token = "sha256~KubeconfigT0kenReflectedByAProxy_0123456789";
        try (HostileApiServer server = new HostileApiServer(403, req -> "denied; you sent " + req.headers()
                + " token " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))
                + " url " + Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8)))) {
            Cli.Result r = Cli.cli().run("gpu", "pools", "list", "--kubeconfig", server.kubeconfig(tmp, token).toString(), "--timeout", "10s", "-v");
            assertThat(r.exitCode()).as(r.toString()).isNotZero().isNotEqualTo(ExitCodes.INTERNAL);
            assertThat(r.stderr()).contains("denied");
            assertNoForm(r, token);
        }
    }

    /** A webhook that rejects every write quoting the submitted object, in raw, base64 and base64url forms. */
    @Test
    void aClientSecretQuotedBackByTheServerInAnyEncodingIsMasked() throws IOException {
        String secret = "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789";
        Path file = Files.writeString(tmp.resolve("client-secret"), secret + "\n");
        try (HostileApiServer server = new HostileApiServer(req -> req.method().equals("GET")
                ? new HostileApiServer.Reply(404, "not found")
                : new HostileApiServer.Reply(422, "admission webhook denied the request: " + req.body()
                        + " b64=" + Base64.getEncoder().encodeToString(req.body().getBytes(StandardCharsets.UTF_8))
                        + " b64url=" + Base64.getUrlEncoder().withoutPadding().encodeToString(req.body().getBytes(StandardCharsets.UTF_8))
                        + " value=" + reencoded(req.body())))) {
            Cli.Result r = Cli.cli().run("oauth", "google", "--cluster", "rhoaibu-cluster-dev", "--skip-cluster-check", "--kubeconfig", server.kubeconfig(tmp, "t0ken-oauth-test").toString(),
                    "--client-secret-file", file.toString(), "--timeout", "10s", "-v");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
            assertNoForm(r, secret);
        }
    }

    /** The Secret's data value decoded and shown again in base64url without padding, as a careless webhook may log it. */
    static String reencoded(String body) {
        try {
            String data = io.rhoai.core.yaml.Mappers.json().readTree(body).path("data").path("clientSecret").asText("");
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(data));
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    @Test
    void aRejectedSecretWriteIsSummarisedNotQuoted() {
        String body = "admission webhook denied: {\"kind\":\"Secret\",\"data\":{\"password\":\"Z2hwX3F1b3RlZA==\"}}";
        Status status = new StatusBuilder().withCode(422).withReason("Invalid").withMessage(body)
                .withNewDetails().withKind("secrets").withName("repo-creds").endDetails().build();
        KubernetesClientException e = new KubernetesClientException(body, 422, status);
        String shown = Retry.failure("apply Secret openshift-gitops/repo-creds", e).getMessage();
        assertThat(shown).contains("the API server rejected Secret repo-creds (HTTP 422): Invalid").doesNotContain("Z2hw", "admission");
        // any other kind keeps the server's message: it is what tells the user what to fix
        Status other = new StatusBuilder().withCode(422).withReason("Invalid").withMessage("spec.replicas: must be >= 0")
                .withNewDetails().withKind("machinesets").withGroup("machine.openshift.io").endDetails().build();
        assertThat(RemoteMessages.detail(new KubernetesClientException("x", 422, other))).isEqualTo("spec.replicas: must be >= 0");
    }

    @Test
    void aKubeconfigWithASyntaxErrorIsNamedByLineNeverQuoted() throws IOException {
        String token = "eyJhbGciOiJSUzI1NiJ9.BrokenKubeconfigT0kenBody0123456789";
        Path kc = Files.writeString(tmp.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                users:
                - name: admin
                  user:
                    token: %s
                      bad: [indent
                """.formatted(token));
        Cli.Result r = Cli.cli().run("gpu", "pools", "list", "--kubeconfig", kc.toString(), "--timeout", "5s");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("error: kubeconfig " + kc + " is not valid YAML (line ");
        assertThat(r.all()).doesNotContain("BrokenKubeconfig", "eyJhbGci", "bad: [");
    }

    @Test
    void aBinaryKubeconfigIsInvalidInputNotAnInternalError() throws IOException {
        Path kc = Files.write(tmp.resolve("kubeconfig"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3, (byte) 0x80, '\n'});
        Cli.Result r = Cli.cli().run("gpu", "pools", "list", "--kubeconfig", kc.toString(), "--timeout", "5s");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains(kc.toString());
    }
}
