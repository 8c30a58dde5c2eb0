package io.rhoai.gitops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Kinds;
import io.rhoai.testing.ApplyingCrudDispatcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster for bootstrap tests: fabric8's CRUD mock server (with the server-side-apply stand-in of
 * {@link ApplyingCrudDispatcher}) and a small simulated OLM + GitOps operator that reacts the way the real ones do:
 * <ul>
 *   <li>a Subscription gets an InstallPlan (approved when the Subscription says Automatic) and status.currentCSV;</li>
 *   <li>an approved InstallPlan gets its CSV, phase Installing, which turns Succeeded after {@code csvDelay}
 *       (never, when {@code csvSucceeds} is false: the "operator never becomes ready" case);</li>
 *   <li>a Succeeded CSV registers the Argo CD CRDs (read from ../shared/schemas/argocd*), marks them Established and
 *       creates the namespace openshift-gitops;</li>
 *   <li>the ArgoCD instance openshift-gitops is marked Available and its server Route is created;</li>
 *   <li>the root Application "generates" child Applications; every Application reports Synced/Healthy.</li>
 * </ul>
 * Not simulated: catalog resolution, upgrades, real pods, Argo CD actually reading git.
 * The simulator's requests carry User-Agent "simulated-olm", so tests can count rhoai's alone ("rhoai").
 */
public final class SimulatedCluster implements AutoCloseable {
    static final String CSV_NAME = "openshift-gitops-operator.v1.15.1";
    static final String CSV_VERSION = "1.15.1";
    static final String ROUTE_HOST = "openshift-gitops-server-openshift-gitops.apps.dev.example.com";
    static final String SIM_AGENT = "simulated-olm";
    private static final Map<String, GenericKubernetesResource> CRD_CACHE = new ConcurrentHashMap<>();

    /** How the simulated operator behaves. */
    /** {@code degradedApp}: a child Application that reports Degraded for good (null: none). */
    public record Behaviour(boolean csvSucceeds, Duration csvDelay, List<String> childApps, Duration tick, String degradedApp) {
        public static Behaviour healthy() {
            return new Behaviour(true, Duration.ofMillis(50), List.of("config-namespaces", "instance-rhoai"), Duration.ofMillis(10), null);
        }

        Behaviour csvNeverSucceeds() {
            return new Behaviour(false, csvDelay, childApps, tick, degradedApp);
        }

        Behaviour withCsvDelay(Duration d) {
            return new Behaviour(csvSucceeds, d, childApps, tick, degradedApp);
        }

        Behaviour withDegradedApp(String name) {
            return new Behaviour(csvSucceeds, csvDelay, childApps, tick, name);
        }
    }

    final ApplyingCrudDispatcher dispatcher = new ApplyingCrudDispatcher();
    final KubernetesMockServer server;
    final KubernetesClient sim;
    private final Behaviour behaviour;
    private final Thread loop;
    private volatile boolean running = true;
    private final Map<String, Long> installingSince = new ConcurrentHashMap<>();
    /** System.nanoTime() when the CSV was moved to Succeeded; 0 before. */
    final AtomicLong csvSucceededAt = new AtomicLong();
    private final List<GenericKubernetesResource> argoCrds;

    /** Set when this simulation runs on a server someone else owns (and closes). */
    private final boolean attached;

    SimulatedCluster(Behaviour behaviour) {
        this(behaviour, null);
    }

    /**
     * The OLM + GitOps simulation on {@code external} (another fixture's mock server, e.g. the certificates' FakeOpenShift,
     * for whole-platform tests), or on a server of its own when null. Attached, it does not seed the Infrastructure
     * object (the owner does) and does not destroy the server.
     */
    private SimulatedCluster(Behaviour behaviour, KubernetesMockServer external) {
        this.behaviour = behaviour;
        this.attached = external != null;
        this.argoCrds = List.of(crd(Kinds.ARGOCD), crd(Kinds.APPLICATION), crd(Kinds.APP_PROJECT), crd(Kinds.APPLICATION_SET));
        if (external == null) {
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
            server.init();
        } else {
            server = external;
        }
        sim = server.createClient(b -> b.editOrNewConfig().withUserAgent(SIM_AGENT).endConfig());
        if (!attached) io.rhoai.testing.Infrastructures.create(sim, "dev", "example.com");   // TestProfiles.DEV's cluster
        seed();
        loop = new Thread(this::runLoop, "simulated-olm");
        loop.setDaemon(true);
        loop.start();
    }

    static SimulatedCluster start(Behaviour behaviour) {
        return new SimulatedCluster(behaviour);
    }

    /** The simulated OLM and GitOps operator, running against another fixture's server. */
    public static SimulatedCluster attach(Behaviour behaviour, KubernetesMockServer server) {
        return new SimulatedCluster(behaviour, server);
    }

    /** A kubeconfig pointing at the mock server (token auth, as after `oc login`). */
    Path kubeconfig(Path dir) throws IOException {
        String url = server.url("/").replaceAll("/$", "");
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sim
                  cluster:
                    server: %s
                users:
                - name: admin
                  user:
                    token: sim-token
                contexts:
                - name: sim-admin
                  context:
                    cluster: sim
                    user: admin
                current-context: sim-admin
                """.formatted(url);
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, text);
        return file;
    }

    /**
     * The CRD the operator would install, built from the kind's names and scope. The mock never validates against a
     * CRD's schema, so an open schema is all it needs; the upstream schemas are checked by BootstrapManifestsTest, and
     * this simulation needs no ../shared.
     */
    private static GenericKubernetesResource crd(ResourceDefinitionContext kind) {
        return CRD_CACHE.computeIfAbsent(kind.getPlural() + "." + kind.getGroup(), name -> {
            GenericKubernetesResource crd = object(Kinds.CRD, null, name);
            crd.setAdditionalProperty("spec", Map.of("group", kind.getGroup(),
                    "names", Map.of("kind", kind.getKind(), "plural", kind.getPlural(), "singular", kind.getKind().toLowerCase(),
                            "listKind", kind.getKind() + "List"),
                    "scope", kind.isNamespaceScoped() ? "Namespaced" : "Cluster",
                    "versions", List.of(Map.of("name", kind.getVersion(), "served", true, "storage", true,
                            // as upstream: Application and AppProject have no status subresource, ArgoCD and ApplicationSet do
                            "subresources", kind == Kinds.APPLICATION || kind == Kinds.APP_PROJECT ? Map.of() : Map.of("status", Map.of()),
                            "schema", Map.of("openAPIV3Schema", Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true))))));
            return crd;
        });
    }

    /** What exists before rhoai runs: the marketplace's PackageManifest. */
    private void seed() {
        GenericKubernetesResource pm = object(Kinds.PACKAGE_MANIFEST, GitOpsNames.MARKETPLACE, GitOpsNames.PACKAGE);
        pm.setAdditionalProperty("status", Map.of("packageName", GitOpsNames.PACKAGE, "defaultChannel", "latest",
                "catalogSource", "redhat-operators",
                "channels", List.of(Map.of("name", "latest", "currentCSV", CSV_NAME), Map.of("name", "gitops-1.15", "currentCSV", CSV_NAME))));
        sim.genericKubernetesResources(Kinds.PACKAGE_MANIFEST).inNamespace(GitOpsNames.MARKETPLACE).resource(pm).create();
    }

    /** An install made by someone else: Subscription in openshift-operators and a ready ArgoCD instance (adopt case). */
    void preinstallForeignGitOps() {
        GenericKubernetesResource sub = object(Kinds.SUBSCRIPTION, "openshift-operators", "openshift-gitops-operator");
        sub.setAdditionalProperty("spec", new LinkedHashMap<>(Map.of("name", GitOpsNames.PACKAGE, "channel", "gitops-1.15",
                "source", "redhat-operators", "sourceNamespace", "openshift-marketplace", "installPlanApproval", "Automatic")));
        sim.genericKubernetesResources(Kinds.SUBSCRIPTION).inNamespace("openshift-operators").resource(sub).create();
    }

    static GenericKubernetesResource object(ResourceDefinitionContext kind, String namespace, String name) {
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion(Kinds.apiVersion(kind));
        o.setKind(kind.getKind());
        o.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        return o;
    }

    private void runLoop() {
        while (running) {
            try {
                reconcile();
            } catch (RuntimeException e) {
                // the next tick retries; a simulated operator, like a real one, does not give up
            }
            try {
                Thread.sleep(behaviour.tick().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void reconcile() {
        for (GenericKubernetesResource sub : sim.genericKubernetesResources(Kinds.SUBSCRIPTION).inAnyNamespace().list().getItems()) {
            if (Fields.text(sub, "status", "installPlanRef", "name") == null && Fields.text(sub, "status", "installedCSV") == null) {
                createInstallPlan(sub);
            }
        }
        for (GenericKubernetesResource ip : sim.genericKubernetesResources(Kinds.INSTALL_PLAN).inAnyNamespace().list().getItems()) {
            if (Boolean.TRUE.equals(Fields.at(ip, "spec", "approved")) && !"Complete".equals(Fields.text(ip, "status", "phase"))) {
                installCsv(ip);
            }
        }
        for (GenericKubernetesResource csv : sim.genericKubernetesResources(Kinds.CSV).inAnyNamespace().list().getItems()) {
            if ("Installing".equals(Fields.text(csv, "status", "phase")) && behaviour.csvSucceeds()) {
                long since = installingSince.computeIfAbsent(key(csv), k -> System.nanoTime());
                if (System.nanoTime() - since >= behaviour.csvDelay().toNanos()) succeed(csv);
            }
        }
        if (csvSucceededAt.get() != 0) {
            reconcileArgoCd();
            reconcileApplications();
        }
    }

    private void createInstallPlan(GenericKubernetesResource sub) {
        String ns = sub.getMetadata().getNamespace();
        String approval = String.valueOf(Fields.text(sub, "spec", "installPlanApproval"));
        String planName = "install-" + Integer.toHexString(sub.getMetadata().getName().hashCode() & 0xfffff);
        GenericKubernetesResource ip = object(Kinds.INSTALL_PLAN, ns, planName);
        ip.setAdditionalProperty("spec", Map.of("approval", approval, "approved", "Automatic".equals(approval),
                "clusterServiceVersionNames", List.of(CSV_NAME)));
        sim.genericKubernetesResources(Kinds.INSTALL_PLAN).inNamespace(ns).resource(ip).create();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", "UpgradePending");
        status.put("currentCSV", CSV_NAME);
        status.put("installPlanRef", Map.of("apiVersion", "operators.coreos.com/v1alpha1", "kind", "InstallPlan", "name", planName, "namespace", ns));
        status.put("installplan", Map.of("apiVersion", "operators.coreos.com/v1alpha1", "kind", "InstallPlan", "name", planName));
        setStatus(Kinds.SUBSCRIPTION, sub, status);
    }

    private void installCsv(GenericKubernetesResource ip) {
        String ns = ip.getMetadata().getNamespace();
        if (sim.genericKubernetesResources(Kinds.CSV).inNamespace(ns).withName(CSV_NAME).get() == null) {
            GenericKubernetesResource csv = object(Kinds.CSV, ns, CSV_NAME);
            csv.setAdditionalProperty("spec", Map.of("version", CSV_VERSION, "displayName", "Red Hat OpenShift GitOps"));
            csv.setAdditionalProperty("status", Map.of("phase", "Installing", "reason", "InstallWaiting",
                    "message", "installing: waiting for deployment openshift-gitops-operator-controller-manager to become ready"));
            sim.genericKubernetesResources(Kinds.CSV).inNamespace(ns).resource(csv).create();
        }
        setStatus(Kinds.INSTALL_PLAN, ip, Map.of("phase", "Complete"));
    }

    private void succeed(GenericKubernetesResource csv) {
        String ns = csv.getMetadata().getNamespace();
        for (GenericKubernetesResource crd : argoCrds) {
            if (sim.genericKubernetesResources(Kinds.CRD).withName(crd.getMetadata().getName()).get() == null) {
                GenericKubernetesResource copy = io.fabric8.kubernetes.client.utils.Serialization.clone(crd);
                copy.setAdditionalProperty("status", Map.of("conditions", List.of(
                        Map.of("type", "NamesAccepted", "status", "True"), Map.of("type", "Established", "status", "True"))));
                sim.genericKubernetesResources(Kinds.CRD).resource(copy).create();
            }
        }
        if (sim.genericKubernetesResources(Kinds.NAMESPACE).withName(GitOpsNames.ARGOCD_NAMESPACE).get() == null) {
            sim.genericKubernetesResources(Kinds.NAMESPACE).resource(object(Kinds.NAMESPACE, null, GitOpsNames.ARGOCD_NAMESPACE)).create();
        }
        for (GenericKubernetesResource sub : sim.genericKubernetesResources(Kinds.SUBSCRIPTION).inNamespace(ns).list().getItems()) {
            Map<String, Object> status = new LinkedHashMap<>(statusOf(sub));
            status.put("state", "AtLatestKnown");
            status.put("installedCSV", CSV_NAME);
            setStatus(Kinds.SUBSCRIPTION, sub, status);
        }
        csvSucceededAt.compareAndSet(0, System.nanoTime());
        setStatus(Kinds.CSV, csv, Map.of("phase", "Succeeded", "reason", "InstallSucceeded", "message", "install strategy completed with no errors"));
    }

    private void reconcileArgoCd() {
        var argo = sim.genericKubernetesResources(Kinds.ARGOCD).inNamespace(GitOpsNames.ARGOCD_NAMESPACE).withName(GitOpsNames.ARGOCD_NAME);
        GenericKubernetesResource instance = argo.get();
        if (instance == null || "Available".equals(Fields.text(instance, "status", "phase"))) return;
        instance.setAdditionalProperty("status", Map.of("phase", "Available", "server", "Running", "host", ROUTE_HOST));
        argo.updateStatus(instance);
        GenericKubernetesResource route = object(Kinds.ROUTE, GitOpsNames.ARGOCD_NAMESPACE, GitOpsNames.SERVER_ROUTE);
        route.setAdditionalProperty("spec", Map.of("host", ROUTE_HOST, "to", Map.of("kind", "Service", "name", "openshift-gitops-server"),
                "tls", Map.of("termination", "edge", "insecureEdgeTerminationPolicy", "Redirect")));
        var routes = sim.genericKubernetesResources(Kinds.ROUTE).inNamespace(GitOpsNames.ARGOCD_NAMESPACE);
        if (routes.withName(GitOpsNames.SERVER_ROUTE).get() == null) routes.resource(route).create();
    }

    private void reconcileApplications() {
        var apps = sim.genericKubernetesResources(Kinds.APPLICATION).inNamespace(GitOpsNames.ARGOCD_NAMESPACE);
        List<GenericKubernetesResource> list = apps.list().getItems();
        List<String> names = new ArrayList<>(list.stream().map(a -> a.getMetadata().getName()).toList());
        boolean hasRoot = list.stream().anyMatch(a -> a.getMetadata().getLabels() != null && "rhoai".equals(a.getMetadata().getLabels().get("app.kubernetes.io/managed-by")));
        if (hasRoot) {
            boolean generated = false;
            for (String child : behaviour.childApps()) {
                if (names.contains(child)) continue;
                generated = true;
                GenericKubernetesResource app = object(Kinds.APPLICATION, GitOpsNames.ARGOCD_NAMESPACE, child);
                app.setAdditionalProperty("spec", Map.of("project", "cluster-config",
                        "source", Map.of("repoURL", "https://example.com/cluster.git", "path", "components/" + child, "targetRevision", "dev"),
                        "destination", Map.of("server", "https://kubernetes.default.svc")));
                apps.resource(app).create();
            }
            // like Argo CD, the root reports Synced only after a sync that generated its children: not in the same tick,
            // so a reader never sees a Synced root without its children (a load-dependent race otherwise)
            if (generated) return;
        }
        for (GenericKubernetesResource app : list) {
            if (Fields.text(app, "status", "health", "status") != null) continue;
            boolean degraded = app.getMetadata().getName().equals(behaviour.degradedApp());
            app.setAdditionalProperty("status", Map.of("sync", Map.of("status", "Synced", "revision", "5bd40fc0aa1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"),
                    "health", degraded ? Map.of("status", "Degraded", "message", "Deployment rhods-operator: 0/1 ready")
                            : Map.of("status", "Healthy")));
            apps.resource(app).update();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusOf(GenericKubernetesResource o) {
        Object s = o.getAdditionalProperties().get("status");
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private void setStatus(ResourceDefinitionContext kind, GenericKubernetesResource obj, Map<String, Object> status) {
        obj.setAdditionalProperty("status", status);
        var op = kind.isNamespaceScoped()
                ? sim.genericKubernetesResources(kind).inNamespace(obj.getMetadata().getNamespace()).resource(obj)
                : sim.genericKubernetesResources(kind).resource(obj);
        op.update();
    }

    private static String key(GenericKubernetesResource o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sim.close();
        if (!attached) server.destroy();
    }
}
