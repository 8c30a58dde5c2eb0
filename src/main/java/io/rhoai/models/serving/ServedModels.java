package io.rhoai.models.serving;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The models a cluster serves: every KServe InferenceService in every namespace, read in ONE list request, with its
 * Ready condition. {@code rhoai status} shows it as its models section; an InferenceService not Ready for longer than
 * the grace needs attention. A cluster that does not serve the kind (no KServe) is reported as such, not as a failure.
 */
public final class ServedModels {
    /**
     * @param since  the Ready condition's lastTransitionTime (null when unknown)
     * @param reason why it is not Ready (the condition's reason and message), null when Ready
     */
    @RegisterForReflection
    public record Model(String namespace, String name, boolean ready, String since, String reason, String url) { }

    /** @param kserve false when the cluster does not serve serving.kserve.io/v1beta1 InferenceServices */
    @RegisterForReflection
    public record Result(boolean kserve, List<Model> models, List<String> attention) {
        public long ready() {
            return models.stream().filter(Model::ready).count();
        }
    }

    private final KubernetesClient client;

    public ServedModels(KubernetesClient client) {
        this.client = client;
    }

    /** Reads every InferenceService; one not Ready for longer than {@code grace} (at {@code now}) needs attention. */
    public Result read(Duration grace, Instant now, Deadline deadline) {
        List<GenericKubernetesResource> items;
        try {
            items = Retry.call("list InferenceServices in all namespaces", deadline,
                    () -> client.genericKubernetesResources(Kinds.INFERENCE_SERVICE).inAnyNamespace().list().getItems());
        } catch (RhoaiException e) {
            if (Retry.status(e) == 404) return new Result(false, List.of(), List.of());
            throw e;
        }
        List<Model> models = new ArrayList<>();
        List<String> attention = new ArrayList<>();
        for (GenericKubernetesResource isvc : items) {
            Map<String, Object> ready = Fields.conditionOf(isvc, "Ready");
            boolean isReady = ready != null && "True".equals(String.valueOf(ready.get("status")));
            String since = ready == null || ready.get("lastTransitionTime") == null ? null : String.valueOf(ready.get("lastTransitionTime"));
            String reason = isReady ? null : ready == null ? "no Ready condition yet"
                    : join(ready.get("reason"), ready.get("message"));
            Model m = new Model(isvc.getMetadata().getNamespace(), isvc.getMetadata().getName(), isReady, since, reason,
                    Fields.text(isvc, "status", "url"));
            models.add(m);
            Instant at = Fields.time(since);
            if (!isReady && (at == null || Duration.between(at, now).compareTo(grace) > 0)) {
                attention.add("InferenceService " + m.namespace() + "/" + m.name() + " is not Ready"
                        + (since == null ? "" : " since " + since) + ": " + reason);
            }
        }
        models.sort(Comparator.comparing(Model::namespace).thenComparing(Model::name));
        return new Result(true, List.copyOf(models), List.copyOf(attention));
    }

    private static String join(Object reason, Object message) {
        String r = reason == null ? "" : String.valueOf(reason);
        String m = message == null ? "" : String.valueOf(message);
        return r.isEmpty() ? (m.isEmpty() ? "not Ready" : m) : m.isEmpty() ? r : r + ": " + m;
    }
}
