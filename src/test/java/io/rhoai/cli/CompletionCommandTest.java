package io.rhoai.cli;

import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The completion script completes values: profiles, catalogs, closed sets, duration examples. */
class CompletionCommandTest {
    @TempDir Path tmp;

    @Test
    void theBashScriptCompletesValuesFromCatalogsAndClosedSets() {
        Cli.Result r = Cli.cli().run("completion", "bash");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        String script = r.stdout();
        // picocli writes each option's candidates as a word list in the function of its command
        assertThat(function(script, "_picocli_rhoai_gpu_pools_add"))
                .contains("\"g4dn.2xlarge\"").contains("\"g6e.12xlarge\"").contains("(\"shared\" \"private\") # --access")
                .contains("(\"rhoaibu-cluster-dev\" \"rhoaibu-cluster-prod\") # --cluster");
        assertThat(function(script, "_picocli_rhoai_certs_issue")).contains("(\"route53\" \"rfc2136\" \"manual\") # --dns-provider")
                .contains("(\"ec-p256\" \"rsa-2048\" \"rsa-4096\") # --key-type")
                .contains("(\"letsencrypt\" \"letsencrypt-staging\") # --acme-server");
        assertThat(function(script, "_picocli_rhoai_gitops_bootstrap")).contains("(\"watch\" \"poll\") # --wait-mode")
                .contains("(\"client\" \"server\") # --dry-run").contains("\"1h30m\"").contains("# --timeout values");
        assertThat(function(script, "_picocli_rhoai_promote_plan")).contains("(\"rhoaibu-cluster-dev\" \"rhoaibu-cluster-prod\") # --from");
        assertThat(function(script, "_picocli_rhoai_version")).contains("(\"text\" \"json\" \"yaml\") # --output");
    }

    @Test
    void profileNamesComeFromTheProfilesDirectorySeenWhenTheScriptIsWritten() throws Exception {
        Files.writeString(tmp.resolve("lab-cluster-qa.yaml"), "apiVersion: rhoai.io/v1alpha1\n");
        Files.writeString(tmp.resolve("_base.yaml"), "apiVersion: rhoai.io/v1alpha1\n");
        Cli.Result r = Cli.cli().env("RHOAI_PROFILES_DIR", tmp.toString()).run("completion", "zsh");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("#compdef rhoai\n");
        assertThat(function(r.stdout(), "_picocli_rhoai_certs_status")).contains("(\"lab-cluster-qa\") # --cluster")
                .doesNotContain("_base").doesNotContain("rhoaibu-cluster-prod");
    }

    /** The text of one generated bash function. */
    private static String function(String script, String name) {
        int start = script.indexOf("function " + name + "()");
        assertThat(start).as(name).isNotNegative();
        int end = script.indexOf("\n}\n", start);
        return script.substring(start, end);
    }
}
