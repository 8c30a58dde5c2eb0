package io.rhoai.oauth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Redactor;
import io.rhoai.core.time.Awaited;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import io.rhoai.kube.Applier;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.Applier.DryRun;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.MergeWriter;
import io.rhoai.kube.Rollouts;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Configures Google sign-in: the client Secret in openshift-config (a whole object rhoai owns: server-side apply) and
 * the provider entry in OAuth/cluster, merged by name so every other provider stays exactly as it was (a list others
 * own: {@link MergeWriter}); then, with wait, follows the authentication operator until it has rolled the change out.
 * Everything, the wait included, runs within the one deadline of {@code --timeout}.
 */
public final class GoogleIdpConfigurer {
    public static final String CONFIG_NAMESPACE = "openshift-config";
    public static final String SECRET_KEY = "clientSecret";
    static final String OAUTH_NAME = "cluster";
    static final String ROUTE_NAMESPACE = "openshift-authentication";
    static final String ROUTE_NAME = "oauth-openshift";
    static final Set<String> MAPPING_METHODS = Set.of("claim", "lookup", "generate", "add");
    private static final Pattern DOMAIN = Pattern.compile("(?i)^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");
    private static final Pattern PROVIDER_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    static final String MISSING_CLIENT_ID = "<missing: spec.oauth.google.clientID or --client-id>";

    private final KubernetesClient client;
    private final Progress progress;
    private final Poller poller;

    public GoogleIdpConfigurer(KubernetesClient client, Progress progress, Poller poller) {
        this.client = client;
        this.progress = progress;
        this.poller = poller;
    }

    public GoogleIdpResult configure(GoogleIdpRequest in) {
        Deadline deadline = Deadline.in(in.timeout());
        boolean dry = in.dryRun().isDryRun();
        List<String> warnings = new ArrayList<>();
        validate(in, warnings);
        String secretName = in.secretName() == null ? GoogleIdpRequest.DEFAULT_SECRET_NAME : in.secretName();
        String mapping = in.mappingMethod() == null ? GoogleIdpRequest.DEFAULT_MAPPING_METHOD : in.mappingMethod();
        String hostedDomain = in.hostedDomain() == null || in.hostedDomain().isBlank() ? null : in.hostedDomain().strip();
        String clientId = in.clientId() == null || in.clientId().isBlank() ? MISSING_CLIENT_ID : in.clientId().strip();
        ObjectNode provider = IdentityProviders.google(in.providerName(), mapping, clientId, secretName, hostedDomain);

        Reads reads = new Reads(client, deadline);
        Redirect redirect = redirectUri(in, reads, warnings);
        // taken before writing: a settled operator may just not have noticed the change yet
        Rollouts.Mark before = in.waitForRollout() && !dry ? Rollouts.mark(client, OperatorState.AUTHENTICATION, deadline) : null;

        // the Secret first: a provider naming a Secret that does not exist yet would degrade the authentication operator
        progress.step((dry ? "Planning" : "Reconciling") + " Secret " + CONFIG_NAMESPACE + "/" + secretName);
        Applied secret = writeSecret(in, secretName, reads, deadline, warnings);
        progress.step((dry ? "Planning" : "Merging") + " identity provider " + in.providerName() + " into OAuth/cluster");
        AtomicReference<IdentityProviders.Action> action = new AtomicReference<>();
        Applied oauth = new MergeWriter(client, in.dryRun()).write(Kinds.OAUTH, null, OAUTH_NAME, current -> {
            ObjectNode o = current != null ? current : emptyOAuth();
            IdentityProviders.Action a = IdentityProviders.merge(o, provider.deepCopy());
            action.set(a);
            return a == IdentityProviders.Action.UNCHANGED ? null : o;
        }, deadline);
        String providerAction = action.get().label();
        progress.done("identity provider " + in.providerName() + ": " + providerAction + "; Secret " + secretName + ": "
                + secret.outcome() + (dry ? " (dry run)" : ""));
        if (redirect.uri() != null) {
            progress.info("register this redirect URI on the Google OAuth client (Web application): " + redirect.uri());
        }

        GoogleIdpResult.Rollout rollout = rollout(in, before, oauth, secret, reads, deadline);
        return new GoogleIdpResult(dry, in.providerName(), providerAction, oauth.outcome(),
                new GoogleIdpResult.SecretRef(CONFIG_NAMESPACE, secretName, SECRET_KEY, secret.outcome(),
                        in.clientSecret() != null ? in.clientSecret().origin()
                                : secret.outcome() == Outcome.UNCHANGED ? "existing Secret" : "not given yet", secret.note()),
                redirect.uri(), redirect.source(), hostedDomain, mapping, provider, rollout, List.copyOf(warnings));
    }

    private void validate(GoogleIdpRequest in, List<String> warnings) {
        if (in.providerName() == null || !PROVIDER_NAME.matcher(in.providerName()).matches()) {
            throw RhoaiException.invalid("spec.oauth.google.providerName: '" + in.providerName()
                            + "' is not a usable provider name (letters, digits, '.', '_', '-'; it becomes part of the redirect URI)",
                    "set spec.oauth.google.providerName in the profile or pass --provider-name, e.g. RedHat-Google-Auth");
        }
        if (in.clientId() == null || in.clientId().isBlank()) {
            if (!in.dryRun().isDryRun()) {
                throw RhoaiException.invalid("spec.oauth.google.clientID is missing",
                        "set it in the profile or pass --client-id (the ID of the Google OAuth client, ...apps.googleusercontent.com)");
            }
            // a dry run before the Google client exists is how people learn the redirect URI to give it
            warn(warnings, "spec.oauth.google.clientID is missing: fine for this dry run, required for the real run (--client-id)");
        } else if (in.clientId().contains(" ") || in.clientId().contains("/")) {
            throw RhoaiException.invalid("--client-id: '" + in.clientId() + "' is not a Google OAuth client ID",
                    "copy the Client ID from Google Cloud console → APIs & Services → Credentials");
        }
        if (in.clientId() != null && !in.clientId().isBlank() && !in.clientId().endsWith(".apps.googleusercontent.com")) {
            warn(warnings, "client ID '" + in.clientId() + "' does not end in .apps.googleusercontent.com; check it is the Client ID, not the project ID");
        }
        if (in.mappingMethod() != null && !MAPPING_METHODS.contains(in.mappingMethod())) {
            throw RhoaiException.invalid("spec.oauth.google.mappingMethod: '" + in.mappingMethod() + "' is not one of claim, lookup, generate, add",
                    "use claim (the default) unless you map users by hand");
        }
        String hd = in.hostedDomain();
        if (hd == null || hd.isBlank()) {
            warn(warnings, "spec.oauth.google.hostedDomain is empty: ANY Google account (including personal Gmail) could sign in to this cluster;"
                    + " set it to your organisation's domain, e.g. redhat.com");
        } else if (hd.contains("://")) {
            throw RhoaiException.invalid("spec.oauth.google.hostedDomain: '" + hd + "' must be a bare domain, without a scheme",
                    "write the domain only, e.g. " + hd.substring(hd.indexOf("://") + 3).replaceAll("/.*", ""));
        } else if (hd.contains("@")) {
            throw RhoaiException.invalid("spec.oauth.google.hostedDomain: '" + hd + "' must be a domain, not an e-mail address",
                    "write the part after the @, e.g. " + hd.substring(hd.indexOf('@') + 1));
        } else if (!DOMAIN.matcher(hd.strip()).matches()) {
            throw RhoaiException.invalid("spec.oauth.google.hostedDomain: '" + hd + "' is not a domain name",
                    "write your Google Workspace domain, e.g. redhat.com");
        }
    }

    /** @param source "route" when read from the cluster, "profile" when built from spec.cluster */
    private record Redirect(String uri, String source) { }

    private Redirect redirectUri(GoogleIdpRequest in, Reads reads, List<String> warnings) {
        String fromProfile = in.clusterName() != null && in.baseDomain() != null
                ? "oauth-openshift.apps." + in.clusterName() + "." + in.baseDomain() : null;
        String host = Fields.text(reads.get(Kinds.ROUTE, ROUTE_NAMESPACE, ROUTE_NAME), "spec", "host");
        if (host != null && !host.isBlank()) {
            if (fromProfile != null && !fromProfile.equalsIgnoreCase(host)) {
                warn(warnings, "the cluster's OAuth route is " + host + " but the profile implies " + fromProfile
                        + "; check --kubeconfig/--context point at the cluster of this profile");
            }
            return new Redirect("https://" + host + "/oauth2callback/" + in.providerName(), "route");
        }
        if (fromProfile != null) {
            return new Redirect("https://" + fromProfile + "/oauth2callback/" + in.providerName(), "profile");
        }
        warn(warnings, "cannot tell the redirect URI: no route openshift-authentication/oauth-openshift and no spec.cluster in the profile");
        return new Redirect(null, null);
    }

    /**
     * The client Secret, applied whole under field manager rhoai with force: the value the user hands over wins over
     * whoever set {@code clientSecret} before (a hand-made Secret, an earlier rhoai that wrote it with an update). An
     * existing Secret rhoai did not label is reported {@code adopted}. Without a secret source the value in the
     * cluster is kept and nothing is written.
     */
    private Applied writeSecret(GoogleIdpRequest in, String name, Reads reads, Deadline deadline, List<String> warnings) {
        DryRun mode = in.dryRun();
        if (in.clientSecret() == null) {
            GenericKubernetesResource live = reads.get(Kinds.SECRET, CONFIG_NAMESPACE, name);
            String held = Fields.text(live, "data", SECRET_KEY);
            if (held != null && !held.isEmpty()) return secretResult(name, Outcome.UNCHANGED, mode, null);
            if (!mode.isDryRun()) {
                throw RhoaiException.invalid("the Google client secret is missing and Secret " + CONFIG_NAMESPACE + "/" + name
                                + " does not hold one",
                        "pass --client-secret-file <file> or set RHOAI_GOOGLE_CLIENT_SECRET_FILE or RHOAI_GOOGLE_CLIENT_SECRET");
            }
            warn(warnings, "the Google client secret is not given and Secret " + CONFIG_NAMESPACE + "/" + name
                    + " does not hold one: fine for this dry run, required for the real run"
                    + " (--client-secret-file, RHOAI_GOOGLE_CLIENT_SECRET_FILE or RHOAI_GOOGLE_CLIENT_SECRET)");
            // there is no value to send, so a server dry run cannot validate this Secret
            return mode == DryRun.SERVER
                    ? secretResult(name, Outcome.UNVALIDATED, mode, "not validated by the server: no client secret given yet")
                    : secretResult(name, live == null ? Outcome.CREATED : Outcome.CONFIGURED, mode, null);
        }
        String encoded = Base64.getEncoder().encodeToString(in.clientSecret().revealBytes());
        Redactor.register(encoded);   // the encoded form must not leak either
        // no type: the server defaults it to Opaque on create, and an existing Secret keeps its own
        GenericKubernetesResource body = new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("Secret")
                .withNewMetadata().withName(name).withNamespace(CONFIG_NAMESPACE).endMetadata()
                .addToAdditionalProperties("data", Map.of(SECRET_KEY, encoded)).build();
        Applied applied = new Applier(client, new Kinds(client), mode, progress).apply(body, true, deadline);
        if (applied.outcome() == Outcome.ADOPTED) {
            // another tool made this Secret; if that tool owns it, it will put its own value back
            GenericKubernetesResource live = reads.get(Kinds.SECRET, CONFIG_NAMESPACE, name);
            if (live != null && live.getMetadata().getOwnerReferences() != null && !live.getMetadata().getOwnerReferences().isEmpty()) {
                warn(warnings, "Secret " + CONFIG_NAMESPACE + "/" + name + " is owned by " + live.getMetadata().getOwnerReferences().get(0).getKind()
                        + "; its owner may put its own value back (e.g. an ExternalSecret refreshing from a vault)");
            }
        }
        return applied;
    }

    private static Applied secretResult(String name, Outcome outcome, DryRun mode, String note) {
        return new Applied("v1", "Secret", CONFIG_NAMESPACE, name, outcome, mode.isDryRun(), note);
    }

    private GoogleIdpResult.Rollout rollout(GoogleIdpRequest in, Rollouts.Mark before, Applied oauth, Applied secret,
                                            Reads reads, Deadline deadline) {
        if (in.dryRun().isDryRun()) return new GoogleIdpResult.Rollout(false, null, null, "dry run: nothing written");
        boolean changed = oauth.outcome().changes() || secret.outcome().changes();
        if (!in.waitForRollout()) {
            return new GoogleIdpResult.Rollout(false, null, null,
                    changed ? "not waited; the authentication operator rolls the change out in a few minutes (use --wait)" : "nothing changed");
        }
        if (!changed) {
            return new GoogleIdpResult.Rollout(false, null, OperatorState.of(reads.get(Kinds.CLUSTER_OPERATOR, null, OperatorState.AUTHENTICATION)),
                    "nothing changed; no rollout to wait for");
        }
        ObjectNode stored = reads.tree(Kinds.OAUTH, null, OAUTH_NAME);
        Long generation = stored != null && stored.path("metadata").path("generation").isNumber()
                ? stored.path("metadata").path("generation").asLong() : null;
        Awaited<GenericKubernetesResource> operator = Rollouts.clusterOperator(client, OperatorState.AUTHENTICATION, before);
        String what = "ClusterOperator authentication to roll out OAuth/cluster generation " + generation
                + " (Progressing True then False, Available True)";
        progress.step("Waiting for " + what);
        GenericKubernetesResource done = poller.await(operator.named(what,
                "raise --timeout (the whole run's budget), or check the operator with: oc get clusteroperator authentication -o yaml"), deadline);
        OperatorState state = OperatorState.of(done);
        progress.done("authentication operator rolled out the change (" + state.state() + ")");
        return new GoogleIdpResult.Rollout(true, generation, state, "rolled out");
    }

    private static ObjectNode emptyOAuth() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", "config.openshift.io/v1");
        o.put("kind", "OAuth");
        o.putObject("metadata").put("name", "cluster");
        o.putObject("spec").putArray("identityProviders");
        return o;
    }

    private void warn(List<String> warnings, String message) {
        if (!warnings.contains(message)) {
            warnings.add(message);
            progress.warn(message);
        }
    }
}
