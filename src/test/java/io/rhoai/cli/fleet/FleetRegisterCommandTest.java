package io.rhoai.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.fleet.FleetFixture;
import io.rhoai.fleet.FleetHub;
import io.rhoai.testing.ApplyingCrudDispatcher.Recorded;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static io.rhoai.testing.Cli.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fleet register}/{@code unregister} between two simulated clusters ({@link FleetHub}: CRUD mock +
 * ApplyingCrudDispatcher, which models server-side apply and field ownership but not RBAC, admission or the token
 * controller; the member's token controller is stood in for by {@link FleetHub#issueTokens}).
 */
class FleetRegisterCommandTest {
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.member-sa-token-7f3a9c2e1b";
    /** A real certificate: fabric8 parses the kubeconfig's CA even for the mock's plain-HTTP URL. */
    static final String CA = pem(io.rhoai.certs.install.TestPki.selfSigned("api.m001.example.com").leaf());
    static final String SA_CA = "-----BEGIN CERTIFICATE-----\nMIIBservice-account-ca\n-----END CERTIFICATE-----\n";
    @TempDir Path tmp;
    FleetHub member;
    FleetHub hub;
    Path profiles;
    Path memberKubeconfig;
    Path hubKubeconfig;

    @BeforeEach
    void clusters() throws Exception {
        profiles = FleetFixture.write(tmp, 3, 1);
        member = new FleetHub().issueTokens(TOKEN, SA_CA).namespace("openshift-gitops").infrastructure("m001", "rhoai.example.com");
        hub = new FleetHub().namespace("openshift-gitops").infrastructure("hub", "rhoai.example.com");
        memberKubeconfig = member.kubeconfig(tmp, "m001", CA);
        hubKubeconfig = hub.kubeconfig(tmp, "hub", null);
    }

    @AfterEach
    void stop() {
        member.close();
        hub.close();
    }

    Cli.Result register(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("fleet", "register", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                "--cluster", "m001", "--kubeconfig", memberKubeconfig.toString(), "--hub-kubeconfig", hubKubeconfig.toString()));
        args.addAll(List.of(extra));
        return cli().run(args.toArray(String[]::new));
    }

    static String pem(java.security.cert.X509Certificate c) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String decode(JsonNode data, String key) {
        return new String(Base64.getDecoder().decode(data.path(key).asText()), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheClusterSecretArgoCdReadsWithTheMembersTokenAndLabelsAndReRunWritesNothing() throws Exception {
        Cli.Result r = register("-o", "json", "-v");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.all()).doesNotContain(TOKEN).doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes()));
        assertThat(r.stderr()).contains("cluster identity: https://api.m001.rhoai.example.com:6443 (from Infrastructure/cluster) is profile m001")
                .contains("cluster identity: https://api.hub.rhoai.example.com:6443 (from Infrastructure/cluster) is profile fleet-hub");

        ObjectNode secret = hub.dispatcher.stored("/api/v1/namespaces/openshift-gitops/secrets/rhoai-cluster-m001");
        assertThat(secret).isNotNull();
        JsonNode labels = secret.path("metadata").path("labels");
        assertThat(labels.path("argocd.argoproj.io/secret-type").asText()).isEqualTo("cluster");
        assertThat(labels.path("ring").asText()).isEqualTo("canary");
        assertThat(labels.path("region").asText()).isEqualTo("us-east-1");
        assertThat(labels.path("rhoai.io/fleet-member").asText()).isEqualTo("m001");
        JsonNode data = secret.path("data");
        assertThat(decode(data, "name")).isEqualTo("m001");
        assertThat(decode(data, "server")).isEqualTo(member.server.url("/").replaceAll("/$", ""));
        assertThat(decode(data, "namespaces")).isEqualTo("openshift-gitops");
        assertThat(decode(data, "clusterResources")).isEqualTo("false");
        JsonNode config = Mappers.json().readTree(decode(data, "config"));
        assertThat(config.path("bearerToken").asText()).isEqualTo(TOKEN);
        assertThat(config.path("tlsClientConfig").path("insecure").asBoolean(true)).isFalse();
        // the CA the member's kubeconfig trusts for this URL, not the service-account CA
        assertThat(new String(Base64.getDecoder().decode(config.path("tlsClientConfig").path("caData").asText()))).isEqualTo(CA);

        // on the member: a Role limited to openshift-gitops, bound to the ServiceAccount; nothing cluster-wide
        ObjectNode role = member.dispatcher.stored("/apis/rbac.authorization.k8s.io/v1/namespaces/openshift-gitops/roles/rhoai-fleet-manager");
        assertThat(role.path("rules")).hasSize(1);
        ObjectNode binding = member.dispatcher.stored("/apis/rbac.authorization.k8s.io/v1/namespaces/openshift-gitops/rolebindings/rhoai-fleet-manager");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("rhoai-fleet-manager");
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo("rhoai-fleet");
        assertThat(member.dispatcher.requestsFrom("rhoai")).noneMatch(q -> q.path().contains("clusterrole"));
        ObjectNode tokenSecret = member.dispatcher.stored("/api/v1/namespaces/rhoai-fleet/secrets/rhoai-fleet-manager-token");
        assertThat(tokenSecret.path("type").asText()).isEqualTo("kubernetes.io/service-account-token");
        assertThat(tokenSecret.path("metadata").path("annotations").path("kubernetes.io/service-account.name").asText()).isEqualTo("rhoai-fleet-manager");

        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("member")).extracting(a -> a.path("outcome").asText()).containsOnly("created");
        assertThat(json.path("hubObjects").get(0).path("outcome").asText()).isEqualTo("created");
        assertThat(json.path("caData").asBoolean()).isTrue();

        // requests, independent of the fleet's size: member 1 identity + 1 namespace check + (read + apply) × 5 objects
        // + 1 token read; hub 1 identity + 3
        assertThat(member.dispatcher.requestsFrom("rhoai")).hasSize(13);
        assertThat(hub.dispatcher.requestsFrom("rhoai")).hasSize(4);
        // a re-run: every object unchanged, no write on either cluster, the Secret's data compared without printing it
        member.dispatcher.clearRecorded();
        hub.dispatcher.clearRecorded();
        Cli.Result again = register("-v");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr()).contains("nothing changed: m001 is registered");
        assertThat(again.all()).doesNotContain(TOKEN);
        assertThat(member.dispatcher.requestsFrom("rhoai")).noneMatch(Recorded::isWrite);
        assertThat(hub.dispatcher.requestsFrom("rhoai")).noneMatch(Recorded::isWrite);
        assertThat(member.dispatcher.requestsFrom("rhoai")).as("reads only").hasSize(8);
        assertThat(hub.dispatcher.requestsFrom("rhoai")).as("reads only").hasSize(3);
    }

    @Test
    void aChangedLabelIsWrittenAndARemovedOneRemoved() throws Exception {
        assertThat(register().exitCode()).isZero();
        java.nio.file.Files.writeString(profiles.resolve("m001.yaml"), java.nio.file.Files.readString(profiles.resolve("m001.yaml"))
                .replace("ring: canary", "ring: main").replace("    env: test\n", ""));
        Cli.Result r = register("-o", "json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Mappers.json().readTree(r.stdout()).path("hubObjects").get(0).path("outcome").asText()).isEqualTo("configured");
        JsonNode labels = hub.dispatcher.stored("/api/v1/namespaces/openshift-gitops/secrets/rhoai-cluster-m001").path("metadata").path("labels");
        assertThat(labels.path("ring").asText()).isEqualTo("main");
        assertThat(labels.has("env")).isFalse();
    }

    @Test
    void dryRunWritesNothingAnywhere() throws Exception {
        Cli.Result r = register("--dry-run", "-o", "json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(member.dispatcher.requestsFrom("rhoai")).noneMatch(Recorded::isWrite);
        assertThat(hub.dispatcher.requestsFrom("rhoai")).noneMatch(Recorded::isWrite);
        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        assertThat(json.path("hubObjects").get(0).path("outcome").asText()).isEqualTo("created");
        assertThat(r.stderr()).contains("would register m001");
    }

    @Test
    void aMemberWithoutOpenShiftGitOpsIsAPreconditionAndNothingIsWritten() throws Exception {
        try (FleetHub bare = new FleetHub().infrastructure("m001", "rhoai.example.com")) {
            Path k = bare.kubeconfig(tmp, "bare", null);
            Cli.Result r = cli().run("fleet", "register", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                    "--cluster", "m001", "--kubeconfig", k.toString(), "--hub-kubeconfig", hubKubeconfig.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
            assertThat(r.stderr()).contains("error: member m001 has no namespace openshift-gitops").contains("hint: bootstrap OpenShift GitOps on it first");
            assertThat(bare.dispatcher.requestsFrom("rhoai")).noneMatch(Recorded::isWrite);
        }
    }

    @Test
    void theHubsContextAsTheMemberIsRefusedByTheIdentityCheckAndWithoutItAsTheSameServer() throws Exception {
        Cli.Result r = cli().run("fleet", "register", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                "--cluster", "m001", "--kubeconfig", hubKubeconfig.toString(), "--hub-kubeconfig", hubKubeconfig.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("error: wrong cluster: profile m001 is https://api.m001.rhoai.example.com:6443")
                .contains("api.hub.rhoai.example.com");
        assertThat(hub.dispatcher.requestsFrom("rhoai")).noneMatch(Recorded::isWrite);

        Cli.Result skipped = cli().run("fleet", "register", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                "--cluster", "m001", "--kubeconfig", hubKubeconfig.toString(), "--hub-kubeconfig", hubKubeconfig.toString(), "--skip-cluster-check");
        assertThat(skipped.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(skipped.stderr()).contains("are the same API server");
    }

    @Test
    void unregisterRemovesTheHubSecretAndPurgeTheMembersObjects() throws Exception {
        assertThat(register().exitCode()).isZero();
        Cli.Result dry = cli().run("fleet", "unregister", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--cluster", "m001",
                "--hub-kubeconfig", hubKubeconfig.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.stderr()).isZero();
        assertThat(hub.dispatcher.stored("/api/v1/namespaces/openshift-gitops/secrets/rhoai-cluster-m001")).isNotNull();

        Cli.Result r = cli().run("fleet", "unregister", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--cluster", "m001",
                "--hub-kubeconfig", hubKubeconfig.toString(), "--kubeconfig", memberKubeconfig.toString(), "--purge", "-o", "json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(hub.dispatcher.stored("/api/v1/namespaces/openshift-gitops/secrets/rhoai-cluster-m001")).isNull();
        assertThat(member.dispatcher.stored("/apis/rbac.authorization.k8s.io/v1/namespaces/openshift-gitops/roles/rhoai-fleet-manager")).isNull();
        assertThat(member.dispatcher.stored("/api/v1/namespaces/rhoai-fleet/serviceaccounts/rhoai-fleet-manager")).isNull();
        JsonNode json = Mappers.json().readTree(r.stdout());
        assertThat(json.path("hubObjects").get(0).path("outcome").asText()).isEqualTo("deleted");
        assertThat(json.path("member")).extracting(a -> a.path("outcome").asText()).containsOnly("deleted");

        Cli.Result again = cli().run("fleet", "unregister", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--cluster", "m001",
                "--hub-kubeconfig", hubKubeconfig.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("absent");
        assertThat(again.stderr()).contains("nothing changed");
    }

    /** --purge deletes only what rhoai made: a namespace of the same name that someone else owns stays, with a warning. */
    @Test
    void purgeLeavesAMemberObjectRhoaiDidNotMake() throws Exception {
        assertThat(register().exitCode()).isZero();
        var ns = member.sim.namespaces().withName("rhoai-fleet");
        ns.edit(n -> {
            n.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
            return n;
        });
        Cli.Result r = cli().run("fleet", "unregister", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--cluster", "m001",
                "--hub-kubeconfig", hubKubeconfig.toString(), "--kubeconfig", memberKubeconfig.toString(), "--purge");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Namespace rhoai-fleet was not made by rhoai; left in place");
        assertThat(member.dispatcher.stored("/api/v1/namespaces/rhoai-fleet")).isNotNull();
        assertThat(member.dispatcher.stored("/api/v1/namespaces/rhoai-fleet/serviceaccounts/rhoai-fleet-manager")).isNull();
    }
}
