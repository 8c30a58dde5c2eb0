package io.rhoai.oauth;

import io.rhoai.core.time.Poller;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Redactor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Configures Google sign-in: the client Secret in openshift-config (owned by rhoai) and the provider entry in
 * OAuth/cluster, merged by name so every other provider stays exactly as it was; then, with wait, follows the
 * authentication operator until it has rolled the change out.
 */
public final class GoogleIdpConfigurer {
    public static final String CONFIG_NAMESPACE = "openshift-config";
    public static final String SECRET_KEY = "clientSecret";
    static final String OAUTH_COLLECTION = KubeJson.path("config.openshift.io", "v1", "oauths", null, null);
    static final String OAUTH_PATH = OAUTH_COLLECTION + "/cluster";
    static final String ROUTE_PATH = KubeJson.path("route.openshift.io", "v1", "routes", "openshift-authentication", "oauth-openshift");
    static final Set<String> MAPPING_METHODS = Set.of("claim", "lookup", "generate", "add");
    private static final Pattern DOMAIN = Pattern.compile("(?i)^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");
    private static final Pattern PROVIDER_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    static final String MISSING_CLIENT_ID = "<missing: spec.oauth.google.clientID or --client-id>";

    private final KubeJson kube;
    private final ObjectWriter writer;
    private final Progress progress;
    private final Poller wait;

    public GoogleIdpConfigurer(KubeJson kube, Progress progress, Poller wait) {
        this.kube = kube;
        this.writer = new ObjectWriter(kube);
        this.progress = progress;
        this.wait = wait;
    }

    public GoogleIdpResult configure(GoogleIdpRequest in) {
        List<String> warnings = new ArrayList<>();
        validate(in, warnings);
        String secretName = in.secretName() == null ? GoogleIdpRequest.DEFAULT_SECRET_NAME : in.secretName();
        String mapping = in.mappingMethod() == null ? GoogleIdpRequest.DEFAULT_MAPPING_METHOD : in.mappingMethod();
        String hostedDomain = in.hostedDomain() == null || in.hostedDomain().isBlank() ? null : in.hostedDomain().strip();
        String clientId = in.clientId() == null || in.clientId().isBlank() ? MISSING_CLIENT_ID : in.clientId().strip();
        ObjectNode provider = IdentityProviders.google(in.providerName(), mapping, clientId, secretName, hostedDomain);

        Redirect redirect = redirectUri(in, warnings);
        AuthOperator.State before = in.waitForRollout() && !in.dryRun() ? AuthOperator.read(kube) : null;

        // the Secret first: a provider naming a Secret that does not exist yet would degrade the authentication operator
        progress.step((in.dryRun() ? "Planning" : "Reconciling") + " Secret " + CONFIG_NAMESPACE + "/" + secretName);
        Outcome secretOutcome = writeSecret(in, secretName, warnings);
        progress.step((in.dryRun() ? "Planning" : "Merging") + " identity provider " + in.providerName() + " into OAuth/cluster");
        AtomicReference<IdentityProviders.Action> action = new AtomicReference<>();
        ObjectWriter.Write oauth = writer.apply(OAUTH_COLLECTION, OAUTH_PATH, current -> {
            ObjectNode o = current.orElseGet(GoogleIdpConfigurer::emptyOAuth);
            IdentityProviders.Action a = IdentityProviders.merge(o, provider.deepCopy());
            action.set(a);
            return a == IdentityProviders.Action.UNCHANGED ? null : o;
        }, in.dryRun());
        String providerAction = switch (action.get()) {
            case ADDED -> in.dryRun() ? "would-add" : "added";
            case UPDATED -> in.dryRun() ? "would-update" : "updated";
            case UNCHANGED -> "unchanged";
        };
        progress.done("identity provider " + in.providerName() + ": " + providerAction + "; Secret " + secretName + ": " + secretOutcome);
        if (redirect.uri() != null) {
            progress.info("register this redirect URI on the Google OAuth client (Web application): " + redirect.uri());
        }

        GoogleIdpResult.Rollout rollout = rollout(in, before, oauth, secretOutcome);
        return new GoogleIdpResult(in.dryRun(), in.providerName(), providerAction, oauth.outcome(),
                new GoogleIdpResult.SecretRef(CONFIG_NAMESPACE, secretName, SECRET_KEY, secretOutcome,
                        in.clientSecret() != null ? in.clientSecret().origin()
                                : secretOutcome == Outcome.WOULD_CREATE ? "not given yet" : "existing Secret"),
                redirect.uri(), redirect.source(), hostedDomain, mapping, provider, rollout, List.copyOf(warnings));
    }

    private void validate(GoogleIdpRequest in, List<String> warnings) {
        if (in.providerName() == null || !PROVIDER_NAME.matcher(in.providerName()).matches()) {
            throw RhoaiException.invalid("spec.oauth.google.providerName: '" + in.providerName()
                            + "' is not a usable provider name (letters, digits, '.', '_', '-'; it becomes part of the redirect URI)",
                    "set spec.oauth.google.providerName in the profile or pass --provider-name, e.g. RedHat-Google-Auth");
        }
        if (in.clientId() == null || in.clientId().isBlank()) {
            if (!in.dryRun()) {
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

    private Redirect redirectUri(GoogleIdpRequest in, List<String> warnings) {
        String fromProfile = in.clusterName() != null && in.baseDomain() != null
                ? "oauth-openshift.apps." + in.clusterName() + "." + in.baseDomain() : null;
        String host = kube.get(ROUTE_PATH).map(r -> r.path("spec").path("host").asText(null)).orElse(null);
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

    private Outcome writeSecret(GoogleIdpRequest in, String name, List<String> warnings) {
        String path = KubeJson.path("", "v1", "secrets", CONFIG_NAMESPACE, name);
        String collection = KubeJson.path("", "v1", "secrets", CONFIG_NAMESPACE, null);
        if (in.clientSecret() == null) {
            Optional<ObjectNode> existing = kube.get(path);
            if (existing.isEmpty() || existing.get().path("data").path(SECRET_KEY).asText("").isEmpty()) {
                if (in.dryRun()) {
                    warn(warnings, "the Google client secret is not given and Secret " + CONFIG_NAMESPACE + "/" + name
                            + " does not hold one: fine for this dry run, required for the real run"
                            + " (--client-secret-file, RHOAI_GOOGLE_CLIENT_SECRET_FILE or RHOAI_GOOGLE_CLIENT_SECRET)");
                    return Outcome.WOULD_CREATE;
                }
                throw RhoaiException.invalid("the Google client secret is missing and Secret " + CONFIG_NAMESPACE + "/" + name
                                + " does not hold one",
                        "pass --client-secret-file <file> or set RHOAI_GOOGLE_CLIENT_SECRET_FILE or RHOAI_GOOGLE_CLIENT_SECRET");
            }
            return Outcome.UNCHANGED;
        }
        String encoded = Base64.getEncoder().encodeToString(in.clientSecret().revealBytes());
        Redactor.register(encoded);   // the encoded form must not leak either
        return writer.apply(collection, path, current -> {
            ObjectNode s;
            if (current.isPresent()) {
                s = current.get();
                String manager = s.path("metadata").path("labels").path(ObjectWriter.MANAGED_BY).asText("");
                if (!"rhoai".equals(manager) && !s.path("metadata").path("ownerReferences").isEmpty()) {
                    warn(warnings, "Secret " + CONFIG_NAMESPACE + "/" + name + " is owned by "
                            + s.path("metadata").path("ownerReferences").path(0).path("kind").asText("another object")
                            + "; its owner may put its own value back (e.g. an ExternalSecret refreshing from a vault)");
                }
            } else {
                s = JsonNodeFactory.instance.objectNode();
                s.put("apiVersion", "v1");
                s.put("kind", "Secret");
                ObjectWriter.child(s, "metadata").put("name", name).put("namespace", CONFIG_NAMESPACE);
                s.put("type", "Opaque");
            }
            ObjectWriter.labelManaged(s);
            ObjectWriter.child(s, "data").put(SECRET_KEY, encoded);
            s.remove("stringData");
            return s;
        }, in.dryRun()).outcome();
    }

    private GoogleIdpResult.Rollout rollout(GoogleIdpRequest in, AuthOperator.State before, ObjectWriter.Write oauth, Outcome secret) {
        Long generation = oauth.stored() == null || in.dryRun() ? null
                : oauth.stored().path("metadata").path("generation").isNumber() ? oauth.stored().path("metadata").path("generation").asLong() : null;
        if (in.dryRun()) return new GoogleIdpResult.Rollout(false, null, null, "dry run: nothing written");
        boolean changed = oauth.outcome().changed() || secret.changed();
        if (!in.waitForRollout()) {
            return new GoogleIdpResult.Rollout(false, generation, null,
                    changed ? "not waited; the authentication operator rolls the change out in a few minutes (use --wait)" : "nothing changed");
        }
        if (!changed) {
            return new GoogleIdpResult.Rollout(false, generation, AuthOperator.read(kube), "nothing changed; no rollout to wait for");
        }
        progress.step("Waiting for ClusterOperator authentication to roll out OAuth/cluster generation " + generation);
        boolean[] started = {false};
        AuthOperator.State done = wait.until("ClusterOperator authentication to roll out OAuth/cluster generation " + generation
                        + " (Progressing True then False, Available True)", in.timeout(),
                "raise --timeout, or check the operator with: oc get clusteroperator authentication -o yaml",
                () -> AuthOperator.read(kube),
                s -> {
                    if (s == null || !s.present()) return false;
                    if (s.progressingTrue() || !Objects.equals(s.progressingSince(), before.progressingSince())) started[0] = true;
                    return started[0] && s.settled();
                },
                s -> (s == null ? "nothing read" : s.describe()) + (started[0] ? "" : "; the rollout has not started yet"));
        progress.done("authentication operator rolled out the change (" + done.describe() + ")");
        return new GoogleIdpResult.Rollout(true, generation, done, "rolled out");
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
