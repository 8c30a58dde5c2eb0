package io.rhoai.cli;

import io.rhoai.certs.install.TestPki;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.testing.Cli;
import io.rhoai.testing.PlatformFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 10: every command that writes to a cluster reads the cluster's identity first (one request) and refuses,
 * exit 4, when the kube context is not the profile's cluster; dry runs included. The cluster here is dev.example.test
 * (PlatformFixture's Infrastructure object); the profile "wrong-cluster" is prod.example.test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterCheckTest {
    Path tmp;
    PlatformFixture platform;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("rhoai-cluster-check");
        platform = new PlatformFixture(tmp);
        TestPki.Issued c = platform.pki.issue(Duration.ofDays(90), "*.apps.prod.example.test", "api.prod.example.test");
        new CertificateStore(platform.stateDir).save("wrong-cluster", c.chain(), c.key());
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    @BeforeEach
    void clear() {
        platform.cluster.rhoaiRequests.clear();
    }

    List<String> args(String command) {
        List<String> a = new ArrayList<>(List.of(command.split(" ")));
        a.addAll(List.of("--cluster", "wrong-cluster", "--profiles-dir", platform.profiles.toString(), "--kubeconfig", platform.kubeconfig.toString()));
        if (command.startsWith("certs")) a.addAll(List.of("--ingress-endpoint", platform.cluster.router.endpoint(), "--api-endpoint", platform.cluster.api.endpoint()));
        if (command.startsWith("certs install") || command.startsWith("certs renew")) a.addAll(List.of("--state-dir", platform.stateDir.toString()));
        if (command.startsWith("gpu pools remove")) a.addAll(List.of("--pool", "t4-shared"));
        if (command.startsWith("oauth remove-kubeadmin")) a.add("--confirm");
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gitops bootstrap", "gitops bootstrap --dry-run=server", "oauth google", "oauth grant-admin",
            "oauth remove-kubeadmin", "certs install", "certs rollback", "certs renew", "gpu pools add", "gpu pools add --dry-run",
            "gpu pools remove"})
    void aWriteToAnotherClusterIsRefusedAfterOneRead(String command) {
        Cli.Result r = platform.cli().run(args(command).toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("error: wrong cluster: profile wrong-cluster is https://api.prod.example.test:6443")
                .contains("https://api.dev.example.test:6443").contains("hint: ").contains("--skip-cluster-check");
        assertThat(platform.cluster.rhoaiRequests).containsExactly("GET /apis/config.openshift.io/v1/infrastructures/cluster");
    }

    @Test
    void skippingTheCheckSaysSo() {
        List<String> a = args("oauth grant-admin");
        a.addAll(List.of("--skip-cluster-check", "--dry-run"));
        Cli.Result r = platform.cli().run(a.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("cluster identity not checked (--skip-cluster-check)");
        assertThat(platform.cluster.rhoaiWrites()).isEmpty();
    }

    @Test
    void withoutAProfileThereIsNothingToCompareAndAWarningSaysHowToHaveItChecked() {
        Cli.Result r = platform.cli().run("gpu", "pools", "remove", "--pool", "nothing-here", "--kubeconfig", platform.kubeconfig.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("cluster identity not checked: no profile to compare with; pass --cluster PROFILE");
    }
}
