package io.rhoai.certs.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.rhoai.certs.install.CertificatePem;
import io.rhoai.certs.install.EndpointOverrides;
import io.rhoai.certs.install.TlsProber;
import io.rhoai.certs.status.StatusResult.CertificateView;
import io.rhoai.certs.status.StatusResult.EndpointStatus;
import io.rhoai.certs.status.StatusResult.SecretView;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads, never writes: the certificate each endpoint serves (TLS handshake with SNI), the Secret the cluster points
 * at, and the local store's current version. What cannot be reached is reported, not fatal: the store part works
 * without any cluster.
 */
public final class CertificateStatusReader {
    private static final ResourceDefinitionContext INGRESS_CONTROLLER = new ResourceDefinitionContext.Builder()
            .withGroup("operator.openshift.io").withVersion("v1").withKind("IngressController").withPlural("ingresscontrollers")
            .withNamespaced(true).build();
    private static final ResourceDefinitionContext API_SERVER = new ResourceDefinitionContext.Builder()
            .withGroup("config.openshift.io").withVersion("v1").withKind("APIServer").withPlural("apiservers")
            .withNamespaced(false).build();

    private final Supplier<KubernetesClient> client;
    private final TlsProber prober;
    private final EndpointOverrides endpoints;
    private final Progress progress;
    private final Clock clock;

    /** @param client connects lazily; it may throw (no kubeconfig), which is reported as unreachable */
    public CertificateStatusReader(Supplier<KubernetesClient> client, TlsProber prober, EndpointOverrides endpoints,
            Progress progress, Clock clock) {
        this.client = client;
        this.prober = prober;
        this.endpoints = endpoints == null ? EndpointOverrides.NONE : endpoints;
        this.progress = progress;
        this.clock = clock;
    }

    public StatusResult status(StatusRequest request) {
        Instant now = clock.instant();
        List<String> unreachable = new ArrayList<>();
        CertificateView local = localStore(request, now, unreachable);

        List<EndpointStatus> endpoints = new ArrayList<>();
        boolean named = request.clusterName() != null && request.baseDomain() != null;
        if (!named && (request.cluster() || request.wire())) {
            unreachable.add("cluster endpoints: the profile sets no spec.cluster.name/baseDomain");
        }
        if (named) {
            KubernetesClient kube = request.cluster() ? connect(unreachable) : null;
            String apps = "apps." + request.clusterName() + "." + request.baseDomain();
            String apiHost = "api." + request.clusterName() + "." + request.baseDomain();
            String routerSni = "rhoai-status-" + HexFormat.of().formatHex(randomBytes()) + "." + apps;
            endpoints.add(endpoint("router", "*." + apps, this.endpoints.ingress(routerSni),
                    request, kube, local, now, unreachable, () -> routerSecret(kube)));
            endpoints.add(endpoint("api", apiHost, this.endpoints.api(apiHost),
                    request, kube, local, now, unreachable, () -> apiSecret(kube, apiHost)));
        }
        return new StatusResult(request.profileName(), request.clusterName(), now, local, endpoints, unreachable);
    }

    private CertificateView localStore(StatusRequest request, Instant now, List<String> unreachable) {
        try {
            Optional<StoredCertificate> current = new CertificateStore(request.stateDir()).current(request.profileName());
            if (current.isEmpty()) {
                unreachable.add("local store: no certificate for " + request.profileName() + " under " + request.stateDir());
                return null;
            }
            StoredCertificate s = current.get();
            List<X509Certificate> chain = CertificatePem.parseCertificates(Files.readString(s.fullchainPem(), StandardCharsets.US_ASCII));
            return view(s.version(), chain.get(0), now);
        } catch (IOException | RuntimeException e) {
            unreachable.add("local store: " + e.getMessage());
            return null;
        }
    }

    private KubernetesClient connect(List<String> unreachable) {
        try {
            return client.get();
        } catch (RuntimeException e) {
            unreachable.add("cluster API: " + oneLine(e));
            return null;
        }
    }

    private EndpointStatus endpoint(String name, String host, TlsProber.Endpoint endpoint, StatusRequest request, KubernetesClient kube,
            CertificateView local, Instant now, List<String> unreachable, Supplier<SecretView> secret) {
        CertificateView served = null;
        if (request.wire()) {
            progress.step("TLS handshake with " + endpoint.display());
            try {
                List<X509Certificate> chain = prober.servedChain(endpoint, request.probeTimeout());
                if (!chain.isEmpty()) served = view(null, chain.get(0), now);
            } catch (IOException | RuntimeException e) {
                unreachable.add(name + " endpoint " + endpoint.display() + ": " + oneLine(e));
            }
        }
        SecretView secretView = null;
        if (kube != null) {
            try {
                secretView = secret.get();
            } catch (RuntimeException e) {
                String message = name + " Secret: " + oneLine(e);
                if (!unreachable.contains(message)) unreachable.add(message);
            }
        }
        Boolean matchesStored = served == null || local == null ? null
                : CertificatePem.sameFingerprint(served.sha256Fingerprint(), local.sha256Fingerprint());
        Boolean matchesSecret = served == null || secretView == null || secretView.certificate() == null ? null
                : CertificatePem.sameFingerprint(served.sha256Fingerprint(), secretView.certificate().sha256Fingerprint());
        return new EndpointStatus(name, host, endpoint.display(), served, secretView, matchesStored, matchesSecret);
    }

    private SecretView routerSecret(KubernetesClient kube) {
        GenericKubernetesResource ic = kube.genericKubernetesResources(INGRESS_CONTROLLER).inNamespace("openshift-ingress-operator")
                .withName("default").get();
        if (ic == null) throw RhoaiException.precondition("IngressController openshift-ingress-operator/default not found", null);
        JsonNode tree = Mappers.json().valueToTree(ic);
        String name = tree.path("spec").path("defaultCertificate").path("name").asText(null);
        String reference = "IngressController openshift-ingress-operator/default";
        // unset: the operator's own router-certs-default
        return secretView(kube, "openshift-ingress", name == null ? "router-certs-default" : name,
                name == null ? reference + " (default certificate)" : reference);
    }

    private SecretView apiSecret(KubernetesClient kube, String apiHost) {
        GenericKubernetesResource api = kube.genericKubernetesResources(API_SERVER).withName("cluster").get();
        if (api == null) throw RhoaiException.precondition("APIServer cluster not found", null);
        JsonNode tree = Mappers.json().valueToTree(api);
        for (JsonNode e : tree.path("spec").path("servingCerts").path("namedCertificates")) {
            for (JsonNode n : e.path("names")) {
                if (n.asText().equalsIgnoreCase(apiHost)) {
                    String name = e.path("servingCertificate").path("name").asText(null);
                    return secretView(kube, "openshift-config", name, "APIServer cluster namedCertificates[" + apiHost + "]");
                }
            }
        }
        return new SecretView(null, null, "APIServer cluster: no namedCertificates entry for " + apiHost
                + " (the cluster's internal certificate)", null);
    }

    private SecretView secretView(KubernetesClient kube, String namespace, String name, String reference) {
        if (name == null) return new SecretView(namespace, null, reference, null);
        Secret s = kube.secrets().inNamespace(namespace).withName(name).get();
        if (s == null || s.getData() == null || s.getData().get("tls.crt") == null) {
            return new SecretView(namespace, name, reference + " (Secret missing or without tls.crt)", null);
        }
        List<X509Certificate> chain = CertificatePem.parseCertificates(
                new String(Base64.getDecoder().decode(s.getData().get("tls.crt")), StandardCharsets.US_ASCII));
        Map<String, String> labels = s.getMetadata().getLabels();
        String version = labels == null ? null : labels.get("rhoai.io/certificate-version");
        return new SecretView(namespace, name, reference, chain.isEmpty() ? null : view(version, chain.get(0), clock.instant()));
    }

    static CertificateView view(String version, X509Certificate leaf, Instant now) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        return new CertificateView(version, CertificatePem.shortName(leaf.getIssuerX500Principal().getName()),
                CertificatePem.dnsNames(leaf), notAfter, Duration.between(now, notAfter).toDays(),
                CertificatePem.sha256Fingerprint(leaf), leaf.getSerialNumber().toString(16));
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
