package io.rhoai.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.installconfig.Fixtures;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placeholder values are warned about, {@code --set} and {@code RHOAI_BASE_DOMAIN} override profile values without
 * editing files (flags > env > profile) and are validated like the file; render ends with the next command.
 */
class ProfileOverridesTest {
    @TempDir Path tmp;

    private Cli.Result render(Cli cli, String... extra) {
        List<String> args = new ArrayList<>(List.of("install-config", "render", "--cluster", "rhoaibu-cluster-dev",
                "--dir", tmp.resolve("out").toString(), "--profiles-dir", Fixtures.PROFILES.toString(),
                "--pull-secret-file", Fixtures.PULL_SECRET.toString(), "--ssh-public-key-file", Fixtures.SSH_KEY.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private JsonNode written() throws Exception {
        return Mappers.yaml().readTree(Files.readString(tmp.resolve("out/install-config.yaml")));
    }

    @Test
    void theBundledPlaceholderDomainIsWarnedAboutAndRenderEndsWithTheNextCommands() throws Exception {
        Cli.Result r = render(Cli.cli());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.stderr()).contains("warning: spec.cluster.baseDomain is a placeholder ('rhoai.example.com'): set it with "
                + "--set spec.cluster.baseDomain=<value> or RHOAI_BASE_DOMAIN=<domain>");
        // render does not use the OAuth client or the ACME e-mail: not its warnings
        assertThat(r.stderr()).doesNotContain("clientID").doesNotContain("certificates.email");
        assertThat(r.stderr()).containsSubsequence("next: openshift-install create manifests --dir " + tmp.resolve("out"),
                "then: rhoai install-config gpu-manifests --cluster rhoaibu-cluster-dev --dir " + tmp.resolve("out"));
        assertThat(r.stdout()).doesNotContain("placeholder").doesNotContain("next:").doesNotContain("openshift-install");
        assertThat(written().path("baseDomain").asText()).isEqualTo("rhoai.example.com");
    }

    @Test
    void jsonOutputKeepsTheNextStepsOffStdoutAndStderr() throws Exception {
        Cli.Result r = render(Cli.cli(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        Mappers.json().readTree(r.stdout());
        assertThat(r.stdout() + r.stderr()).doesNotContain("openshift-install create manifests");
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheProfile() throws Exception {
        Cli.Result env = render(Cli.cli().env("RHOAI_BASE_DOMAIN", "env.acme.io"));
        assertThat(env.exitCode()).as(env.toString()).isEqualTo(ExitCodes.OK);
        assertThat(env.stderr()).doesNotContain("placeholder");
        assertThat(written().path("baseDomain").asText()).isEqualTo("env.acme.io");

        Cli.Result both = render(Cli.cli().env("RHOAI_BASE_DOMAIN", "env.acme.io"), "--set", "spec.cluster.baseDomain=flag.acme.io",
                "--set", "spec.controlPlane.replicas=5", "--set", "spec.gpuPools[name=t4-private].maxReplicas=7");
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(ExitCodes.OK);
        assertThat(both.stderr()).doesNotContain("placeholder");
        JsonNode ic = written();
        assertThat(ic.path("baseDomain").asText()).isEqualTo("flag.acme.io");
        assertThat(ic.path("controlPlane").path("replicas").asInt()).isEqualTo(5);
        // the profile files are untouched
        assertThat(Files.readString(Fixtures.PROFILES.resolve("_base.yaml"))).contains("baseDomain: rhoai.example.com");
    }

    @Test
    void aMisspeltPathIsExit3WithADidYouMean() {
        Cli.Result r = render(Cli.cli(), "--set", "spec.cluster.baseDomian=acme.io");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("error: --set spec.cluster.baseDomian: unknown field 'baseDomian'")
                .contains("hint: did you mean 'baseDomain' (spec.cluster.baseDomain)?").doesNotContain("Exception");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aWrongTypeIsExit3NamingThePath() {
        Cli.Result r = render(Cli.cli(), "--set", "spec.controlPlane.replicas=three");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("error: --set spec.controlPlane.replicas: 'three' must be a whole number");

        Cli.Result mapping = render(Cli.cli(), "--set", "spec.cluster=acme.io");
        assertThat(mapping.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(mapping.stderr()).contains("error: --set spec.cluster: 'acme.io' is a single value, but the field is a mapping");

        Cli.Result noPool = render(Cli.cli(), "--set", "spec.gpuPools[name=nope].maxReplicas=1");
        assertThat(noPool.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noPool.stderr()).contains("error: --set spec.gpuPools[name=nope].maxReplicas: no item named 'nope'");

        Cli.Result notAssignment = render(Cli.cli(), "--set", "spec.cluster.baseDomain");
        assertThat(notAssignment.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(notAssignment.stderr()).contains("is not PATH=VALUE");
    }

    @Test
    void everyCommandThatReadsAProfileTakesSetPromoteAndOptionalProfilesToo() {
        Cli.Result promote = Cli.cli().run("promote", "plan", "--from", "dev", "--to", "prod", "--profiles-dir",
                Fixtures.PROFILES.toString(), "--set", "spec.gitops.repoUrl=https://github.com/me/fork");
        assertThat(promote.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(promote.stdout()).isEmpty();
        assertThat(promote.stderr()).contains("error: --set spec.gitops.repoUrl: unknown field 'repoUrl'")
                .contains("did you mean 'repoURL'");

        Cli.Result certs = Cli.cli().run("certs", "issue", "-c", "dev", "--profiles-dir", Fixtures.PROFILES.toString(),
                "--dns-provider", "manual", "--dry-run", "--state-dir", tmp.resolve("state").toString(),
                "--set", "spec.cluster.baseDomain=ai.acme.io");
        assertThat(certs.exitCode()).as(certs.toString()).isEqualTo(ExitCodes.OK);
        assertThat(certs.stdout()).contains("*.apps.dev.ai.acme.io");
        // the ACME e-mail is certs' own placeholder; the domain is not one any more
        assertThat(certs.stderr()).contains("warning: spec.certificates.email is a placeholder").doesNotContain("baseDomain");
    }

    @Test
    void anOverriddenValueTheValidatorRefusesIsNamedByItsFlag() {
        Cli.Result r = render(Cli.cli(), "--set", "spec.platform.aws.region=mars-1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.stderr()).contains("--set spec.platform.aws.region");
    }

    @Test
    void credentialsInAnOverriddenUrlAreRefusedWithoutQuotingThem() {
        Cli.Result r = render(Cli.cli(), "--set", "spec.gitops.repoURL=https://bot:s3cr3t-pw@github.com/x/y");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.all()).doesNotContain("s3cr3t-pw");
        assertThat(r.stderr()).contains("credentials in the URL are not allowed");
    }

    @Test
    void theRuleRecognisesReservedExampleNamesAndTheWordPlaceholder() {
        assertThat(Placeholders.isPlaceholder("rhoai.example.com")).isTrue();
        assertThat(Placeholders.isPlaceholder("admin@rhoai.example.com")).isTrue();
        assertThat(Placeholders.isPlaceholder("000000000000-placeholder.apps.googleusercontent.com")).isTrue();
        assertThat(Placeholders.isPlaceholder("https://git.corp.test/x")).isTrue();
        assertThat(Placeholders.isPlaceholder("ai.acme.io")).isFalse();
        assertThat(Placeholders.isPlaceholder("https://github.com/rh-aiservices-bu/rhoaibu-cluster")).isFalse();
        assertThat(Placeholders.isPlaceholder("notexample.com")).isFalse();
    }

    /** Overrides are for the --cluster profile: another profile the same command reads (a fleet's hub) is read as written. */
    @Test
    void overridesApplyToTheNamedProfileOnly() {
        ProfileRepository repo = ProfileRepository.of(Fixtures.PROFILES)
                .withOverrides(List.of(ProfileOverride.parse("spec.cluster.baseDomain=acme.io")))
                .overridingOnly("dev");
        assertThat(repo.load("rhoaibu-cluster-dev").profile().spec().cluster().baseDomain()).isEqualTo("acme.io");
        assertThat(repo.load("rhoaibu-cluster-prod").profile().spec().cluster().baseDomain()).isEqualTo("rhoai.example.com");
    }

    /** models commands take the profile through a mixin inside a mixin: their placeholder warnings still reach stderr. */
    @Test
    void modelsCommandsWarnAboutThePlaceholdersTheyUse() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        Cli.Result r = Cli.cli().run("models", "check", "--cluster", "rhoaibu-cluster-dev", "--profiles-dir", Fixtures.PROFILES.toString(),
                "--repo-dir", tmp.toString(), "--models-dir", "models");
        assertThat(r.stderr()).contains("warning: spec.cluster.baseDomain is a placeholder ('rhoai.example.com')")
                .doesNotContain("spec.oauth.google.clientID is a placeholder");
    }
}
