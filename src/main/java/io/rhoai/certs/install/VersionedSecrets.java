package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Redactor;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.MergeWriter;
import io.rhoai.kube.Ownership;
import io.rhoai.kube.Retry;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The life cycle of rhoai's certificate Secrets: one immutable Secret per certificate version and target
 * ({@code rhoai-ingress-<version>}, {@code rhoai-api-<version>}), because the ingress operator rolls the routers only
 * when {@code defaultCertificate.name} changes, never when a Secret's content does. Each Secret records the Secret its
 * target used before ({@value #ANNOTATION_PREVIOUS}), which is what {@code certs rollback} goes back to. Secrets are
 * never updated or deleted: a name that exists with other content is a refusal, not an overwrite.
 */
final class VersionedSecrets {
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

    private final KubernetesClient client;
    private final MergeWriter writer;
    private final Progress progress;

    VersionedSecrets(KubernetesClient client, MergeWriter writer, Progress progress) {
        this.client = client;
        this.writer = writer;
        this.progress = progress;
    }

    static String name(String target, String version) {
        return "rhoai-" + target + "-" + version.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    /** A label value: at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric. */
    static String labelValue(String text) {
        String v = text.replaceAll("[^A-Za-z0-9._-]", "-");
        if (v.length() > 63) v = v.substring(0, 63);
        return v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    Secret read(String namespace, String name, Deadline deadline) {
        return Retry.call("read Secret " + namespace + "/" + name, deadline,
                () -> client.secrets().inNamespace(namespace).withName(name).get());
    }

    /** The certificate version rhoai recorded on a Secret, or null. */
    static String version(Secret secret) {
        Map<String, String> labels = secret == null ? null : secret.getMetadata().getLabels();
        return labels == null ? null : labels.get(LABEL_VERSION);
    }

    /** Refuses a Secret of that name holding another certificate or key: it was changed outside rhoai. */
    static void requireSameContent(Secret existing, CertificateMaterial material) {
        if (existing == null) return;
        Map<String, String> data = existing.getData() == null ? Map.of() : existing.getData();
        if (!sameContent(data.get("tls.crt"), data.get("tls.key"), material)) throw changedOutside(existing.getMetadata().getNamespace(),
                existing.getMetadata().getName());
    }

    /**
     * Creates the target's Secret, immutable. Through {@link MergeWriter} so a dry run is planned or server-validated
     * like every other write, and a run that created the same Secret meanwhile (409) is read back: the same content is
     * {@code unchanged}, other content a refusal.
     */
    Outcome create(String target, String namespace, String name, CertificateMaterial material, String previous,
                   String profileName, String clusterName, Deadline deadline) {
        String keyData = base64(material.privateKeyPem().reveal());
        // the Secret's own encoding of the key, should an API error ever echo the object back
        Redactor.register(keyData);
        ObjectNode wanted = Mappers.json().valueToTree(secret(target, namespace, name, material, previous, profileName, clusterName, keyData));
        Applied applied = writer.write(Kinds.SECRET, namespace, name, live -> {
            if (live == null) return wanted.deepCopy();
            JsonNode data = live.path("data");
            if (!sameContent(data.path("tls.crt").asText(null), data.path("tls.key").asText(null), material)) {
                throw changedOutside(namespace, name);
            }
            return null;
        }, deadline);
        if (applied.outcome() == Outcome.CREATED) {
            progress.done((applied.dryRun() ? "server dry run accepted: create Secret " : "created Secret ") + namespace + "/" + name);
        } else {
            progress.info("Secret " + namespace + "/" + name + " was created concurrently with the same content");
        }
        return applied.outcome();
    }

    private static Secret secret(String target, String namespace, String name, CertificateMaterial material, String previous,
                                 String profileName, String clusterName, String keyData) {
        X509Certificate leaf = material.leaf();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY);
        labels.put(LABEL_CLUSTER, labelValue(clusterName));
        labels.put(LABEL_TARGET, target);
        labels.put(LABEL_VERSION, labelValue(material.version()));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_NOT_AFTER, leaf.getNotAfter().toInstant().toString());
        annotations.put(ANNOTATION_SERIAL, leaf.getSerialNumber().toString(16));
        annotations.put(ANNOTATION_FINGERPRINT, material.fingerprint());
        annotations.put(ANNOTATION_NAMES, String.join(",", material.names()));
        annotations.put(ANNOTATION_ISSUER, leaf.getIssuerX500Principal().getName());
        annotations.put(ANNOTATION_PREVIOUS, previous == null ? "" : previous);
        annotations.put("rhoai.io/profile", profileName);
        return new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).withAnnotations(annotations).endMetadata()
                .withType("kubernetes.io/tls")
                .withImmutable(true)
                .withData(Map.of("tls.crt", base64(material.fullchainPem()), "tls.key", keyData))
                .build();
    }

    /** The secret to roll back to: the one rhoai recorded as previous on its newest Secret, or the named version's. */
    String rollbackTarget(InstallTarget target, String clusterName, String toVersion, Deadline deadline) {
        String namespace = target.namespace();
        List<Secret> ours = Retry.call("list rhoai's Secrets in " + namespace, deadline, () -> client.secrets().inNamespace(namespace)
                .withLabel(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY).withLabel(LABEL_TARGET, target.name())
                .withLabel(LABEL_CLUSTER, labelValue(clusterName)).list().getItems());
        if (toVersion != null) {
            String name = name(target.name(), toVersion);
            if (ours.stream().noneMatch(s -> s.getMetadata().getName().equals(name))) {
                throw RhoaiException.precondition("no Secret " + namespace + "/" + name + " for version " + toVersion,
                        "list the versions rhoai installed with: oc get secrets -n " + namespace + " -l " + LABEL_TARGET + "=" + target.name());
            }
            return name;
        }
        Secret newest = ours.stream()
                .max(Comparator.comparing((Secret s) -> s.getMetadata().getLabels().getOrDefault(LABEL_VERSION, ""))
                        .thenComparing(s -> s.getMetadata().getName()))
                .orElseThrow(() -> RhoaiException.precondition("nothing to roll back: rhoai has installed no " + target.label()
                                + " certificate on cluster " + clusterName + " (no Secret labelled " + LABEL_TARGET + "=" + target.name()
                                + " in " + namespace + ")",
                        "install one first with: rhoai certs install --cluster <profile>"));
        Map<String, String> annotations = newest.getMetadata().getAnnotations();
        String previous = annotations == null ? null : annotations.get(ANNOTATION_PREVIOUS);
        if (previous == null) {
            throw RhoaiException.precondition("Secret " + namespace + "/" + newest.getMetadata().getName() + " does not record the secret it replaced ("
                    + ANNOTATION_PREVIOUS + ")", "roll back to a named version with --to-version");
        }
        if (previous.isEmpty()) return null;
        if (read(namespace, previous, deadline) == null) {
            throw RhoaiException.precondition("the previous " + target.label() + " Secret " + namespace + "/" + previous + " no longer exists",
                    "roll back to a version that still exists with --to-version, or install a certificate with rhoai certs install");
        }
        return previous;
    }

    /** The chain a TLS Secret holds, or null when it is missing or holds none. */
    static List<X509Certificate> chain(Secret s) {
        if (s == null || s.getData() == null || s.getData().get("tls.crt") == null) return null;
        try {
            return CertificatePem.parseCertificates(new String(Base64.getDecoder().decode(s.getData().get("tls.crt")), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameContent(String crt, String key, CertificateMaterial material) {
        return base64(material.fullchainPem()).equals(crt) && base64(material.privateKeyPem().reveal()).equals(key);
    }

    private static RhoaiException changedOutside(String namespace, String name) {
        return RhoaiException.precondition("Secret " + namespace + "/" + name + " exists with another certificate or key",
                "it was changed outside rhoai: delete it (oc delete secret -n " + namespace + " " + name
                        + ") if nothing points at it, or issue a new certificate version");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
