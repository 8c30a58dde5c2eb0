package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.rhoai.core.Outcome;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Retry;
import io.rhoai.kube.Rollouts;

import java.util.List;
import java.util.Objects;

import static io.rhoai.certs.install.InstallTarget.orDefault;

/**
 * The router: {@code IngressController openshift-ingress-operator/default .spec.defaultCertificate} names the Secret
 * in {@code openshift-ingress}; the ingress operator then rolls Deployment {@code router-default} to mount it.
 */
final class RouterTarget implements InstallTarget {
    static final String OPERATOR_NAMESPACE = "openshift-ingress-operator";
    static final String NAMESPACE = "openshift-ingress";
    static final String DEPLOYMENT = "router-default";
    /** The secret the ingress operator generates and uses when defaultCertificate is unset. */
    static final String DEFAULT_SECRET = "router-certs-default";
    private static final String CONTROLLER = "IngressController " + OPERATOR_NAMESPACE + "/default";

    private final Context cx;

    RouterTarget(Context cx) {
        this.cx = cx;
    }

    @Override public String name() { return "ingress"; }
    @Override public String label() { return "router"; }
    @Override public String namespace() { return NAMESPACE; }
    @Override public String host() { return cx.hosts().ingressSni(); }
    @Override public String displayHost() { return "*." + cx.hosts().appsDomain(); }
    @Override public String reference() { return CONTROLLER; }
    @Override public String endpointFlag() { return "--ingress-endpoint"; }
    @Override public String skipFlag() { return "--api-only"; }
    @Override public boolean locksOutKubeconfigs() { return false; }
    @Override public TlsProber.Endpoint endpoint() { return cx.endpoints().ingress(host()); }

    @Override
    public String servedSecret(String secretName) {
        return secretName == null ? DEFAULT_SECRET : secretName;
    }

    @Override
    public String currentSecret(Deadline deadline) {
        return secretOf(cx.require(Kinds.INGRESS_CONTROLLER, OPERATOR_NAMESPACE, "default", check(), deadline));
    }

    @Override
    public Outcome point(String secretName, List<String> names, Deadline deadline) {
        return cx.writer().write(Kinds.INGRESS_CONTROLLER, OPERATOR_NAMESPACE, "default", ic -> {
            if (ic == null) throw InstallTarget.missing(Kinds.INGRESS_CONTROLLER, OPERATOR_NAMESPACE, "default", check());
            if (Objects.equals(secretOf(ic), secretName)) return null;
            ObjectNode spec = InstallTarget.object(ic, "spec");
            if (secretName == null) spec.remove("defaultCertificate");
            else spec.putObject("defaultCertificate").put("name", secretName);
            return ic;
        }, deadline).outcome();
    }

    /** Nothing to mark: the Deployment's generation tells a new rollout from an old one. */
    @Override
    public void markRollout(Deadline deadline) { }

    @Override
    public String awaitRollout(String secretName, boolean changed, Deadline deadline) {
        String expected = servedSecret(secretName);
        String deployment = NAMESPACE + "/" + DEPLOYMENT;
        cx.progress().step("waiting for the router rollout (deployment " + deployment + " to mount " + expected + ")");
        String hint = "check with: oc get deployment -n " + NAMESPACE + " " + DEPLOYMENT + "; oc get co ingress; then re-run (it is safe)";
        Deployment visible = Retry.call("read deployment " + deployment, deadline,
                () -> cx.client().apps().deployments().inNamespace(NAMESPACE).withName(DEPLOYMENT).get());
        String how;
        if (visible == null) {
            // another layout or too few rights to read the Deployment: the ingress operator's own status says when it is done
            cx.await(Rollouts.clusterOperator(cx.client(), "ingress", null)
                    .named("the router rollout (clusteroperator ingress, deployment " + deployment + " not visible)", hint), deadline);
            how = "clusteroperator ingress settled (deployment " + deployment + " not visible)";
        } else {
            Awaited<Deployment> rollout = Rollouts.deployment(cx.client(), NAMESPACE, DEPLOYMENT, d -> expected.equals(mounted(d, expected)),
                    d -> "deployment mounts " + Objects.requireNonNullElse(mounted(d, expected), "no default-certificate secret"));
            cx.await(rollout.named("the router rollout (deployment " + deployment + " mounting secret " + expected
                    + ", all replicas updated and available)", hint), deadline);
            how = "deployment " + deployment + " rolled out with " + expected;
        }
        cx.progress().done("router rollout complete: " + how);
        return how;
    }

    @Override
    public List<String> planLines(String previous, String secretName, boolean repoint) {
        return List.of(repoint
                        ? "patch " + CONTROLLER + ": spec.defaultCertificate " + orDefault(previous) + " -> " + orDefault(secretName)
                          + " (JSON patch, resourceVersion-guarded)"
                        : CONTROLLER + " already uses " + orDefault(secretName) + ": no change",
                "wait for the router rollout (deployment " + NAMESPACE + "/" + DEPLOYMENT + ")");
    }

    /** The secret the router pods mount as their default certificate (the operator's volume name), or null. */
    static String mounted(Deployment d, String expectedSecret) {
        if (d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getSpec() == null
                || d.getSpec().getTemplate().getSpec().getVolumes() == null) {
            return null;
        }
        String mounted = null;
        for (Volume v : d.getSpec().getTemplate().getSpec().getVolumes()) {
            if (v.getSecret() == null) continue;
            if ("default-certificate".equals(v.getName())) return v.getSecret().getSecretName();
            if (expectedSecret.equals(v.getSecret().getSecretName())) mounted = expectedSecret;
        }
        return mounted;
    }

    private static String secretOf(ObjectNode ingressController) {
        return ingressController.path("spec").path("defaultCertificate").path("name").asText(null);
    }

    private static String check() {
        return "oc get ingresscontroller -n " + OPERATOR_NAMESPACE;
    }
}
