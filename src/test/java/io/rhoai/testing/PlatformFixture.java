package io.rhoai.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.rhoai.certs.install.FakeOpenShift;
import io.rhoai.certs.install.TestPki;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.gitops.SimulatedCluster;
import io.rhoai.kube.Kinds;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole installed cluster for {@code rhoai bootstrap} and {@code rhoai status}, on ONE mock server with
 * {@link ApplyingCrudDispatcher} (server-side apply ownership) as its store:
 * <ul>
 *   <li>the certificates' {@link FakeOpenShift} (IngressController, APIServer, router and API server rollouts, loopback TLS
 *       servers, Infrastructure/cluster for dev.example.test), whose request log counts rhoai's requests only;</li>
 *   <li>the GitOps tests' {@link SimulatedCluster} attached to the same server (OLM installs the operator, Argo CD
 *       Applications turn Synced/Healthy);</li>
 *   <li>the installer's three worker MachineSets, a ClusterAutoscaler, OAuth/cluster with no provider, ClusterVersion;</li>
 *   <li>a test PKI standing for the ACME CA, with a certificate already stored and not due, so the certificates stage
 *       issues nothing (ACME is covered by the Pebble tests) and installs and verifies on the wire for real.</li>
 * </ul>
 * Not modelled: real nodes and pods, Argo CD reading git, the authentication operator's rollout, admission.
 */
public final class PlatformFixture implements AutoCloseable {
    public static final String PROFILE = "test-platform";
    public static final String NS = "openshift-machine-api";

    public final Path dir;
    public final ApplyingCrudDispatcher store = new ApplyingCrudDispatcher().defaulting("MachineSet", ms -> {
        if (!ms.path("spec").has("replicas")) ms.with("spec").put("replicas", 1);
        return ms;
    });
    public final FakeOpenShift cluster;
    public final SimulatedCluster gitops;
    public final TestPki pki = new TestPki("Test Root X1", "Test R11");
    public final Path stateDir;
    public final Path profiles;
    public final Path kubeconfig;

    public PlatformFixture(Path dir) throws Exception {
        this.dir = dir;
        cluster = new FakeOpenShift("dev", "example.test", store);
        gitops = SimulatedCluster.attach(SimulatedCluster.Behaviour.healthy(), cluster.server);
        stateDir = dir.resolve("state");
        profiles = writeProfiles();
        kubeconfig = cluster.kubeconfig(dir, List.of(pki.root));
        seed();
        cluster.rhoaiRequests.clear();
    }

    private void seed() throws Exception {
        var admin = cluster.admin;
        for (String i : List.of("0", "1", "2")) {
            try (InputStream in = getClass().getResourceAsStream("/installer/rhoaibu-cluster-dev/openshift/99_openshift-cluster-api_worker-machineset-" + i + ".yaml")) {
                GenericKubernetesResource ms = Mappers.yaml().readValue(in, GenericKubernetesResource.class);
                ms.getMetadata().setCreationTimestamp(null);
                admin.genericKubernetesResources(Kinds.MACHINE_SET).inNamespace(NS).resource(ms).create();
            }
        }
        admin.genericKubernetesResources(Kinds.CLUSTER_AUTOSCALER).resource(Mappers.yaml().readValue("""
                apiVersion: autoscaling.openshift.io/v1
                kind: ClusterAutoscaler
                metadata:
                  name: default
                spec:
                  resourceLimits:
                    maxNodesTotal: 24
                """, GenericKubernetesResource.class)).create();
        admin.genericKubernetesResources(Kinds.OAUTH).resource(Mappers.yaml().readValue("""
                apiVersion: config.openshift.io/v1
                kind: OAuth
                metadata:
                  name: cluster
                spec: {}
                """, GenericKubernetesResource.class)).create();
        GenericKubernetesResource cv = Mappers.yaml().readValue("""
                apiVersion: config.openshift.io/v1
                kind: ClusterVersion
                metadata:
                  name: version
                spec:
                  channel: stable-4.18
                """, GenericKubernetesResource.class);
        cv = admin.genericKubernetesResources(Kinds.CLUSTER_VERSION).resource(cv).create();
        cv.setAdditionalProperty("status", Map.of("desired", Map.of("version", "4.18.3")));
        admin.genericKubernetesResources(Kinds.CLUSTER_VERSION).resource(cv).updateStatus();
        // a certificate issued by the test CA, valid for 90 days: not due, so the certificates stage installs it only
        TestPki.Issued issued = pki.issue(Duration.ofDays(90), "*.apps.dev.example.test", "api.dev.example.test");
        new CertificateStore(stateDir).save(PROFILE, issued.chain(), issued.key());
    }

    /** kubeadmin as the installer leaves it. */
    public void addKubeadmin() {
        cluster.admin.secrets().inNamespace("kube-system").resource(new SecretBuilder().withNewMetadata().withName("kubeadmin")
                .withNamespace("kube-system").endMetadata().withData(Map.of("kubeadmin", "c2VjcmV0")).build()).create();
    }

    private Path writeProfiles() throws Exception {
        Path p = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(p.resolve(PROFILE + ".yaml"), profile(PROFILE, "dev", true));
        Files.writeString(p.resolve("wrong-cluster.yaml"), profile("wrong-cluster", "prod", true));
        Files.writeString(p.resolve("bare.yaml"), profile("bare", "dev", false));
        return p;
    }

    private static String profile(String name, String cluster, boolean full) {
        String base = """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: %s
                spec:
                  cluster:
                    name: %s
                    baseDomain: example.test
                  platform:
                    aws:
                      region: us-west-2
                      zones: [a, b, c]
                  controlPlane:
                    instanceType: m6i.4xlarge
                    replicas: 3
                  compute:
                    instanceType: m6i.4xlarge
                    replicas: 3
                  networking:
                    networkType: OVNKubernetes
                    clusterNetwork:
                      - cidr: 10.128.0.0/14
                        hostPrefix: 23
                    machineNetwork:
                      - cidr: 10.0.0.0/16
                    serviceNetwork:
                      - 172.30.0.0/16
                  publish: External
                """.formatted(name, cluster);
        if (!full) return base;
        return base + """
                  gpuPools:
                    - name: t4-shared
                      instanceType: g4dn.2xlarge
                      access: SHARED
                      zones: [b]
                      minReplicas: 0
                      maxReplicas: 2
                  gitops:
                    repoURL: https://git.example.test/platform/cluster-config.git
                    revision: dev
                    overlayPath: clusters/overlays/%s
                    promotion: branch
                  oauth:
                    google:
                      providerName: RedHat-Google-Auth
                      clientID: 1234-test.apps.googleusercontent.com
                      hostedDomain: redhat.com
                      mappingMethod: claim
                    admins:
                      users: [jane@redhat.com]
                  certificates:
                    email: platform@example.test
                    renewBefore: 30d
                    dns:
                      provider: manual
                """.formatted(name);
    }

    /** The CLI arguments every cluster command of these tests takes. */
    public List<String> args(String... command) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of("--profiles-dir", profiles.toString(), "--kubeconfig", kubeconfig.toString(),
                "--ingress-endpoint", cluster.router.endpoint(), "--api-endpoint", cluster.api.endpoint(),
                "--state-dir", stateDir.toString()));
        return a;
    }

    public Cli cli() {
        return Cli.cli().env("HOME", dir.toString()).env("RHOAI_GOOGLE_CLIENT_SECRET", "GOCSPX-test-client-secret");
    }

    @Override
    public void close() throws Exception {
        gitops.close();
        cluster.close();
    }
}
