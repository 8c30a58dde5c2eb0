package io.rhoai.fleet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rhoai.kube.Kinds;
import io.rhoai.testing.ApplyingCrudDispatcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated cluster for the fleet tests: fabric8's mock server with {@link ApplyingCrudDispatcher} (server-side apply
 * with field ownership; no admission, no RBAC, no token controller of its own: {@link #issueTokens} stands in for it),
 * and a kubeconfig pointing at it. The hub holds the Applications {@code fleet render}'s ApplicationSets would
 * generate, with the statuses the tests choose; there is no ApplicationSet controller.
 */
public final class FleetHub implements AutoCloseable {
    public static final String SIM_AGENT = "simulation";
    public final ApplyingCrudDispatcher dispatcher = new ApplyingCrudDispatcher();
    public final KubernetesMockServer server;
    /** A client for seeding and reading; its requests carry the User-Agent {@value #SIM_AGENT}, rhoai's "rhoai". */
    public final KubernetesClient sim;

    public FleetHub() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        sim = server.createClient(b -> b.editOrNewConfig().withUserAgent(SIM_AGENT).endConfig());
    }

    /** The token controller: a service-account-token Secret gets data.token and data.ca.crt on its first write. */
    public FleetHub issueTokens(String token, String caPem) {
        dispatcher.defaulting("Secret", s -> {
            if ("kubernetes.io/service-account-token".equals(s.path("type").asText()) && !s.path("data").has("token")) {
                var data = s.has("data") ? (com.fasterxml.jackson.databind.node.ObjectNode) s.get("data") : s.putObject("data");
                data.put("token", java.util.Base64.getEncoder().encodeToString(token.getBytes()));
                data.put("ca.crt", java.util.Base64.getEncoder().encodeToString(caPem.getBytes()));
            }
            return s;
        });
        return this;
    }

    /** Infrastructure/cluster saying this is api.{cluster}.{baseDomain}:6443, read by the cluster identity check. */
    public FleetHub infrastructure(String cluster, String baseDomain) {
        io.rhoai.testing.Infrastructures.create(sim, cluster, baseDomain);
        return this;
    }

    public FleetHub namespace(String name) {
        GenericKubernetesResource ns = new GenericKubernetesResource();
        ns.setApiVersion("v1");
        ns.setKind("Namespace");
        ns.setMetadata(new ObjectMetaBuilder().withName(name).build());
        sim.genericKubernetesResources(Kinds.NAMESPACE).resource(ns).create();
        return this;
    }

    /** An Application as fleet render's ApplicationSet generates it for {@code member}, with a status. */
    public void application(String member, String ring, String revision, String overlay, String sync, String health, String syncedSha) {
        application(member, ring, FleetFixture.REPO, revision, overlay, sync, health, syncedSha);
    }

    public void application(String member, String ring, String repoURL, String revision, String overlay, String sync, String health, String syncedSha) {
        GenericKubernetesResource app = new GenericKubernetesResource();
        app.setApiVersion("argoproj.io/v1alpha1");
        app.setKind("Application");
        app.setMetadata(new ObjectMetaBuilder().withName("fleet-" + member).withNamespace(Fleet.ARGOCD_NAMESPACE)
                .withLabels(Map.of(Fleet.MEMBER_LABEL, member, Fleet.RING_LABEL, ring)).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", "cluster-config");
        spec.put("source", Map.of("repoURL", repoURL, "targetRevision", revision, "path", overlay));
        spec.put("destination", Map.of("name", member, "namespace", Fleet.ARGOCD_NAMESPACE));
        app.setAdditionalProperty("spec", spec);
        app.setAdditionalProperty("status", Map.of("sync", Map.of("status", sync, "revision", syncedSha),
                "health", Map.of("status", health)));
        sim.genericKubernetesResources(Kinds.APPLICATION).inNamespace(Fleet.ARGOCD_NAMESPACE).resource(app).create();
    }

    /** A kubeconfig for this server, with a CA in it when {@code caPem} is not null. */
    public Path kubeconfig(Path dir, String name, String caPem) throws IOException {
        String url = server.url("/").replaceAll("/$", "");
        String ca = caPem == null ? "" : "\n    certificate-authority-data: " + java.util.Base64.getEncoder().encodeToString(caPem.getBytes());
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s%3$s
                users:
                - name: %1$s-admin
                  user:
                    token: %1$s-admin-token-0123456789
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-admin
                current-context: %1$s
                """.formatted(name, url, ca);
        Path file = dir.resolve(name + ".kubeconfig");
        Files.writeString(file, text);
        return file;
    }

    /** rhoai's requests since the last {@link ApplyingCrudDispatcher#clearRecorded()}. */
    public int rhoaiRequests() {
        return dispatcher.requestsFrom("rhoai").size();
    }

    @Override
    public void close() {
        sim.close();
        server.destroy();
    }
}
