package io.rhoai.fleet.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.fleet.Fleet;
import io.rhoai.fleet.Member;
import io.rhoai.kube.Applier;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.Applier.DryRun;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.Ownership;
import io.rhoai.kube.Retry;
import io.rhoai.kube.Waits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registers a member cluster in the hub's Argo CD, and removes it again.
 *
 * <p><b>On the member</b>: namespace {@value #MEMBER_NAMESPACE}, ServiceAccount {@value #SERVICE_ACCOUNT} in it, a Role
 * of the same name in {@value Fleet#ARGOCD_NAMESPACE} (every verb on every namespaced kind of that one namespace, which
 * is what Argo CD's namespaced mode needs: its cache lists every kind of a managed namespace) bound to the
 * ServiceAccount, and a {@code kubernetes.io/service-account-token} Secret whose token the token controller issues.
 * Nothing cluster-wide: {@code argocd cluster add} instead binds its {@code argocd-manager} to a ClusterRole allowing
 * every verb on every resource, cluster-admin in all but name. docs/fleet.md explains the choice.
 *
 * <p><b>On the hub</b>: the Argo CD cluster Secret {@code rhoai-cluster-<member>} in {@value Fleet#ARGOCD_NAMESPACE},
 * labelled {@code argocd.argoproj.io/secret-type: cluster} plus the profile's labels, with {@code name} (the profile),
 * {@code server} (the member kubeconfig's API URL), {@code namespaces}/{@code clusterResources} (namespaced mode, matching
 * the Role) and {@code config} ({@code bearerToken}, {@code tlsClientConfig.caData}: the member kubeconfig's CA, else the
 * token Secret's {@code ca.crt}, else none, so Argo CD uses the system roots as for a Let's Encrypt API certificate).
 *
 * <p>Everything goes through {@link Applier} (server-side apply, unchanged when rhoai already owns exactly these values:
 * a re-run writes nothing). The token is a {@link Secret}: registered with the redactor the moment it is read, never in
 * a result, a progress line or an error.
 */
public final class ClusterRegistrar {
    public static final String MEMBER_NAMESPACE = "rhoai-fleet";
    public static final String SERVICE_ACCOUNT = "rhoai-fleet-manager";
    public static final String ROLE = "rhoai-fleet-manager";
    public static final String TOKEN_SECRET = "rhoai-fleet-manager-token";
    public static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";

    public static String hubSecretName(String member) {
        return "rhoai-cluster-" + member;
    }

    public record Request(Member member, String hub, DryRun dryRun, Duration timeout) { }

    public record UnregisterRequest(String member, String hub, boolean purge, DryRun dryRun, Duration timeout) { }

    /** {@code member}: the objects on the member cluster; {@code hub}: the cluster Secret. */
    @RegisterForReflection
    public record Result(String cluster, String hub, String server, Map<String, String> labels, boolean caData,
                         List<Applied> member, List<Applied> hubObjects, boolean changed, boolean dryRun) { }

    private final KubernetesClient member;
    private final KubernetesClient hub;
    private final Clock clock;
    private final Progress progress;

    /** @param member null only for unregister without --purge */
    public ClusterRegistrar(KubernetesClient member, KubernetesClient hub, Clock clock, Progress progress) {
        this.member = member;
        this.hub = hub;
        this.clock = clock;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    public Result register(Request req) {
        Deadline deadline = Deadline.in(req.timeout(), clock);
        String name = req.member().name();
        String server = stripSlash(member.getConfiguration().getMasterUrl());
        String hubServer = stripSlash(hub.getConfiguration().getMasterUrl());
        if (server.equals(hubServer)) {
            throw RhoaiException.precondition("the member " + name + " and the hub " + req.hub() + " are the same API server (" + server + ")",
                    "point --context/--kubeconfig at the member and --hub-context/--hub-kubeconfig at the hub");
        }
        requireNamespace(member, Fleet.ARGOCD_NAMESPACE, deadline, "member " + name,
                "bootstrap OpenShift GitOps on it first: rhoai gitops bootstrap --cluster " + name);
        requireNamespace(hub, Fleet.ARGOCD_NAMESPACE, deadline, "hub " + req.hub(),
                "bootstrap OpenShift GitOps on the hub first: rhoai gitops bootstrap --cluster " + req.hub());

        Applier onMember = new Applier(member, new Kinds(member), req.dryRun(), progress);
        List<Applied> memberObjects = new ArrayList<>();
        for (GenericKubernetesResource o : memberObjects(name)) {
            Applied a = onMember.apply(o, false, deadline);
            memberObjects.add(a);
            progress.info("member " + name + ": " + a.ref() + " " + a.outcome() + (a.dryRun() ? " (dry run)" : ""));
        }

        GenericKubernetesResource tokenSecret = req.dryRun() == DryRun.NONE ? awaitToken(name, deadline) : readTokenSecret(deadline);
        Secret token = tokenOf(tokenSecret, name);
        String caData = caData(member.getConfiguration(), tokenSecret);
        List<Applied> hubObjects = new ArrayList<>();
        if (token == null) {
            // a dry run before the ServiceAccount exists: no token to compare with, the Secret would be written
            GenericKubernetesResource live = Retry.call("read Secret " + Fleet.ARGOCD_NAMESPACE + "/" + hubSecretName(name), deadline,
                    () -> hub.genericKubernetesResources(Kinds.SECRET).inNamespace(Fleet.ARGOCD_NAMESPACE).withName(hubSecretName(name)).get());
            hubObjects.add(new Applied("v1", "Secret", Fleet.ARGOCD_NAMESPACE, hubSecretName(name),
                    live == null ? Outcome.CREATED : Outcome.CONFIGURED, true, "the ServiceAccount token is issued once the member's objects exist"));
        } else {
            Applier onHub = new Applier(hub, new Kinds(hub), req.dryRun(), progress);
            hubObjects.add(onHub.apply(clusterSecret(req.member(), server, token, caData), false, deadline));
        }
        Applied h = hubObjects.get(0);
        progress.info("hub " + req.hub() + ": " + h.ref() + " " + h.outcome() + (h.dryRun() ? " (dry run)" : ""));
        boolean changed = Applier.anyChange(memberObjects) || Applier.anyChange(hubObjects);
        return new Result(name, req.hub(), server, req.member().labels(), caData != null, memberObjects, hubObjects, changed, req.dryRun().isDryRun());
    }

    /** Removes the hub's cluster Secret and, with purge, the member's ServiceAccount, Role, binding, token and namespace. */
    public Result unregister(UnregisterRequest req) {
        Deadline deadline = Deadline.in(req.timeout(), clock);
        boolean dry = req.dryRun().isDryRun();
        boolean server = req.dryRun() == DryRun.SERVER;   // the API server checks the delete (permissions) and keeps the object
        List<Applied> hubObjects = new ArrayList<>();
        GenericKubernetesResource live = Retry.call("read Secret " + Fleet.ARGOCD_NAMESPACE + "/" + hubSecretName(req.member()), deadline,
                () -> hub.genericKubernetesResources(Kinds.SECRET).inNamespace(Fleet.ARGOCD_NAMESPACE).withName(hubSecretName(req.member())).get());
        if (live != null && !Ownership.isManaged(live)) {
            throw RhoaiException.precondition("Secret " + Fleet.ARGOCD_NAMESPACE + "/" + hubSecretName(req.member()) + " on the hub was not made by rhoai",
                    "remove it with argocd cluster rm or kubectl if it should go");
        }
        hubObjects.add(delete(new Kinds(hub), Kinds.SECRET, Fleet.ARGOCD_NAMESPACE, hubSecretName(req.member()), live != null, dry, server, deadline));
        List<Applied> memberObjects = new ArrayList<>();
        if (req.purge()) {
            List<GenericKubernetesResource> objects = new ArrayList<>(memberObjects(req.member()));
            java.util.Collections.reverse(objects);
            Kinds kinds = new Kinds(member);
            for (GenericKubernetesResource o : objects) {
                ResourceDefinitionContext kind = kinds.of(o);
                GenericKubernetesResource found = Retry.call("read " + Fields.ref(o), deadline,
                        () -> kinds.resource(kind, o.getMetadata().getNamespace(), o.getMetadata().getName()).get());
                if (found != null && !Ownership.isManaged(found)) {
                    // someone else's object of the same name (a namespace holding their things): never rhoai's to delete
                    progress.warn("member " + req.member() + ": " + Fields.ref(found) + " was not made by rhoai; left in place");
                    continue;
                }
                memberObjects.add(delete(kinds, kind, o.getMetadata().getNamespace(), o.getMetadata().getName(), found != null, dry, server, deadline));
            }
        }
        for (Applied a : hubObjects) progress.info("hub " + req.hub() + ": " + a.ref() + " " + a.outcome() + (dry ? " (dry run)" : ""));
        for (Applied a : memberObjects) progress.info("member " + req.member() + ": " + a.ref() + " " + a.outcome() + (dry ? " (dry run)" : ""));
        boolean changed = Applier.anyChange(hubObjects) || Applier.anyChange(memberObjects);
        return new Result(req.member(), req.hub(), null, null, false, memberObjects, hubObjects, changed, dry);
    }

    /** The member's objects, in creation order. */
    static List<GenericKubernetesResource> memberObjects(String cluster) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        out.add(object("v1", "Namespace", null, MEMBER_NAMESPACE, Map.of()));
        out.add(object("v1", "ServiceAccount", MEMBER_NAMESPACE, SERVICE_ACCOUNT, Map.of()));
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("apiGroups", List.of("*"));
        rule.put("resources", List.of("*"));
        rule.put("verbs", List.of("*"));
        out.add(object("rbac.authorization.k8s.io/v1", "Role", Fleet.ARGOCD_NAMESPACE, ROLE, Map.of("rules", List.of(rule))));
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", ROLE));
        binding.put("subjects", List.of(Map.of("kind", "ServiceAccount", "name", SERVICE_ACCOUNT, "namespace", MEMBER_NAMESPACE)));
        out.add(object("rbac.authorization.k8s.io/v1", "RoleBinding", Fleet.ARGOCD_NAMESPACE, ROLE, binding));
        GenericKubernetesResource token = object("v1", "Secret", MEMBER_NAMESPACE, TOKEN_SECRET, Map.of("type", "kubernetes.io/service-account-token"));
        token.getMetadata().setAnnotations(Map.of("kubernetes.io/service-account.name", SERVICE_ACCOUNT));
        out.add(token);
        return out;
    }

    /** The Argo CD cluster Secret (docs: operator-manual/declarative-setup, "Clusters"). */
    static GenericKubernetesResource clusterSecret(Member m, String server, Secret token, String caData) {
        Map<String, String> labels = new TreeMap<>(m.labels());
        labels.put(SECRET_TYPE_LABEL, "cluster");
        labels.put(Fleet.MEMBER_LABEL, m.name());
        ObjectNode config = Mappers.json().createObjectNode();
        config.put("bearerToken", token.reveal());
        ObjectNode tls = config.putObject("tlsClientConfig");
        tls.put("insecure", false);
        if (caData != null) tls.put("caData", caData);
        String configJson;
        try {
            configJson = Mappers.json().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the cluster config", e);
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("name", b64(m.name()));
        data.put("server", b64(server));
        data.put("namespaces", b64(Fleet.ARGOCD_NAMESPACE));
        data.put("clusterResources", b64("false"));
        data.put("config", b64(configJson));
        GenericKubernetesResource s = object("v1", "Secret", Fleet.ARGOCD_NAMESPACE, hubSecretName(m.name()), Map.of("type", "Opaque", "data", data));
        s.getMetadata().setLabels(labels);
        return s;
    }

    private GenericKubernetesResource awaitToken(String cluster, Deadline deadline) {
        return new Waits(member, progress).forObject(Waits.on(Kinds.SECRET, MEMBER_NAMESPACE, TOKEN_SECRET)
                .describedAs("the token controller of " + cluster + " to issue the token of Secret " + MEMBER_NAMESPACE + "/" + TOKEN_SECRET)
                .hint("check that the ServiceAccount " + MEMBER_NAMESPACE + "/" + SERVICE_ACCOUNT + " exists (oc get sa -n " + MEMBER_NAMESPACE + ")")
                .until(s -> s != null && tokenText(s) != null)
                .state(s -> s == null ? "Secret absent" : tokenText(s) == null ? "no token yet" : "token issued"), deadline);
    }

    private GenericKubernetesResource readTokenSecret(Deadline deadline) {
        return Retry.call("read Secret " + MEMBER_NAMESPACE + "/" + TOKEN_SECRET, deadline,
                () -> member.genericKubernetesResources(Kinds.SECRET).inNamespace(MEMBER_NAMESPACE).withName(TOKEN_SECRET).get());
    }

    private static Secret tokenOf(GenericKubernetesResource tokenSecret, String cluster) {
        String t = tokenText(tokenSecret);
        return t == null ? null : Secret.of(t, "ServiceAccount token " + MEMBER_NAMESPACE + "/" + SERVICE_ACCOUNT + " on " + cluster);
    }

    private static String tokenText(GenericKubernetesResource s) {
        String b64 = Fields.text(s, "data", "token");
        if (b64 == null || b64.isBlank()) return null;
        String t = new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8).strip();
        if (t.isEmpty()) return null;
        io.rhoai.core.secret.Redactor.register(t);
        return t;
    }

    /** base64 PEM: the member kubeconfig's CA (what the user trusts for this URL), else the token Secret's ca.crt. */
    static String caData(Config config, GenericKubernetesResource tokenSecret) {
        if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) return config.getCaCertData().strip();
        if (config.getCaCertFile() != null && !config.getCaCertFile().isBlank()) {
            try {
                return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
            } catch (IOException e) {
                throw RhoaiException.invalid("cannot read the member's certificate-authority file " + config.getCaCertFile() + ": " + e.getMessage(),
                        "fix the kubeconfig's certificate-authority path");
            }
        }
        String ca = Fields.text(tokenSecret, "data", "ca.crt");
        return ca == null || ca.isBlank() ? null : ca.strip();
    }

    private static void requireNamespace(KubernetesClient c, String ns, Deadline deadline, String what, String hint) {
        GenericKubernetesResource n = Retry.call("read Namespace " + ns, deadline,
                () -> c.genericKubernetesResources(Kinds.NAMESPACE).withName(ns).get());
        if (n == null) throw RhoaiException.precondition(what + " has no namespace " + ns + " (OpenShift GitOps is not installed)", hint);
    }

    private static Applied delete(Kinds kinds, ResourceDefinitionContext kind, String ns, String name, boolean exists, boolean dry,
                                  boolean serverDryRun, Deadline deadline) {
        String api = Kinds.apiVersion(kind);
        if (!exists) return new Applied(api, kind.getKind(), ns, name, Outcome.ABSENT, dry);
        if (!dry || serverDryRun) {
            Retry.run("delete " + kind.getKind() + " " + (ns == null ? "" : ns + "/") + name, deadline,
                    () -> kinds.resource(kind, ns, name).dryRun(serverDryRun).delete());
        }
        return new Applied(api, kind.getKind(), ns, name, Outcome.DELETED, dry);
    }

    private static GenericKubernetesResource object(String apiVersion, String kind, String ns, String name, Map<String, Object> fields) {
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion(apiVersion);
        o.setKind(kind);
        o.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        fields.forEach(o::setAdditionalProperty);
        return o;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }


    private static String stripSlash(String url) {
        return url == null ? "" : url.replaceAll("/+$", "");
    }
}
