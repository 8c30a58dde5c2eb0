package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.MergeWriter;
import io.rhoai.kube.Retry;

import java.util.List;

/**
 * Where a certificate goes: the router ({@link RouterTarget}) or the API server ({@link ApiServerTarget}). Each knows
 * the object that points at its Secret, how to repoint it (one resourceVersion-guarded merge through
 * {@code kube.MergeWriter}), which rollout makes the change live, and where to shake hands to prove it. An instance
 * serves one run: it remembers what it read (for the plan) and the rollout mark taken before the change.
 */
sealed interface InstallTarget permits RouterTarget, ApiServerTarget {
    /** {@code ingress} or {@code api}: the word in Secret names, labels and {@code -o json}. */
    String name();

    /** {@code router} or {@code API server}, for messages. */
    String label();

    /** The namespace of the target's Secrets. */
    String namespace();

    /** The name clients use: what the certificate must cover and the wire check asks for (SNI). */
    String host();

    /** The name as shown in results ({@code *.apps.<cluster>} for the router). */
    String displayHost();

    /** The object that points at the Secret, for results and messages. */
    String reference();

    /** The option that points the wire check elsewhere. */
    String endpointFlag();

    /** The option that leaves this target alone. */
    String skipFlag();

    /** True when serving a chain the kubeconfig's CA does not trust would lock kubectl out (checked before any write). */
    boolean locksOutKubeconfigs();

    TlsProber.Endpoint endpoint();

    /** The Secret actually served when the target points at {@code secretName} (null = the cluster's default). */
    String servedSecret(String secretName);

    /** The Secret the target points at now; null = the cluster's default certificate. */
    String currentSecret(Deadline deadline);

    /** Points the target at {@code secretName} (null = back to the default); {@code names}: the certificate's, or null. */
    Outcome point(String secretName, List<String> names, Deadline deadline);

    /** Before any write: remembers what the rollout looks like now, so a finished old rollout is not taken for the new one. */
    void markRollout(Deadline deadline);

    /** Waits until the target serves from {@code secretName}; returns how the rollout ended, for the result. */
    String awaitRollout(String secretName, boolean changed, Deadline deadline);

    /** The plan's lines for repointing from {@code previous} to {@code secretName} and for the wait. */
    List<String> planLines(String previous, String secretName, boolean repoint);

    static String orDefault(String secretName) {
        return secretName == null ? "the cluster's default certificate" : secretName;
    }

    /** What both targets work with during one run. */
    record Context(KubernetesClient client, MergeWriter writer, Poller poller, Progress progress, Hosts hosts,
                   EndpointOverrides endpoints) {
        /** The object, or null when absent. */
        GenericKubernetesResource get(ResourceDefinitionContext kind, String namespace, String name, Deadline deadline) {
            String ref = kind.getKind() + " " + (namespace == null ? "" : namespace + "/") + name;
            return Retry.call("read " + ref, deadline, () -> new Kinds(client).resource(kind, namespace, name).get());
        }

        /** The object as a JSON tree, or null when absent. */
        ObjectNode read(ResourceDefinitionContext kind, String namespace, String name, Deadline deadline) {
            GenericKubernetesResource r = get(kind, namespace, name, deadline);
            return r == null ? null : Mappers.json().valueToTree(r);
        }

        /** The object, which an OpenShift cluster always has: its absence means the wrong cluster or context. */
        ObjectNode require(ResourceDefinitionContext kind, String namespace, String name, String check, Deadline deadline) {
            ObjectNode o = read(kind, namespace, name, deadline);
            if (o == null) throw missing(kind, namespace, name, check);
            return o;
        }

        <T> T await(Awaited<T> awaited, Deadline deadline) {
            return poller.await(awaited, deadline);
        }
    }

    static RhoaiException missing(ResourceDefinitionContext kind, String namespace, String name, String check) {
        return RhoaiException.precondition(kind.getKind() + " " + (namespace == null ? "" : namespace + "/") + name
                + " does not exist in the cluster", "is this an OpenShift cluster, and the right context? check with: " + check);
    }

    /** {@code parent.field} as an object, created when missing. */
    static ObjectNode object(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
    }
}
