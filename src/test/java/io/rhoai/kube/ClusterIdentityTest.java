package io.rhoai.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.testing.ApplyingCrudDispatcher;
import io.rhoai.testing.Infrastructures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity check on fabric8's CRUD mock server: one request, Infrastructure first, the kube context's URL without it. */
class ClusterIdentityTest {
    final ApplyingCrudDispatcher store = new ApplyingCrudDispatcher();
    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), store, false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void theInfrastructureObjectSaysWhichClusterItIsInOneRequest() {
        Infrastructures.create(client, "dev", "example.com");
        store.clearRecorded();
        ClusterIdentity.Identity id = ClusterIdentity.verify(client, "p", "dev", "example.com", Deadline.in(Duration.ofSeconds(10)));
        assertThat(id.apiServerURL()).isEqualTo("https://api.dev.example.com:6443");
        assertThat(id.infrastructureName()).isEqualTo("dev-x7k2p");
        assertThat(id.platform()).isEqualTo("AWS");
        assertThat(id.source()).isEqualTo(ClusterIdentity.FROM_INFRASTRUCTURE);
        assertThat(store.requests()).hasSize(1);
        assertThat(store.requests().get(0).path()).endsWith("/apis/config.openshift.io/v1/infrastructures/cluster");
    }

    @Test
    void anotherClusterIsRefusedNamingBoth() {
        Infrastructures.create(client, "prod", "example.com");
        assertThatThrownBy(() -> ClusterIdentity.verify(client, "rhoaibu-cluster-dev", "dev", "example.com", Deadline.in(Duration.ofSeconds(10))))
                .isInstanceOf(RhoaiException.class)
                .satisfies(e -> assertThat(((RhoaiException) e).kind()).isEqualTo(ErrorKind.PRECONDITION))
                .hasMessageContaining("profile rhoaibu-cluster-dev is https://api.dev.example.com:6443")
                .hasMessageContaining("https://api.prod.example.com:6443").hasMessageContaining("prod-x7k2p");
    }

    @Test
    void withoutTheKindTheKubeContextsServerStandsForIt() {
        ClusterIdentity.Identity id = ClusterIdentity.read(client, Deadline.in(Duration.ofSeconds(10)));
        assertThat(id.source()).isEqualTo(ClusterIdentity.FROM_KUBECONFIG);
        assertThat(id.apiServerURL()).isEqualTo(server.url("/").replaceAll("/$", ""));
        assertThat(store.requests()).hasSize(1);
    }

    @Test
    void hostsCompareCaseInsensitivelyAndPortsExactly() {
        assertThat(ClusterIdentity.sameEndpoint("https://API.Dev.Example.com:6443/", "https://api.dev.example.com:6443")).isTrue();
        assertThat(ClusterIdentity.sameEndpoint("https://api.dev.example.com:443", "https://api.dev.example.com:6443")).isFalse();
        assertThat(ClusterIdentity.sameEndpoint("https://api.dev.example.com.evil.test:6443", "https://api.dev.example.com:6443")).isFalse();
        assertThat(ClusterIdentity.sameEndpoint("not a url", "https://api.dev.example.com:6443")).isFalse();
    }

    @Test
    void aProfileWithoutNameOrBaseDomainCannotBeCheckedAndSaysHowToGoOn() {
        assertThatThrownBy(() -> ClusterIdentity.verify(client, "p", null, "example.com", Deadline.in(Duration.ofSeconds(10))))
                .hasMessageContaining("spec.cluster.name and spec.cluster.baseDomain")
                .satisfies(e -> assertThat(((RhoaiException) e).hint()).contains("--skip-cluster-check"));
    }
}
