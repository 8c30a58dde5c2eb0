package io.rhoai.certs.install;

import io.rhoai.core.time.Poller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.install.InstallResult.TargetResult;
import io.rhoai.certs.install.InstallResult.WireCheck;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Redactor;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static io.rhoai.certs.install.OpenShiftResources.CONFIG_NAMESPACE;
import static io.rhoai.certs.install.OpenShiftResources.INGRESS_NAMESPACE;
import static io.rhoai.certs.install.OpenShiftResources.INGRESS_OPERATOR_NAMESPACE;
import static io.rhoai.certs.install.OpenShiftResources.ROUTER_DEFAULT_SECRET;
import static io.rhoai.certs.install.OpenShiftResources.ROUTER_DEPLOYMENT;

/**
 * Puts a stored certificate on the OpenShift router and API server, the way OpenShift wants it:
 * <ol>
 *   <li>a NEW Secret per certificate version ({@code rhoai-ingress-<version>}, {@code rhoai-api-<version>}), because the
 *   ingress operator rolls the routers only when {@code defaultCertificate.name} changes, never when a Secret's content
 *   does; the previous Secret is kept for {@link #rollback};</li>
 *   <li>{@code IngressController/default .spec.defaultCertificate} and the API host's entry of
 *   {@code APIServer/cluster .spec.servingCerts.namedCertificates} point at it (merged: other entries stay as they are;
 *   written with the resourceVersion that was read, retried on conflict);</li>
 *   <li>the router and kube-apiserver rollouts are awaited, then a TLS handshake proves the new leaf is served.</li>
 * </ol>
 * Before the API server is touched, the kubeconfig in use must trust the new chain, else every kubeconfig holding that
 * CA would be locked out with {@code x509: certificate signed by unknown authority}.
 */
public final class CertificateInstaller {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String LABEL_CLUSTER = "rhoai.io/cluster";
    static final String LABEL_VERSION = "rhoai.io/certificate-version";
    static final String LABEL_TARGET = "rhoai.io/certificate-target";
    static final String ANNOTATION_NOT_AFTER = "rhoai.io/not-after";
    static final String ANNOTATION_SERIAL = "rhoai.io/serial";
    static final String ANNOTATION_FINGERPRINT = "rhoai.io/sha256-fingerprint";
    static final String ANNOTATION_NAMES = "rhoai.io/names";
    static final String ANNOTATION_ISSUER = "rhoai.io/issuer";
    /** The secret the target used before this one was installed; "" = the cluster's default certificate. */
    static final String ANNOTATION_PREVIOUS = "rhoai.io/previous-secret";

    static final String INGRESS = "ingress";
    static final String API = "api";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final Progress progress;
    private final Clock clock;
    private final TlsProber prober;
    private final EndpointOverrides endpoints;
    private final Poller poller;
    private final SecureRandom random = new SecureRandom();

    public CertificateInstaller(KubernetesClient client, Progress progress, Clock clock) {
        this(client, progress, clock, new SocketTlsProber(), EndpointOverrides.NONE);
    }

    public CertificateInstaller(KubernetesClient client, Progress progress, Clock clock, TlsProber prober, EndpointOverrides endpoints) {
        this.client = client;
        this.progress = progress;
        this.clock = clock;
        this.prober = prober;
        this.endpoints = endpoints == null ? EndpointOverrides.NONE : endpoints;
        this.poller = Poller.system(clock, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    // ---------------------------------------------------------------------------------------------------------- install

    public InstallResult install(InstallRequest request) {
        Instant started = clock.instant();
        Instant deadline = started.plus(budget(request.timeout()));
        requireTargets(request.ingress(), request.apiServer());
        requireCluster(request.clusterName(), request.baseDomain());
        StoredCertificate stored = Objects.requireNonNull(request.certificate(), "certificate");
        CertificateMaterial material = CertificateMaterial.load(stored, clock.instant());
        Hosts hosts = new Hosts(request.clusterName(), request.baseDomain(), randomLabel());
        requireCoverage(material, hosts, request.ingress(), request.apiServer(), stored.profileName());
        String version = stored.version();

        // the lockout check comes before anything is written, so a refusal leaves the cluster as it was
        if (request.apiServer()) checkKubeconfigTrust(material.chain(), "install");

        List<String> plan = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (request.ingress()) {
            String current = currentIngressSecret();
            String name = secretName(INGRESS, version);
            Secret existing = client.secrets().inNamespace(INGRESS_NAMESPACE).withName(name).get();
            requireSameContent(existing, material, INGRESS_NAMESPACE, name);
            steps.add(new Step(INGRESS, hosts.ingressSni(), INGRESS_NAMESPACE, name, current, existing == null,
                    !name.equals(current), Expectation.exactly(material.fingerprint())));
        }
        if (request.apiServer()) {
            String current = NamedCertificates.secretFor(namedCertificates(apiServerTree()), hosts.api());
            String name = secretName(API, version);
            Secret existing = client.secrets().inNamespace(CONFIG_NAMESPACE).withName(name).get();
            requireSameContent(existing, material, CONFIG_NAMESPACE, name);
            steps.add(new Step(API, hosts.api(), CONFIG_NAMESPACE, name, current, existing == null,
                    !name.equals(current), Expectation.exactly(material.fingerprint())));
        }
        for (Step s : steps) planLines(plan, s, material, hosts, request.verifyOnWire());

        if (request.dryRun()) {
            List<TargetResult> targets = steps.stream().map(s -> s.result(hosts, "would-be-" + s.outcome(), "not awaited (dry-run)", null)).toList();
            return new InstallResult("install", stored.profileName(), request.clusterName(), version, material.fingerprint(),
                    material.leaf().getNotAfter().toInstant(), true, targets, plan, Duration.between(started, clock.instant()));
        }

        ApiRolloutMark apiMark = request.apiServer() ? apiRolloutMark() : null;
        for (Step s : steps) {
            if (s.createSecret()) createSecret(s, material, stored.profileName(), request.clusterName());
            if (s.repoint()) point(s.target(), hosts, s.secretName(), material.names());
            progress.done(s.repoint()
                    ? label(s.target()) + " now uses Secret " + s.secretNamespace() + "/" + s.secretName() + " (was " + orDefault(s.previous()) + ")"
                    : label(s.target()) + " already uses Secret " + s.secretNamespace() + "/" + s.secretName() + ": unchanged");
        }
        return finish("install", stored.profileName(), request.clusterName(), version, material.fingerprint(),
                material.leaf().getNotAfter().toInstant(), steps, hosts, apiMark, budget(request.timeout()), deadline,
                request.verifyOnWire(), plan, started);
    }

    // --------------------------------------------------------------------------------------------------------- rollback

    public InstallResult rollback(RollbackRequest request) {
        Instant started = clock.instant();
        Instant deadline = started.plus(budget(request.timeout()));
        requireTargets(request.ingress(), request.apiServer());
        requireCluster(request.clusterName(), request.baseDomain());
        Hosts hosts = new Hosts(request.clusterName(), request.baseDomain(), randomLabel());

        List<Step> steps = new ArrayList<>();
        String version = null;
        String fingerprint = null;
        Instant notAfter = null;
        if (request.ingress()) {
            String current = currentIngressSecret();
            String target = rollbackTarget(INGRESS, INGRESS_NAMESPACE, request.clusterName(), request.toVersion());
            Expectation expectation = expectationFor(INGRESS_NAMESPACE, target == null ? ROUTER_DEFAULT_SECRET : target, current, null);
            steps.add(new Step(INGRESS, hosts.ingressSni(), INGRESS_NAMESPACE, target, current, false,
                    !Objects.equals(target, current), expectation));
        }
        if (request.apiServer()) {
            String current = NamedCertificates.secretFor(namedCertificates(apiServerTree()), hosts.api());
            String target = rollbackTarget(API, CONFIG_NAMESPACE, request.clusterName(), request.toVersion());
            Expectation expectation = expectationFor(CONFIG_NAMESPACE, target, current, hosts.api());
            if (target != null && expectation.chain() != null && !Objects.equals(target, current)) {
                checkKubeconfigTrust(expectation.chain(), "roll back");
            }
            steps.add(new Step(API, hosts.api(), CONFIG_NAMESPACE, target, current, false, !Objects.equals(target, current), expectation));
        }
        for (Step s : steps) {
            Secret secret = s.secretName() == null ? null : client.secrets().inNamespace(s.secretNamespace()).withName(s.secretName()).get();
            if (secret != null && version == null) {
                Map<String, String> labels = secret.getMetadata().getLabels();
                version = labels == null ? null : labels.get(LABEL_VERSION);
            }
            if (fingerprint == null && s.expectation().chain() != null) {
                fingerprint = s.expectation().expected();
                notAfter = s.expectation().chain().get(0).getNotAfter().toInstant();
            }
        }
        List<String> plan = new ArrayList<>();
        for (Step s : steps) planLines(plan, s, null, hosts, request.verifyOnWire());
        if (request.dryRun()) {
            List<TargetResult> targets = steps.stream().map(s -> s.result(hosts, "would-be-" + s.outcome(), "not awaited (dry-run)", null)).toList();
            return new InstallResult("rollback", request.profileName(), request.clusterName(), version, fingerprint, notAfter, true,
                    targets, plan, Duration.between(started, clock.instant()));
        }
        ApiRolloutMark apiMark = request.apiServer() ? apiRolloutMark() : null;
        for (Step s : steps) {
            if (s.repoint()) {
                if (s.target().equals(INGRESS)) pointIngress(s.secretName());
                else pointApiServer(hosts.api(), s.secretName(), null);
            }
            progress.done(s.repoint()
                    ? label(s.target()) + " rolled back to " + orDefault(s.secretName()) + " (was " + orDefault(s.previous()) + ")"
                    : label(s.target()) + " already uses " + orDefault(s.secretName()) + ": unchanged");
        }
        return finish("rollback", request.profileName(), request.clusterName(), version, fingerprint, notAfter, steps, hosts,
                apiMark, budget(request.timeout()), deadline, request.verifyOnWire(), plan, started);
    }

    /** The secret to roll back to: the one rhoai recorded as previous on its newest Secret, or the named version's. */
    private String rollbackTarget(String target, String namespace, String clusterName, String toVersion) {
        List<Secret> ours = client.secrets().inNamespace(namespace)
                .withLabel(MANAGED_BY, "rhoai").withLabel(LABEL_TARGET, target).withLabel(LABEL_CLUSTER, labelValue(clusterName))
                .list().getItems();
        if (toVersion != null) {
            String name = secretName(target, toVersion);
            if (ours.stream().noneMatch(s -> s.getMetadata().getName().equals(name))) {
                throw RhoaiException.precondition("no Secret " + namespace + "/" + name + " for version " + toVersion,
                        "list the versions rhoai installed with: oc get secrets -n " + namespace + " -l " + LABEL_TARGET + "=" + target);
            }
            return name;
        }
        Secret newest = ours.stream()
                .max(Comparator.comparing((Secret s) -> s.getMetadata().getLabels().getOrDefault(LABEL_VERSION, ""))
                        .thenComparing(s -> s.getMetadata().getName()))
                .orElseThrow(() -> RhoaiException.precondition("nothing to roll back: rhoai has installed no " + label(target)
                        + " certificate on cluster " + clusterName + " (no Secret labelled " + LABEL_TARGET + "=" + target + " in " + namespace + ")",
                        "install one first with: rhoai certs install --cluster <profile>"));
        Map<String, String> annotations = newest.getMetadata().getAnnotations();
        String previous = annotations == null ? null : annotations.get(ANNOTATION_PREVIOUS);
        if (previous == null) {
            throw RhoaiException.precondition("Secret " + namespace + "/" + newest.getMetadata().getName() + " does not record the secret it replaced ("
                    + ANNOTATION_PREVIOUS + ")", "roll back to a named version with --to-version");
        }
        if (previous.isEmpty()) return null;
        if (client.secrets().inNamespace(namespace).withName(previous).get() == null) {
            throw RhoaiException.precondition("the previous " + label(target) + " Secret " + namespace + "/" + previous + " no longer exists",
                    "roll back to a version that still exists with --to-version, or install a certificate with rhoai certs install");
        }
        return previous;
    }

    /** What the wire must show after pointing at {@code secretName}: its leaf, else at least not the current one. */
    private Expectation expectationFor(String namespace, String secretName, String currentSecret, String apiHost) {
        List<X509Certificate> chain = secretName == null ? null : secretChain(namespace, secretName);
        if (chain != null && !chain.isEmpty()) return new Expectation(CertificatePem.sha256Fingerprint(chain.get(0)), null, chain);
        List<X509Certificate> current = currentSecret == null ? null : secretChain(namespace, currentSecret);
        String not = current == null || current.isEmpty() ? null : CertificatePem.sha256Fingerprint(current.get(0));
        return new Expectation(null, not, null);
    }

    private List<X509Certificate> secretChain(String namespace, String name) {
        Secret s = client.secrets().inNamespace(namespace).withName(name).get();
        if (s == null || s.getData() == null || s.getData().get("tls.crt") == null) return null;
        try {
            return CertificatePem.parseCertificates(new String(Base64.getDecoder().decode(s.getData().get("tls.crt")), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ----------------------------------------------------------------------------------------------------- shared steps

    private InstallResult finish(String operation, String profileName, String clusterName, String version, String fingerprint,
            Instant notAfter, List<Step> steps, Hosts hosts, ApiRolloutMark apiMark, Duration budget, Instant deadline,
            boolean verifyOnWire, List<String> plan, Instant started) {
        Map<String, String> rollouts = new LinkedHashMap<>();
        for (Step s : steps) {
            rollouts.put(s.target(), s.target().equals(INGRESS)
                    ? awaitRouter(s.secretName(), deadline, budget)
                    : awaitApiServer(apiMark, s.repoint(), deadline, budget));
        }
        List<TargetResult> results = new ArrayList<>();
        for (Step s : steps) {
            WireCheck wire = null;
            if (verifyOnWire) {
                TlsProber.Endpoint endpoint = s.target().equals(INGRESS) ? endpoints.ingress(s.host()) : endpoints.api(s.host());
                wire = verifyWire(s.target(), endpoint, s.expectation(), deadline);
            }
            results.add(s.result(hosts, s.outcome(), rollouts.get(s.target()), wire));
        }
        return new InstallResult(operation, profileName, clusterName, version, fingerprint, notAfter, false, results, plan,
                Duration.between(started, clock.instant()));
    }

    private void planLines(List<String> plan, Step s, CertificateMaterial material, Hosts hosts, boolean verifyOnWire) {
        if (s.createSecret() && material != null) {
            plan.add("create Secret " + s.secretNamespace() + "/" + s.secretName() + " (type kubernetes.io/tls, immutable; tls.crt: "
                    + material.chain().size() + " certificates, leaf " + material.fingerprint() + "; tls.key: <not shown>)");
        } else if (s.secretName() != null) {
            plan.add("keep Secret " + s.secretNamespace() + "/" + s.secretName() + " (exists)");
        }
        if (s.target().equals(INGRESS)) {
            plan.add(s.repoint()
                    ? "patch IngressController " + INGRESS_OPERATOR_NAMESPACE + "/default: spec.defaultCertificate "
                      + orDefault(s.previous()) + " -> " + orDefault(s.secretName()) + " (JSON patch, resourceVersion-guarded)"
                    : "IngressController " + INGRESS_OPERATOR_NAMESPACE + "/default already uses " + orDefault(s.secretName()) + ": no change");
            plan.add("wait for the router rollout (deployment " + INGRESS_NAMESPACE + "/" + ROUTER_DEPLOYMENT + ")");
        } else {
            int others = 0;
            for (JsonNode e : namedCertificates(apiServerTree())) {
                boolean mine = false;
                for (JsonNode n : e.path("names")) mine |= n.asText().equalsIgnoreCase(hosts.api());
                if (!mine) others++;
            }
            plan.add(s.repoint()
                    ? "patch APIServer cluster: spec.servingCerts.namedCertificates entry for " + hosts.api() + " "
                      + orDefault(s.previous()) + " -> " + orDefault(s.secretName()) + "; " + others + " other entr"
                      + (others == 1 ? "y" : "ies") + " kept as they are (resourceVersion-guarded)"
                    : "APIServer cluster already serves " + hosts.api() + " from " + orDefault(s.secretName()) + ": no change");
            plan.add("wait for the kube-apiserver rollout (clusteroperator kube-apiserver, kubeapiserver/cluster revisions)");
        }
        if (verifyOnWire) {
            TlsProber.Endpoint endpoint = s.target().equals(INGRESS) ? endpoints.ingress(s.host()) : endpoints.api(s.host());
            plan.add("verify on the wire: TLS handshake with " + endpoint.display() + " serves "
                    + (s.expectation().expected() != null ? s.expectation().expected() : "another certificate than the current one"));
        }
    }

    private void checkKubeconfigTrust(List<X509Certificate> chain, String operation) {
        KubeconfigTrust.Verdict verdict = KubeconfigTrust.check(client.getConfiguration(), chain, clock.instant());
        switch (verdict.source()) {
            case INSECURE -> progress.warn("the kubeconfig skips TLS verification (insecure-skip-tls-verify): its clients will not notice the new API certificate");
            case SYSTEM_TRUST -> {
                if (verdict.trusted()) progress.info("kubeconfig trust: no certificate-authority set, and the new chain verifies against the system trust");
                else progress.warn("the kubeconfig sets no certificate-authority, so its clients use the system trust; " + verdict.detail()
                        + ": make sure the machines running oc/kubectl trust it");
            }
            case KUBECONFIG_CA -> {
                if (verdict.trusted()) {
                    progress.info("kubeconfig trust: the new chain verifies against the kubeconfig's certificate-authority (" + verdict.caDescription() + ")");
                    return;
                }
                String root = CertificatePem.shortName(KubeconfigTrust.issuingRootDn(chain));
                throw RhoaiException.precondition("refusing to " + operation + " the API server certificate: " + verdict.detail()
                        + "; kubectl and oc trust ONLY that bundle, so every kubeconfig with it would fail with"
                        + " 'x509: certificate signed by unknown authority' once the API server serves the new certificate",
                        "add the issuing root (" + root + ") to the kubeconfig's certificate-authority-data (keep the existing CAs"
                        + " in the bundle), or remove certificate-authority-data to use the system trust, or leave the API server"
                        + " alone with --skip-api-server (--ingress-only)");
            }
        }
    }

    private String currentIngressSecret() {
        JsonNode ic = OpenShiftResources.require(OpenShiftResources.ingressController(client),
                "IngressController " + INGRESS_OPERATOR_NAMESPACE + "/default",
                "is this an OpenShift cluster, and the right context? check with: oc get ingresscontroller -n " + INGRESS_OPERATOR_NAMESPACE);
        return OpenShiftResources.text(ic, "spec", "defaultCertificate", "name");
    }

    private JsonNode apiServerTree() {
        return OpenShiftResources.require(OpenShiftResources.apiServer(client), "APIServer cluster",
                "is this an OpenShift cluster, and the right context? check with: oc get apiserver cluster");
    }

    private static JsonNode namedCertificates(JsonNode apiServer) {
        return apiServer.path("spec").path("servingCerts").path("namedCertificates");
    }

    private void point(String target, Hosts hosts, String secretName, List<String> names) {
        if (target.equals(INGRESS)) pointIngress(secretName);
        else pointApiServer(hosts.api(), secretName, names);
    }

    private void pointIngress(String secretName) {
        OpenShiftResources.retryOnConflict("ingresscontroller/default -n " + INGRESS_OPERATOR_NAMESPACE, () -> {
            JsonNode ic = OpenShiftResources.require(OpenShiftResources.ingressController(client),
                    "IngressController " + INGRESS_OPERATOR_NAMESPACE + "/default", "check with: oc get ingresscontroller -n " + INGRESS_OPERATOR_NAMESPACE);
            if (Objects.equals(OpenShiftResources.text(ic, "spec", "defaultCertificate", "name"), secretName)) return false;
            ArrayNode ops = Mappers.json().createArrayNode();
            if (secretName == null) {
                ops.addObject().put("op", "remove").put("path", "/spec/defaultCertificate");
            } else {
                ObjectNode reference = Mappers.json().createObjectNode().put("name", secretName);
                ops.add(OpenShiftResources.addAt(ic, reference, "spec", "defaultCertificate"));
            }
            OpenShiftResources.guardedPatch(OpenShiftResources.ingressController(client), ic, ops);
            return true;
        });
    }

    /** @param names the certificate's names; null when rolling back (the entry then only changes its secret). */
    private void pointApiServer(String apiHost, String secretName, List<String> names) {
        OpenShiftResources.retryOnConflict("apiserver/cluster", () -> {
            JsonNode apiServer = apiServerTree();
            JsonNode entries = namedCertificates(apiServer);
            ArrayNode merged = secretName == null ? NamedCertificates.remove(entries, apiHost)
                    : NamedCertificates.pointAt(entries, apiHost, names == null ? List.of(apiHost) : names, secretName);
            JsonNode before = entries.isMissingNode() || entries.isNull() ? Mappers.json().createArrayNode() : entries;
            if (merged.equals(before)) return false;
            ArrayNode ops = Mappers.json().createArrayNode();
            ops.add(OpenShiftResources.addAt(apiServer, merged, "spec", "servingCerts", "namedCertificates"));
            OpenShiftResources.guardedPatch(OpenShiftResources.apiServer(client), apiServer, ops);
            return true;
        });
    }

    private void createSecret(Step s, CertificateMaterial material, String profileName, String clusterName) {
        X509Certificate leaf = material.leaf();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, "rhoai");
        labels.put(LABEL_CLUSTER, labelValue(clusterName));
        labels.put(LABEL_TARGET, s.target());
        labels.put(LABEL_VERSION, labelValue(material.version()));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_NOT_AFTER, leaf.getNotAfter().toInstant().toString());
        annotations.put(ANNOTATION_SERIAL, leaf.getSerialNumber().toString(16));
        annotations.put(ANNOTATION_FINGERPRINT, material.fingerprint());
        annotations.put(ANNOTATION_NAMES, String.join(",", material.names()));
        annotations.put(ANNOTATION_ISSUER, leaf.getIssuerX500Principal().getName());
        annotations.put(ANNOTATION_PREVIOUS, s.previous() == null ? "" : s.previous());
        annotations.put("rhoai.io/profile", profileName);
        String keyData = base64(material.privateKeyPem().reveal());
        // the Secret's own encoding of the key, should an API error ever echo the object back
        Redactor.register(keyData);
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(s.secretName()).withNamespace(s.secretNamespace())
                .withLabels(labels).withAnnotations(annotations).endMetadata()
                .withType("kubernetes.io/tls")
                .withImmutable(true)
                .withData(Map.of("tls.crt", base64(material.fullchainPem()), "tls.key", keyData))
                .build();
        try {
            client.secrets().inNamespace(s.secretNamespace()).resource(secret).create();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 409) throw e;
            // another run created it between our read and our create: fine if it holds the same certificate and key
            requireSameContent(client.secrets().inNamespace(s.secretNamespace()).withName(s.secretName()).get(), material,
                    s.secretNamespace(), s.secretName());
            progress.info("Secret " + s.secretNamespace() + "/" + s.secretName() + " was created concurrently with the same content");
            return;
        }
        progress.done("created Secret " + s.secretNamespace() + "/" + s.secretName());
    }

    private static void requireSameContent(Secret existing, CertificateMaterial material, String namespace, String name) {
        if (existing == null) return;
        Map<String, String> data = existing.getData() == null ? Map.of() : existing.getData();
        boolean same = base64(material.fullchainPem()).equals(data.get("tls.crt"))
                && base64(material.privateKeyPem().reveal()).equals(data.get("tls.key"));
        if (!same) {
            throw RhoaiException.precondition("Secret " + namespace + "/" + name + " exists with another certificate or key",
                    "it was changed outside rhoai: delete it (oc delete secret -n " + namespace + " " + name
                    + ") if nothing points at it, or issue a new certificate version");
        }
    }

    // ---------------------------------------------------------------------------------------------------------- waiting

    private String awaitRouter(String secretName, Instant deadline, Duration budget) {
        String expected = secretName == null ? ROUTER_DEFAULT_SECRET : secretName;
        String deployment = INGRESS_NAMESPACE + "/" + ROUTER_DEPLOYMENT;
        boolean[] usedOperator = {false};
        progress.step("waiting for the router rollout (deployment " + deployment + " to mount " + expected + ")");
        poller.await(deadline, budget, "the router rollout (deployment " + deployment + " mounting secret " + expected
                        + ", all replicas updated and available)",
                "check with: oc get deployment -n " + INGRESS_NAMESPACE + " " + ROUTER_DEPLOYMENT + "; oc get co ingress; then re-run (it is safe)",
                () -> {
                    Deployment d = client.apps().deployments().inNamespace(INGRESS_NAMESPACE).withName(ROUTER_DEPLOYMENT).get();
                    if (d == null) {
                        usedOperator[0] = true;
                        JsonNode co = OpenShiftResources.tree(OpenShiftResources.clusterOperator(client, "ingress"));
                        String progressing = OpenShiftResources.condition(co, "Progressing");
                        String available = OpenShiftResources.condition(co, "Available");
                        return new Poller.Observation(co != null && "False".equals(progressing) && "True".equals(available),
                                "deployment " + deployment + " not found; clusteroperator ingress Progressing=" + progressing + " Available=" + available);
                    }
                    return routerObservation(d, expected);
                });
        String how = usedOperator[0] ? "clusteroperator ingress settled (deployment " + deployment + " not visible)"
                : "deployment " + deployment + " rolled out with " + expected;
        progress.done("router rollout complete: " + how);
        return how;
    }

    static Poller.Observation routerObservation(Deployment d, String expectedSecret) {
        String mounted = null;
        if (d.getSpec() != null && d.getSpec().getTemplate() != null && d.getSpec().getTemplate().getSpec() != null
                && d.getSpec().getTemplate().getSpec().getVolumes() != null) {
            for (Volume v : d.getSpec().getTemplate().getSpec().getVolumes()) {
                if (v.getSecret() == null) continue;
                if ("default-certificate".equals(v.getName()) || expectedSecret.equals(v.getSecret().getSecretName())) {
                    mounted = v.getSecret().getSecretName();
                    if ("default-certificate".equals(v.getName())) break;
                }
            }
        }
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        long observed = d.getStatus() == null || d.getStatus().getObservedGeneration() == null ? 0 : d.getStatus().getObservedGeneration();
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int updated = d.getStatus() == null || d.getStatus().getUpdatedReplicas() == null ? 0 : d.getStatus().getUpdatedReplicas();
        int available = d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0 : d.getStatus().getAvailableReplicas();
        int total = d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas();
        boolean done = expectedSecret.equals(mounted) && observed >= generation && updated == desired && available == desired && total == desired;
        return new Poller.Observation(done, "deployment mounts " + (mounted == null ? "no default-certificate secret" : mounted)
                + ", observedGeneration " + observed + "/" + generation + ", updated " + updated + "/" + desired
                + ", available " + available + "/" + desired + ", replicas " + total);
    }

    /** What the kube-apiserver looked like before the change, to tell a finished new rollout from an old one. */
    record ApiRolloutMark(Long latestRevision, String progressingSince) { }

    private ApiRolloutMark apiRolloutMark() {
        JsonNode kas = OpenShiftResources.tree(OpenShiftResources.kubeApiServer(client));
        Long latest = kas == null || !kas.path("status").has("latestAvailableRevision") ? null
                : kas.path("status").path("latestAvailableRevision").asLong();
        return new ApiRolloutMark(latest, progressingSince(OpenShiftResources.tree(OpenShiftResources.clusterOperator(client, "kube-apiserver"))));
    }

    private static String progressingSince(JsonNode co) {
        if (co == null) return null;
        for (JsonNode c : co.path("status").path("conditions")) {
            if ("Progressing".equals(c.path("type").asText())) return c.path("lastTransitionTime").asText(null);
        }
        return null;
    }

    private String awaitApiServer(ApiRolloutMark mark, boolean changed, Instant deadline, Duration budget) {
        progress.step("waiting for the kube-apiserver rollout (this takes several minutes on a real cluster)");
        boolean[] watched = {true};
        poller.await(deadline, budget, "the kube-apiserver rollout (clusteroperator kube-apiserver Progressing=False and Available=True"
                        + (changed ? ", kubeapiserver/cluster at a new revision on every node" : "") + ")",
                "check with: oc get co kube-apiserver; oc get kubeapiserver cluster -o jsonpath='{.status.nodeStatuses}'; then re-run (it is safe)",
                () -> {
                    JsonNode kas = OpenShiftResources.tree(OpenShiftResources.kubeApiServer(client));
                    JsonNode co = OpenShiftResources.tree(OpenShiftResources.clusterOperator(client, "kube-apiserver"));
                    String progressing = OpenShiftResources.condition(co, "Progressing");
                    String available = OpenShiftResources.condition(co, "Available");
                    String coState = co == null ? "clusteroperator kube-apiserver not found"
                            : "clusteroperator kube-apiserver Progressing=" + progressing + " Available=" + available;
                    boolean coSettled = co == null || ("False".equals(progressing) && "True".equals(available));
                    if (kas != null && kas.path("status").has("latestAvailableRevision")) {
                        long latest = kas.path("status").path("latestAvailableRevision").asLong();
                        List<Long> nodes = new ArrayList<>();
                        for (JsonNode n : kas.path("status").path("nodeStatuses")) nodes.add(n.path("currentRevision").asLong());
                        boolean newRevision = !changed || mark == null || mark.latestRevision() == null || latest > mark.latestRevision();
                        boolean allAtLatest = !nodes.isEmpty() && nodes.stream().allMatch(r -> r == latest);
                        return new Poller.Observation(newRevision && allAtLatest && coSettled,
                                "kubeapiserver/cluster latestAvailableRevision " + latest
                                + (mark != null && mark.latestRevision() != null ? " (was " + mark.latestRevision() + ")" : "")
                                + ", nodes at revisions " + nodes + "; " + coState);
                    }
                    if (co != null) {
                        boolean transitioned = !changed || mark == null || !Objects.equals(progressingSince(co), mark.progressingSince());
                        return new Poller.Observation(transitioned && coSettled, coState
                                + (transitioned ? "" : " (no rollout seen yet: Progressing has not changed since the patch)"));
                    }
                    watched[0] = false;
                    return new Poller.Observation(true, "nothing to watch");
                });
        if (!watched[0]) {
            progress.warn("neither kubeapiserver/cluster nor clusteroperator kube-apiserver is visible: the API server rollout was not awaited");
            return "not awaited: kubeapiserver/cluster and clusteroperator kube-apiserver are not visible";
        }
        progress.done("kube-apiserver rollout complete");
        return "kube-apiserver settled" + (changed ? " at a new revision" : "") + " (clusteroperator kube-apiserver Progressing=False, Available=True)";
    }

    // ------------------------------------------------------------------------------------------------------- wire check

    /** expected: the fingerprint to see; not: when expected is unknown, the fingerprint that must be gone. */
    record Expectation(String expected, String not, List<X509Certificate> chain) {
        static Expectation exactly(String fingerprint) {
            return new Expectation(fingerprint, null, null);
        }

        boolean met(String served) {
            if (expected != null) return CertificatePem.sameFingerprint(expected, served);
            return not == null || !CertificatePem.sameFingerprint(not, served);
        }
    }

    private WireCheck verifyWire(String target, TlsProber.Endpoint endpoint, Expectation expectation, Instant deadline) {
        progress.step("verifying on the wire: TLS handshake with " + endpoint.display());
        Duration interval = poller.initial();
        int attempts = 0;
        X509Certificate lastServed = null;
        IOException lastError = null;
        while (true) {
            attempts++;
            try {
                Duration left = Duration.between(clock.instant(), deadline);
                Duration timeout = left.compareTo(PROBE_TIMEOUT) > 0 ? PROBE_TIMEOUT : left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
                List<X509Certificate> chain = prober.servedChain(endpoint, timeout);
                lastServed = chain.isEmpty() ? null : chain.get(0);
                lastError = null;
                if (lastServed != null && expectation.met(CertificatePem.sha256Fingerprint(lastServed))) {
                    WireCheck check = wireCheck(endpoint, expectation, lastServed, true, attempts);
                    progress.done(label(target) + " at " + endpoint.display() + " serves " + check.servedFingerprint());
                    return check;
                }
            } catch (IOException e) {
                lastError = e;
            }
            if (!clock.instant().isBefore(deadline)) break;
            poller.sleep(interval.compareTo(Duration.between(clock.instant(), deadline)) < 0 ? interval : Duration.between(clock.instant(), deadline),
                    "the " + label(target) + " to serve the certificate");
            interval = poller.next(interval);
        }
        if (lastServed == null) {
            throw RhoaiException.remote("wire check failed: cannot complete a TLS handshake with the " + label(target) + " at "
                    + endpoint.display() + " (" + attempts + " attempts): " + (lastError == null ? "no certificate served" : lastError.getMessage()),
                    "check DNS and network from here, point the check elsewhere with --" + (target.equals(INGRESS) ? "ingress" : "api")
                    + "-endpoint host:port, or skip it with --no-verify; the cluster change itself is done", lastError);
        }
        String served = CertificatePem.sha256Fingerprint(lastServed);
        String want = expectation.expected() != null ? "expected " + expectation.expected()
                : "expected any certificate other than " + expectation.not();
        throw RhoaiException.remote("wire check failed: the " + label(target) + " at " + endpoint.display() + " serves " + served
                + " (issuer " + CertificatePem.shortName(lastServed.getIssuerX500Principal().getName()) + ", not after "
                + lastServed.getNotAfter().toInstant() + "), " + want + " (" + attempts + " attempts)",
                "a load balancer or an old router/API server instance may still answer; look with: rhoai certs status, or"
                + " openssl s_client -connect " + endpoint.connectHost() + ":" + endpoint.port() + " -servername " + endpoint.sniHost()
                + "; re-running the install is safe", null);
    }

    private static WireCheck wireCheck(TlsProber.Endpoint endpoint, Expectation expectation, X509Certificate served, boolean matches, int attempts) {
        return new WireCheck(endpoint.connectHost() + ":" + endpoint.port(), endpoint.sniHost(), matches, expectation.expected(),
                expectation.not(), CertificatePem.sha256Fingerprint(served), served.getIssuerX500Principal().getName(),
                served.getNotAfter().toInstant(), attempts);
    }

    // ------------------------------------------------------------------------------------------------------------ small

    record Hosts(String clusterName, String baseDomain, String randomLabel) {
        String api() {
            return "api." + clusterName + "." + baseDomain;
        }

        String appsDomain() {
            return "apps." + clusterName + "." + baseDomain;
        }

        /** A random name under *.apps, so the check hits the wildcard (default) certificate, not a route's own. */
        String ingressSni() {
            return randomLabel + "." + appsDomain();
        }
    }

    /** One target's change. {@code secretName} null = the cluster's default certificate. */
    record Step(String target, String host, String secretNamespace, String secretName, String previous, boolean createSecret,
            boolean repoint, Expectation expectation) {
        String outcome() {
            return createSecret ? InstallResult.CREATED : repoint ? InstallResult.CONFIGURED : InstallResult.UNCHANGED;
        }

        TargetResult result(Hosts hosts, String outcome, String rollout, WireCheck wire) {
            String reference = target.equals(INGRESS) ? "IngressController " + INGRESS_OPERATOR_NAMESPACE + "/default"
                    : "APIServer cluster (namedCertificates entry for " + hosts.api() + ")";
            return new TargetResult(target, target.equals(INGRESS) ? "*." + hosts.appsDomain() : host, reference, secretNamespace,
                    secretName, previous, outcome, rollout, wire);
        }
    }

    /** The default budget when a caller passes none: the API server rollout alone takes 10+ minutes. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(25);

    private static Duration budget(Duration timeout) {
        return timeout == null || timeout.isNegative() || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
    }

    /** A label value: at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric. */
    static String labelValue(String text) {
        String v = text.replaceAll("[^A-Za-z0-9._-]", "-");
        if (v.length() > 63) v = v.substring(0, 63);
        return v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    static String secretName(String target, String version) {
        String v = version.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return "rhoai-" + target + "-" + v;
    }

    private static void requireTargets(boolean ingress, boolean apiServer) {
        if (!ingress && !apiServer) {
            throw RhoaiException.invalid("no target selected", "select the router, the API server or both (drop --ingress-only/--api-only)");
        }
    }

    private static void requireCluster(String clusterName, String baseDomain) {
        if (clusterName == null || clusterName.isBlank() || baseDomain == null || baseDomain.isBlank()) {
            throw RhoaiException.invalid("spec.cluster.name and spec.cluster.baseDomain are required to name the router and API hosts",
                    "set both in the cluster profile");
        }
    }

    private static void requireCoverage(CertificateMaterial m, Hosts hosts, boolean ingress, boolean api, String profile) {
        List<String> names = m.names();
        String hint = "issue a certificate for *." + hosts.appsDomain() + " and " + hosts.api() + " with: rhoai certs issue --cluster " + profile;
        if (ingress && !CertificatePem.covers(names, hosts.ingressSni())) {
            throw RhoaiException.invalid("certificate " + m.version() + " (names " + names + ") does not cover *." + hosts.appsDomain(), hint);
        }
        if (api && !CertificatePem.covers(names, hosts.api())) {
            throw RhoaiException.invalid("certificate " + m.version() + " (names " + names + ") does not cover " + hosts.api(), hint
                    + ", or install on the router only with --ingress-only");
        }
    }

    private String randomLabel() {
        byte[] b = new byte[4];
        random.nextBytes(b);
        return "rhoai-check-" + HexFormat.of().formatHex(b);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String orDefault(String secretName) {
        return secretName == null ? "the cluster's default certificate" : secretName;
    }

    static String label(String target) {
        return target.equals(INGRESS) ? "router" : "API server";
    }
}
