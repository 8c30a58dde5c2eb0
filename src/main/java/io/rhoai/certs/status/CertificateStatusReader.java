package io.rhoai.certs.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.install.CertificatePem;
import io.rhoai.certs.install.EndpointOverrides;
import io.rhoai.certs.install.TlsProber;
import io.rhoai.certs.status.StatusResult.CertificateView;
import io.rhoai.certs.status.StatusResult.EndpointStatus;
import io.rhoai.certs.status.StatusResult.SecretView;
import io.rhoai.certs.store.CertificateStore;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;

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
 * at, and the local store's current version. An endpoint that does not answer, or an empty store, is reported, not
 * fatal: the rest is still worth seeing. A failed read of the cluster API (unreachable, 401, 403) is an error, though:
 * reporting it as one more "not reachable" line would exit 0 on a status that says nothing about the cluster. An API
 * that cannot be reached, 401 and 403 fail at once (Retry); the whole run, handshakes included, holds --timeout.
 */
public final class CertificateStatusReader {
    private final Supplier<KubernetesClient> client;
    private final TlsProber prober;
    private final EndpointOverrides endpoints;
    private final Progress progress;
    private final Clock clock;

    /** @param client connects lazily (not at all with --local-only); a failure to connect is the run's error */
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
        Deadline deadline = Deadline.in(request.timeout(), clock);
        List<String> unreachable = new ArrayList<>();
        CertificateView local = localStore(request, now, unreachable);

        List<EndpointStatus> endpoints = new ArrayList<>();
        boolean named = request.clusterName() != null && request.baseDomain() != null;
        if (!named && (request.cluster() || request.wire())) {
            unreachable.add("cluster endpoints: the profile sets no spec.cluster.name/baseDomain");
        }
        if (named) {
            String apps = "apps." + request.clusterName() + "." + request.baseDomain();
            String apiHost = "api." + request.clusterName() + "." + request.baseDomain();
            String routerSni = "rhoai-status-" + HexFormat.of().formatHex(randomBytes()) + "." + apps;
            // the cluster first: a failed API read ends the run before any handshake
            SecretView routerSecret = null;
            SecretView apiSecret = null;
            if (request.cluster()) {
                KubernetesClient kube = client.get();
                routerSecret = reported("router", unreachable, () -> routerSecret(kube, deadline));
                apiSecret = reported("api", unreachable, () -> apiSecret(kube, apiHost, deadline));
            }
            endpoints.add(endpoint("router", "*." + apps, this.endpoints.ingress(routerSni), request, routerSecret, local, now, unreachable, deadline));
            endpoints.add(endpoint("api", apiHost, this.endpoints.api(apiHost), request, apiSecret, local, now, unreachable, deadline));
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

    /** The Secret view, or null with the reason listed when the cluster lacks the object that names it. */
    private static SecretView reported(String name, List<String> unreachable, Supplier<SecretView> secret) {
        try {
            return secret.get();
        } catch (RhoaiException e) {
            if (e.kind() != ErrorKind.PRECONDITION) throw e;
            unreachable.add(name + " Secret: " + oneLine(e));
            return null;
        }
    }

    private EndpointStatus endpoint(String name, String host, TlsProber.Endpoint endpoint, StatusRequest request, SecretView secretView,
            CertificateView local, Instant now, List<String> unreachable, Deadline deadline) {
        CertificateView served = null;
        if (request.wire()) {
            progress.step("TLS handshake with " + endpoint.display());
            try {
                List<X509Certificate> chain = prober.servedChain(endpoint,
                        Duration.ofMillis(Math.max(1, deadline.atMost(request.probeTimeout()).toMillis())));
                if (!chain.isEmpty()) served = view(null, chain.get(0), now);
            } catch (IOException | RuntimeException e) {
                unreachable.add(name + " endpoint " + endpoint.display() + ": " + oneLine(e));
            }
        }
        Boolean matchesStored = served == null || local == null ? null
                : CertificatePem.sameFingerprint(served.sha256Fingerprint(), local.sha256Fingerprint());
        Boolean matchesSecret = served == null || secretView == null || secretView.certificate() == null ? null
                : CertificatePem.sameFingerprint(served.sha256Fingerprint(), secretView.certificate().sha256Fingerprint());
        return new EndpointStatus(name, host, endpoint.display(), served, secretView, matchesStored, matchesSecret);
    }

    private SecretView routerSecret(KubernetesClient kube, Deadline deadline) {
        GenericKubernetesResource ic = Retry.call("read IngressController openshift-ingress-operator/default", deadline,
                () -> new Kinds(kube).resource(Kinds.INGRESS_CONTROLLER, "openshift-ingress-operator", "default").get());
        if (ic == null) throw RhoaiException.precondition("IngressController openshift-ingress-operator/default not found", null);
        JsonNode tree = Mappers.json().valueToTree(ic);
        String name = tree.path("spec").path("defaultCertificate").path("name").asText(null);
        String reference = "IngressController openshift-ingress-operator/default";
        // unset: the operator's own router-certs-default
        return secretView(kube, "openshift-ingress", name == null ? "router-certs-default" : name,
                name == null ? reference + " (default certificate)" : reference, deadline);
    }

    private SecretView apiSecret(KubernetesClient kube, String apiHost, Deadline deadline) {
        GenericKubernetesResource api = Retry.call("read APIServer cluster", deadline, () -> new Kinds(kube).resource(Kinds.API_SERVER, null, "cluster").get());
        if (api == null) throw RhoaiException.precondition("APIServer cluster not found", null);
        JsonNode tree = Mappers.json().valueToTree(api);
        for (JsonNode e : tree.path("spec").path("servingCerts").path("namedCertificates")) {
            for (JsonNode n : e.path("names")) {
                if (n.asText().equalsIgnoreCase(apiHost)) {
                    String name = e.path("servingCertificate").path("name").asText(null);
                    return secretView(kube, "openshift-config", name, "APIServer cluster namedCertificates[" + apiHost + "]", deadline);
                }
            }
        }
        return new SecretView(null, null, "APIServer cluster: no namedCertificates entry for " + apiHost
                + " (the cluster's internal certificate)", null);
    }

    private SecretView secretView(KubernetesClient kube, String namespace, String name, String reference, Deadline deadline) {
        if (name == null) return new SecretView(namespace, null, reference, null);
        Secret s = Retry.call("read Secret " + namespace + "/" + name, deadline, () -> kube.secrets().inNamespace(namespace).withName(name).get());
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
