package io.rhoai.kube;

import io.fabric8.kubernetes.client.Config;
import io.rhoai.core.RhoaiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeClientsTest {
    @TempDir Path tmp;

    private Path kubeconfig(String file, String current, String... contexts) throws Exception {
        StringBuilder b = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (String c : contexts) b.append("- name: ").append(c).append("\n  cluster:\n    server: https://").append(c).append(".example.com:6443\n");
        b.append("users:\n- name: u\n  user:\n    token: t0ken\ncontexts:\n");
        for (String c : contexts) b.append("- name: ").append(c).append("\n  context:\n    cluster: ").append(c).append("\n    user: u\n");
        if (current != null) b.append("current-context: ").append(current).append('\n');
        Path p = tmp.resolve(file);
        Files.writeString(p, b.toString());
        return p;
    }

    @Test
    void colonSeparatedKubeconfigUsesTheFirstFileThatSetsCurrentContext() throws Exception {
        Path a = kubeconfig("a", null, "alpha");
        Path b = kubeconfig("b", "beta", "beta");
        String list = a + File.pathSeparator + b;
        Config config = KubeClients.config(new KubeTarget(null, null, Duration.ofSeconds(7), Map.of("KUBECONFIG", list)));
        assertThat(config.getMasterUrl()).startsWith("https://beta.example.com:6443");
        assertThat(config.getRequestTimeout()).isEqualTo(7000);
        assertThat(config.getUserAgent()).isEqualTo("rhoai");
    }

    @Test
    void contextIsFoundInAnyFileAndNoFileIsChanged() throws Exception {
        Path a = kubeconfig("a", "alpha", "alpha");
        Path b = kubeconfig("b", "beta", "beta", "gamma");
        String before = Files.readString(b);
        Config config = KubeClients.config(new KubeTarget(null, "gamma", null, Map.of("KUBECONFIG", a + File.pathSeparator + b)));
        assertThat(config.getMasterUrl()).startsWith("https://gamma.example.com:6443");
        assertThat(Files.readString(b)).isEqualTo(before);
    }

    @Test
    void unknownContextIsInvalidInput() throws Exception {
        Path a = kubeconfig("a", "alpha", "alpha");
        assertThatThrownBy(() -> KubeClients.config(new KubeTarget(a, "nope", null, Map.of())))
                .isInstanceOf(RhoaiException.class).hasMessageContaining("--context: no context 'nope'");
    }

    @Test
    void noKubeconfigAnywhereAndNoClusterIsInvalidInputNamingWhatIsMissing() {
        // HOME without .kube/config, no KUBECONFIG, no KUBERNETES_SERVICE_HOST: fabric8 alone would try kubernetes.default.svc
        assertThatThrownBy(() -> KubeClients.config(new KubeTarget(null, null, null, Map.of("HOME", tmp.toString()))))
                .isInstanceOf(RhoaiException.class)
                .satisfies(e -> assertThat(((RhoaiException) e).kind()).isEqualTo(io.rhoai.core.ErrorKind.INVALID_INPUT))
                .hasMessage("no kubeconfig: --kubeconfig not given, KUBECONFIG not set, " + tmp.resolve(".kube/config")
                        + " does not exist, and not running in a cluster (no service account)")
                .satisfies(e -> assertThat(((RhoaiException) e).hint()).contains("--kubeconfig"));
    }

    @Test
    void homesKubeconfigIsTheDefault() throws Exception {
        Files.createDirectories(tmp.resolve(".kube"));
        Files.move(kubeconfig("a", "alpha", "alpha"), tmp.resolve(".kube/config"));
        Config config = KubeClients.config(new KubeTarget(null, null, null, Map.of("HOME", tmp.toString())));
        assertThat(config.getMasterUrl()).startsWith("https://alpha.example.com:6443");
    }

    @Test
    void aCurrentContextThatDoesNotExistIsRejectedNotReplacedByADefaultServer() throws Exception {
        Path a = kubeconfig("a", "gone", "alpha");
        assertThatThrownBy(() -> KubeClients.config(new KubeTarget(a, null, null, Map.of())))
                .isInstanceOf(RhoaiException.class)
                .hasMessage("kubeconfig " + a + ": current-context 'gone' is not one of its contexts");
        Path b = kubeconfig("b", null, "alpha");
        assertThatThrownBy(() -> KubeClients.config(new KubeTarget(b, null, null, Map.of())))
                .hasMessage("kubeconfig " + b + " sets no current-context");
    }
}
