package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.testing.Cli;
import io.rhoai.testing.SchemaValidator;
import io.rhoai.testing.SharedSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.rhoai.oauth.OAuthFixtures.CLIENT_ID;
import static io.rhoai.oauth.OAuthFixtures.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rhoai oauth google} through the real command line against the fake OpenShift API. */
class GoogleIdpConfigurerTest extends OpenShiftMockTest {
    static final String ENCODED_SECRET = Base64.getEncoder().encodeToString(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8));
    static final String SECRET_PATH = "/api/v1/namespaces/openshift-config/secrets/google-client-secret";

    Path profiles, secretFile;

    @BeforeEach
    void setUpCluster() throws Exception {
        profiles = OAuthFixtures.profile(tmp.resolve("profiles"), "test-dev", "redhat.com");
        secretFile = OAuthFixtures.secretFile(tmp);
    }

    private Cli.Result google(String... extra) {
        return google(Cli.cli(), extra);
    }

    private Cli.Result google(Cli cli, String... extra) {
        List<String> args = new ArrayList<>(List.of("oauth", "google", "--cluster", "test-dev", "--profiles-dir", profiles.toString(),
                "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private JsonNode providers() {
        return mock.get(OpenShiftMock.OAUTH).path("spec").path("identityProviders");
    }

    private static void assertNoSecret(Cli.Result r) {
        assertThat(r.all()).doesNotContain(CLIENT_SECRET).doesNotContain(ENCODED_SECRET);
    }

    @Test
    void addsGoogleAndKeepsEveryOtherProviderByteForByte() {
        OAuthFixtures.seedOAuth(mock);
        JsonNode before = providers();
        String htpasswd = before.get(0).toString(), github = before.get(1).toString();
        mock.writes.clear();
        mock.writeQueries.clear();

        Cli.Result r = google("--client-secret-file", secretFile.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        JsonNode after = providers();
        assertThat(after).hasSize(3);
        assertThat(after.get(0).toString()).isEqualTo(htpasswd);
        assertThat(after.get(1).toString()).isEqualTo(github);   // field order, empty list and all
        assertThat(mock.get(OpenShiftMock.OAUTH).path("spec").path("tokenConfig").path("accessTokenMaxAgeSeconds").asInt()).isEqualTo(86400);
        JsonNode google = after.get(2);
        assertThat(google.path("name").asText()).isEqualTo("RedHat-Google-Auth");
        assertThat(google.path("type").asText()).isEqualTo("Google");
        assertThat(google.path("mappingMethod").asText()).isEqualTo("claim");
        assertThat(google.path("google").path("clientID").asText()).isEqualTo(CLIENT_ID);
        assertThat(google.path("google").path("clientSecret").path("name").asText()).isEqualTo("google-client-secret");
        assertThat(google.path("google").path("hostedDomain").asText()).isEqualTo("redhat.com");

        ObjectNode secret = mock.get(SECRET_PATH);
        assertThat(secret.path("data").path("clientSecret").asText()).isEqualTo(ENCODED_SECRET);
        assertThat(secret.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("rhoai");
        // the Secret is rhoai's: applied whole (taking over clientSecret); OAuth/cluster is shared: a guarded merge patch.
        // Both name rhoai as their field manager.
        assertThat(mock.writeQueries).containsExactly(
                "PATCH /api/v1/namespaces/openshift-config/secrets/google-client-secret?fieldManager=rhoai&force=true",
                "PATCH " + OpenShiftMock.OAUTH + "?fieldManager=rhoai");

        assertThat(r.stdout()).contains("identity provider RedHat-Google-Auth: added")
                .contains("https://oauth-openshift.apps.dev.example.com/oauth2callback/RedHat-Google-Auth");
        assertNoSecret(r);
    }

    @Test
    void updateByNameReplacesOnlyThatProviderInItsPlace() {
        OAuthFixtures.seedOAuth(mock);
        ObjectNode oauth = mock.get(OpenShiftMock.OAUTH);
        ObjectNode stale = ((com.fasterxml.jackson.databind.node.ArrayNode) oauth.path("spec").path("identityProviders"))
                .insertObject(1);
        stale.put("name", "RedHat-Google-Auth").put("type", "Google").put("mappingMethod", "claim");
        stale.putObject("google").put("clientID", "old-id.apps.googleusercontent.com").putObject("clientSecret").put("name", "google-client-secret");
        oauth.remove("metadata");
        oauth.putObject("metadata").put("name", "cluster");
        mock.put("/apis/config.openshift.io/v1/oauths", oauth.toString());
        JsonNode before = providers();

        Cli.Result r = google("--client-secret-file", secretFile.toString(), "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode after = providers();
        assertThat(after).hasSize(3);
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(2).toString()).isEqualTo(before.get(2).toString());
        assertThat(after.get(1).path("name").asText()).isEqualTo("RedHat-Google-Auth");
        assertThat(after.get(1).path("google").path("clientID").asText()).isEqualTo(CLIENT_ID);
        assertThat(after.get(1).path("google").path("hostedDomain").asText()).isEqualTo("redhat.com");
        JsonNode result = OpenShiftMock.json(r.stdout());
        assertThat(result.path("providerAction").asText()).isEqualTo("updated");
        assertThat(result.path("oauth").asText()).isEqualTo("configured");
        assertNoSecret(r);
    }

    @Test
    void rerunAfterSuccessSendsNoWriteAndSaysSo() {
        OAuthFixtures.seedOAuth(mock);
        assertThat(google("--client-secret-file", secretFile.toString()).exitCode()).isZero();
        String oauthBefore = mock.get(OpenShiftMock.OAUTH).toString();
        mock.writes.clear();

        Cli.Result again = google("--client-secret-file", secretFile.toString());

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(mock.writes).isEmpty();
        assertThat(mock.get(OpenShiftMock.OAUTH).toString()).isEqualTo(oauthBefore);
        assertThat(again.stdout()).contains("RedHat-Google-Auth: unchanged").contains("nothing to do");
    }

    /** The regression test of issue 10: one concurrent write costs one more write and milliseconds, not the --timeout. */
    @Test
    void aConcurrentChangeBetweenReadAndWriteIsRetriedNotLost() {
        OAuthFixtures.seedOAuth(mock);
        // someone adds a provider after rhoai read OAuth/cluster and before its write arrives
        mock.beforeNextWriteOf(OpenShiftMock.OAUTH, stored -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) stored.path("spec").path("identityProviders"))
                    .addObject().put("name", "added-meanwhile").put("type", "HTPasswd").put("mappingMethod", "claim")
                    .putObject("htpasswd").putObject("fileData").put("name", "other-htpasswd");
            return stored;
        });

        // a first run of the CLI in this JVM pays for class loading; the budget below is for the conflict only
        assertThat(google("--client-secret-file", secretFile.toString(), "--dry-run").exitCode()).isZero();
        long start = System.nanoTime();
        Cli.Result r = google("--client-secret-file", secretFile.toString(), "--timeout", "30s");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> names = new ArrayList<>();
        providers().forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).containsExactly("RHOAI-Test-Users", "hand-added-github", "added-meanwhile", "RedHat-Google-Auth");
        assertThat(mock.writes.stream().filter(w -> w.equals("PATCH " + OpenShiftMock.OAUTH))).hasSize(2);   // 409, then the re-merged write
        assertThat(millis).as("wall time of the whole run, ms").isLessThan(2_000);
    }

    @Test
    void aServerErrorOnTheWriteIsRetriedWithinTheTimeout() {
        OAuthFixtures.seedOAuth(mock);
        mock.oauthWritesToFail.set(1);   // the API server restarts under the write: 503, nothing stored

        Cli.Result r = google("--client-secret-file", secretFile.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(mock.writes.stream().filter(w -> w.equals("PATCH " + OpenShiftMock.OAUTH))).hasSize(2);
        assertThat(providers()).hasSize(3);
        assertThat(providers().get(2).path("name").asText()).isEqualTo("RedHat-Google-Auth");
    }

    @Test
    void aServerThatKeepsFailingIsGivenUpOnWhenTheRunsTimeoutIsSpent() {
        OAuthFixtures.seedOAuth(mock);
        mock.oauthWritesToFail.set(1_000);

        long start = System.nanoTime();
        Cli.Result r = google("--client-secret-file", secretFile.toString(), "--timeout", "2s");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("error: update OAuth cluster failed (HTTP 503 after").contains("attempts)");
        assertThat(millis).as("--timeout bounds the whole run, ms").isLessThan(6_000);
        assertThat(providers()).hasSize(2);
    }

    @Test
    void aForbiddenWriteNamesTheMissingRightWithTheSameHintAsEveryCommand() {
        OAuthFixtures.seedOAuth(mock);
        mock.oauthWriteStatus = 403;
        mock.oauthWritesToFail.set(1);

        Cli.Result r = google("--client-secret-file", secretFile.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("error: update OAuth cluster failed (HTTP 403)")
                .contains("hint: the identity in use lacks permission; use a cluster-admin context");
        assertThat(mock.writes.stream().filter(w -> w.equals("PATCH " + OpenShiftMock.OAUTH))).hasSize(1);   // not retried
        assertNoSecret(r);
    }

    @Test
    void conflictsThatNeverStopEndInARemoteErrorNotALostUpdate() {
        OAuthFixtures.seedOAuth(mock);
        mock.oauthWritesToSpoil.set(100);

        Cli.Result r = google("--client-secret-file", secretFile.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("error: OAuth cluster kept changing while rhoai tried to update it (5 conflicts in a row)")
                .contains("oc get oauths cluster -o yaml --show-managed-fields");
        assertThat(mock.writes.stream().filter(w -> w.equals("PATCH " + OpenShiftMock.OAUTH))).hasSize(io.rhoai.kube.MergeWriter.MAX_ATTEMPTS);
        assertThat(providers()).hasSize(2);   // nothing of rhoai's got in, nothing of theirs got lost
    }

    @Test
    void aSecretAnotherToolMadeIsAdoptedSaidSoAndItsOwnerNamed() {
        OAuthFixtures.seedOAuth(mock);
        mock.put("/api/v1/namespaces/openshift-config/secrets", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: google-client-secret
                  namespace: openshift-config
                  ownerReferences:
                  - {apiVersion: external-secrets.io/v1beta1, kind: ExternalSecret, name: google, uid: 1234}
                data:
                  clientSecret: b2xkLXZhbHVl
                """);

        Cli.Result r = google("--client-secret-file", secretFile.toString(), "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(OpenShiftMock.json(r.stdout()).path("secret").path("outcome").asText()).isEqualTo("adopted");
        assertThat(r.stderr()).contains("warning: Secret openshift-config/google-client-secret is owned by ExternalSecret");
        ObjectNode secret = mock.get(SECRET_PATH);
        assertThat(secret.path("data").path("clientSecret").asText()).isEqualTo(ENCODED_SECRET);
        assertThat(secret.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("rhoai");
        assertNoSecret(r);
    }

    @Test
    void writtenOAuthObjectValidatesAgainstTheOpenShiftCrd() {
        Path crd = SharedSchemas.require("openshift/api/0000_10_config-operator_01_oauths.crd.yaml");
        OAuthFixtures.seedOAuth(mock);
        assertThat(google("--client-secret-file", secretFile.toString()).exitCode()).isZero();

        ObjectNode stored = mock.get(OpenShiftMock.OAUTH);
        assertThat(SchemaValidator.validateAgainstCrd(crd, "v1", stored)).isEmpty();
        // and the check is real: a misspelt field in a provider is caught
        ((ObjectNode) stored.path("spec").path("identityProviders").get(2).path("google")).put("hostDomain", "redhat.com");
        assertThat(SchemaValidator.validateAgainstCrd(crd, "v1", stored)).isNotEmpty();
    }

    @Test
    void redirectUriComesFromTheClusterRouteWhenThereIsOne() {
        OAuthFixtures.seedOAuth(mock);
        OAuthFixtures.seedRoute(mock, "oauth-openshift.apps.other.example.org");

        Cli.Result r = google("--client-secret-file", secretFile.toString(), "-o", "json");

        JsonNode result = OpenShiftMock.json(r.stdout());
        assertThat(result.path("redirectURI").asText()).isEqualTo("https://oauth-openshift.apps.other.example.org/oauth2callback/RedHat-Google-Auth");
        assertThat(result.path("redirectURISource").asText()).isEqualTo("route");
        // the route disagrees with the profile (dev.example.com): wrong kubeconfig?
        assertThat(r.stderr()).contains("warning:").contains("check --kubeconfig/--context");
    }

    @Test
    void dryRunShowsThePlanWithTheSecretMaskedAndWritesNothing() {
        OAuthFixtures.seedOAuth(mock);
        String before = mock.get(OpenShiftMock.OAUTH).toString();
        mock.writes.clear();

        Cli.Result r = google(Cli.cli().env("RHOAI_GOOGLE_CLIENT_SECRET", CLIENT_SECRET), "--dry-run", "-v");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(mock.writes).isEmpty();
        assertThat(mock.get(OpenShiftMock.OAUTH).toString()).isEqualTo(before);
        assertThat(mock.get(SECRET_PATH)).isNull();
        assertThat(r.stdout()).startsWith("DRY RUN").contains("identity provider RedHat-Google-Auth: added (OAuth/cluster configured)")
                .contains("clientSecret = *****").contains("hostedDomain: redhat.com").contains("(from env RHOAI_GOOGLE_CLIENT_SECRET): created");
        assertNoSecret(r);
    }

    @Test
    void dryRunJsonReportsTheRealRunsOutcomesWithADryRunFlag() {
        OAuthFixtures.seedOAuth(mock);
        mock.writes.clear();

        Cli.Result r = google("--client-secret-file", secretFile.toString(), "--dry-run=client", "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode result = OpenShiftMock.json(r.stdout());
        assertThat(result.path("dryRun").asBoolean()).isTrue();
        assertThat(result.path("providerAction").asText()).isEqualTo("added");
        assertThat(result.path("oauth").asText()).isEqualTo("configured");
        assertThat(result.path("secret").path("outcome").asText()).isEqualTo("created");
        assertThat(mock.writes).isEmpty();
        assertNoSecret(r);
    }

    @Test
    void serverDryRunSendsEveryWriteWithDryRunAllAndStoresNothing() {
        OAuthFixtures.seedOAuth(mock);
        String before = mock.get(OpenShiftMock.OAUTH).toString();
        mock.writeQueries.clear();

        Cli.Result r = google("--client-secret-file", secretFile.toString(), "--dry-run=server", "-o", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(mock.writeQueries).containsExactly(
                "PATCH /api/v1/namespaces/openshift-config/secrets/google-client-secret?fieldManager=rhoai&dryRun=All&force=true",
                "PATCH " + OpenShiftMock.OAUTH + "?fieldManager=rhoai&dryRun=All");
        assertThat(mock.get(OpenShiftMock.OAUTH).toString()).isEqualTo(before);
        assertThat(mock.get(SECRET_PATH)).isNull();
        JsonNode result = OpenShiftMock.json(r.stdout());
        assertThat(result.path("dryRun").asBoolean()).isTrue();
        assertThat(result.path("oauth").asText()).isEqualTo("configured");
        assertNoSecret(r);
    }

    @Test
    void theClientSecretNeverShowsInJsonVerboseOrErrors() {
        OAuthFixtures.seedOAuth(mock);
        Cli.Result json = google(Cli.cli().env("RHOAI_GOOGLE_CLIENT_SECRET_FILE", secretFile.toString()), "-o", "json", "-v");
        assertThat(json.exitCode()).isZero();
        assertThat(OpenShiftMock.json(json.stdout()).path("secret").path("valueFrom").asText()).startsWith("file ");
        assertNoSecret(json);

        Cli.Result yaml = google(Cli.cli().env("RHOAI_GOOGLE_CLIENT_SECRET", CLIENT_SECRET), "-o", "yaml", "-v", "--dry-run");
        assertNoSecret(yaml);

        // an error after the secret was loaded, with -v (stack trace): still masked
        Cli.Result failed = Cli.cli().env("RHOAI_GOOGLE_CLIENT_SECRET", CLIENT_SECRET).run("oauth", "google", "--cluster", "test-dev",
                "--profiles-dir", profiles.toString(), "--kubeconfig", tmp.resolve("missing-kubeconfig").toString(), "-v");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertNoSecret(failed);
    }

    @Test
    void anApiErrorThatEchoesTheSecretBackIsMaskedInEveryForm() {
        OAuthFixtures.seedOAuth(mock);
        mock.rejectSecretsEchoingTheirValue = true;

        Cli.Result r = google("--client-secret-file", secretFile.toString(), "-v");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("error: apply Secret openshift-config/google-client-secret failed (HTTP 422)")
                .contains("Invalid value: \"*****\" (*****)");
        assertNoSecret(r);
    }

    @Test
    void hostedDomainMustBeABareDomainAndNothingIsWrittenWhenItIsNot() throws Exception {
        OAuthFixtures.seedOAuth(mock);
        mock.writes.clear();
        for (String bad : List.of("https://redhat.com", "jane@redhat.com", "not a domain")) {
            OAuthFixtures.profile(profiles, "test-dev", bad);
            Cli.Result r = google("--client-secret-file", secretFile.toString());
            assertThat(r.exitCode()).as(bad + "\n" + r).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.stderr()).contains("error: spec.oauth.google.hostedDomain").contains("hint:");
            assertThat(r.stdout()).isEmpty();
        }
        assertThat(mock.writes).isEmpty();
    }

    @Test
    void emptyHostedDomainIsAllowedWithAClearWarning() throws Exception {
        OAuthFixtures.seedOAuth(mock);
        OAuthFixtures.profile(profiles, "test-dev", null);

        Cli.Result r = google("--client-secret-file", secretFile.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("warning:").contains("ANY Google account");
        assertThat(providers().get(2).path("google").has("hostedDomain")).isFalse();
    }

    @Test
    void missingClientSecretIsInvalidInputNamingWhereToPutIt() {
        OAuthFixtures.seedOAuth(mock);
        mock.writes.clear();

        Cli.Result r = google();

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("client secret is missing").contains("RHOAI_GOOGLE_CLIENT_SECRET_FILE").contains("--client-secret-file");
        assertThat(mock.writes).isEmpty();
    }

    @Test
    void aDryRunBeforeTheGoogleClientExistsStillPrintsTheRedirectUri() throws Exception {
        OAuthFixtures.seedOAuth(mock);
        java.nio.file.Files.writeString(profiles.resolve("test-dev.yaml"),
                java.nio.file.Files.readString(profiles.resolve("test-dev.yaml")).replaceAll("(?m)^\\s*clientID: .*\\R", ""));
        mock.writes.clear();

        Cli.Result r = google("--dry-run");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("https://oauth-openshift.apps.dev.example.com/oauth2callback/RedHat-Google-Auth")
                .contains("(from not given yet): created");
        assertThat(r.stderr()).contains("clientID is missing: fine for this dry run").contains("client secret is not given");
        assertThat(mock.writes).isEmpty();

        Cli.Result real = google();
        assertThat(real.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(real.stderr()).contains("error: spec.oauth.google.clientID is missing");
    }

    @Test
    void withoutASecretSourceTheValueInTheClusterIsKept() {
        OAuthFixtures.seedOAuth(mock);
        assertThat(google("--client-secret-file", secretFile.toString()).exitCode()).isZero();
        mock.writes.clear();

        Cli.Result r = google("--client-id", "5678-other.apps.googleusercontent.com");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(mock.get(SECRET_PATH).path("data").path("clientSecret").asText()).isEqualTo(ENCODED_SECRET);
        assertThat(providers().get(2).path("google").path("clientID").asText()).isEqualTo("5678-other.apps.googleusercontent.com");
        assertThat(mock.writes).containsExactly("PATCH " + OpenShiftMock.OAUTH);
    }

    @Test
    void waitFollowsTheAuthenticationOperatorUntilItHasRolledOut() throws Exception {
        OAuthFixtures.seedOAuth(mock);
        mock.clusterOperator("True", "False", "2026-01-01T00:00:00Z");
        Thread operator = new Thread(() -> {
            // the operator notices the new OAuth generation, progresses, then settles
            try {
                long start = System.currentTimeMillis();
                while (System.currentTimeMillis() - start < 10_000) {
                    ObjectNode o = mock.get(OpenShiftMock.OAUTH);
                    if (o.path("metadata").path("generation").asLong() > 1) break;
                    Thread.sleep(20);
                }
                mock.clusterOperator("True", "True", "2026-06-01T00:00:00Z");
                Thread.sleep(150);
                mock.clusterOperator("True", "False", "2026-06-01T00:00:05Z");
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        operator.start();

        Cli.Result r = google("--client-secret-file", secretFile.toString(), "--wait", "--timeout", "20s", "--poll-interval", "20ms", "-o", "json");
        operator.join();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode rollout = OpenShiftMock.json(r.stdout()).path("rollout");
        assertThat(rollout.path("waited").asBoolean()).isTrue();
        assertThat(rollout.path("oauthGeneration").asLong()).isEqualTo(2);
        assertThat(rollout.path("authentication").path("progressing").asText()).isEqualTo("False");
        assertThat(rollout.path("authentication").path("progressingSince").asText()).isEqualTo("2026-06-01T00:00:05Z");
    }

    @Test
    void waitTimesOutNamingWhatItWaitedForAndTheLastState() {
        OAuthFixtures.seedOAuth(mock);
        mock.clusterOperator("True", "False", "2026-01-01T00:00:00Z");   // never picks the change up

        Cli.Result r = google("--client-secret-file", secretFile.toString(), "--wait", "--timeout", "300ms", "--poll-interval", "50ms");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(r.stderr()).contains("error: timed out after 300ms waiting for ClusterOperator authentication")
                .contains("last state: Available=True Progressing=False").contains("has not started yet");
        assertNoSecret(r);
    }
}
