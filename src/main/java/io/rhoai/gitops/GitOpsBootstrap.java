package io.rhoai.gitops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;
import io.rhoai.gitops.BootstrapResult.AppState;
import io.rhoai.kube.Applier;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.Applier.DryRun;
import io.rhoai.core.Outcome;
import io.rhoai.kube.Ownership;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Fields;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.ManifestTemplates;
import io.rhoai.kube.ManifestTemplates.Mode;
import io.rhoai.kube.ManifestTemplates.Rendered;
import io.rhoai.kube.Patches;
import io.rhoai.kube.Retry;
import io.rhoai.kube.Waits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.rhoai.gitops.GitOpsNames.*;

/**
 * Takes a cluster from nothing to OpenShift GitOps syncing the cluster's configuration, in stages that each wait for
 * the previous one: operator Subscription → InstallPlan → CSV Succeeded → Argo CD CRDs established → Argo CD instance
 * available (server route) → repository secret → AppProjects → root Application → (optionally) every Application
 * Synced and Healthy. One {@link Deadline} bounds all stages; a timeout names the stage and the last state seen.
 * Safe to re-run: unchanged objects are not written. An existing install (a Subscription to the operator that rhoai did
 * not create) is adopted as it is, never duplicated.
 */
public final class GitOpsBootstrap {
    static final String STAGE = "stage";
    static final String FORCE = "apply-force";
    static final List<String> STAGES = List.of("operator", "instance", "repository", "projects", "root");

    private final KubernetesClient client;
    private final Waits.Mode waitMode;
    private final Duration pollInterval;
    private final Clock clock;
    private final Progress progress;

    /** @param client null only for --dry-run=client */
    public GitOpsBootstrap(KubernetesClient client, Waits.Mode waitMode, Duration pollInterval, Clock clock, Progress progress) {
        this.client = client;
        this.waitMode = waitMode;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.progress = progress;
    }

    public BootstrapResult run(BootstrapRequest req) {
        validate(req);
        Run run = new Run(req);
        if (run.dryRun == DryRun.CLIENT) return run.clientDryRun();
        String subscription = run.operatorStage();
        if (run.dryRun == DryRun.SERVER) return run.serverDryRunOfTheRest(subscription);
        GenericKubernetesResource sub = run.awaitInstallPlan();
        String version = run.awaitCsv(sub);
        run.awaitCrds();
        String url = run.instanceStage();
        run.repositoryProjectsRoot();
        List<AppState> apps = req.waitApps() ? waitForApps(req.cluster(), req.degradedGrace(), run.waits, run.deadline) : readApps(run.deadline);
        boolean changed = Applier.anyChange(run.applied);
        progress.done(changed ? "bootstrap complete in " + Durations.format(run.deadline.elapsed())
                : "nothing changed: OpenShift GitOps was already bootstrapped as described");
        return new BootstrapResult(req.cluster(), "none", run.channel, run.channelSource, subscription, run.adoptedSub != null,
                version, url, req.controllerRole(), changed, run.applied, apps, null);
    }

    /** One run's state: what every stage reads (the request, the one deadline, the rendered objects) and adds to. */
    private final class Run {
        final BootstrapRequest req;
        final Deadline deadline;
        final DryRun dryRun;
        final Applier applier;
        final Waits waits;
        final List<Applied> applied = new ArrayList<>();
        final GenericKubernetesResource adoptedSub;
        final List<Rendered> display;
        final List<Rendered> send;
        final String roleNote;
        String channel;
        String channelSource;
        String subNs;
        String subName;

        Run(BootstrapRequest req) {
            this.req = req;
            this.deadline = Deadline.in(req.timeout(), clock);
            this.dryRun = req.dryRun();
            this.applier = new Applier(client, client == null ? null : new Kinds(client), dryRun, progress);
            this.waits = client == null ? null : new Waits(client, waitMode, pollInterval, progress);
            this.adoptedSub = client == null ? null : findForeignSubscription(deadline);
            chooseChannel();
            Map<String, Object> vars = variables(req, channel);
            var manifests = BootstrapManifests.load(req.manifestsDir());
            this.display = ManifestTemplates.render(manifests, vars, Mode.DISPLAY);
            this.send = ManifestTemplates.render(manifests, vars, Mode.APPLY);
            checkStages(display);
            this.roleNote = req.controllerRole().equals(BootstrapRequest.DEFAULT_CONTROLLER_ROLE)
                    ? "cluster-admin (as in the seed; --controller-role " + BootstrapRequest.NARROW_CONTROLLER_ROLE + " narrows it)"
                    : req.controllerRole();
        }

        /** The adopted Subscription's channel, else --channel, else the PackageManifest's default. */
        private void chooseChannel() {
            channel = req.channel();
            channelSource = "--channel";
            if (adoptedSub != null) {
                channel = Fields.text(adoptedSub, "spec", "channel");
                channelSource = "existing Subscription";
            } else if (channel == null && client == null) {
                channel = FALLBACK_CHANNEL;
                channelSource = "not discovered (--dry-run=client); the seed's channel";
                progress.warn("--dry-run=client asks no cluster: channel shown as '" + channel
                        + "'; the real run uses the PackageManifest's default channel unless --channel is given");
            } else if (channel == null) {
                channel = discoverChannel(deadline);
                channelSource = "PackageManifest default channel";
            }
        }

        BootstrapResult clientDryRun() {
            for (Rendered r : display) applied.add(applier.apply(r.object(), false, deadline));
            progress.info("application controller role: " + roleNote);
            return new BootstrapResult(req.cluster(), "client", channel, channelSource,
                    SubscriptionRef.NAMESPACE + "/" + SubscriptionRef.DEFAULT, false, null, null,
                    req.controllerRole(), false, applied, List.of(),
                    display.stream().map(r -> Ownership.labelled(r.object())).toList());
        }

        /** Subscribes to the operator, or adopts an install rhoai did not make; returns namespace/name of the Subscription. */
        String operatorStage() {
            if (adoptedSub != null) {
                subNs = adoptedSub.getMetadata().getNamespace();
                subName = adoptedSub.getMetadata().getName();
                progress.info("adopting the existing Subscription " + subNs + "/" + subName + " (channel " + channel
                        + "); its namespace, OperatorGroup and Subscription are left as they are");
                applied.add(new Applied(adoptedSub.getApiVersion(), adoptedSub.getKind(), subNs, subName, Outcome.ADOPTED, dryRun != DryRun.NONE));
            } else {
                progress.step("operator: subscribing to " + PACKAGE + " (channel " + channel + ", " + channelSource + ")");
                applyStage("operator", send, applier, deadline, applied, dryRun);
                subNs = SubscriptionRef.NAMESPACE;
                subName = SubscriptionRef.DEFAULT;
            }
            return subNs + "/" + subName;
        }

        /** Nothing was installed, so nothing can be waited for; the later objects are checked as far as the API allows. */
        BootstrapResult serverDryRunOfTheRest(String subscription) {
            for (String stage : List.of("instance", "repository", "projects", "root")) applyStage(stage, send, applier, deadline, applied, dryRun);
            progress.done("server dry run: nothing was changed");
            return new BootstrapResult(req.cluster(), "server", channel, channelSource, subscription, adoptedSub != null,
                    null, null, req.controllerRole(), false, applied, List.of(), null);
        }

        GenericKubernetesResource awaitInstallPlan() {
            progress.step("install plan: waiting for OLM to resolve Subscription " + subNs + "/" + subName);
            GenericKubernetesResource sub = waits.forObject(Waits.on(Kinds.SUBSCRIPTION, subNs, subName)
                    .describedAs("stage 'install plan': Subscription " + subNs + "/" + subName + " to get an InstallPlan")
                    .hint("check the catalog source redhat-operators in openshift-marketplace and the Subscription's conditions")
                    .until(s -> s != null && (Fields.text(s, "status", "installPlanRef", "name") != null
                            || Fields.text(s, "status", "installedCSV") != null))
                    .state(GitOpsBootstrap::subscriptionState), deadline);
            approveIfNeeded(req, sub, deadline, waits);
            return sub;
        }

        /** Waits for the operator's CSV to succeed; returns the operator version. */
        String awaitCsv(GenericKubernetesResource sub) {
            String csvName = firstNonNull(Fields.text(sub, "status", "installedCSV"), Fields.text(sub, "status", "currentCSV"));
            if (csvName == null) {
                sub = waits.forObject(Waits.on(Kinds.SUBSCRIPTION, subNs, subName)
                        .describedAs("stage 'install plan': Subscription " + subNs + "/" + subName + " to name its CSV")
                        .until(s -> s != null && Fields.text(s, "status", "currentCSV") != null)
                        .state(GitOpsBootstrap::subscriptionState), deadline);
                csvName = Fields.text(sub, "status", "currentCSV");
            }
            String csv = csvName;
            progress.step("operator: waiting for CSV " + csv + " to succeed");
            GenericKubernetesResource csvObj = waits.forObject(Waits.on(Kinds.CSV, subNs, csv)
                    .describedAs("stage 'CSV': ClusterServiceVersion " + subNs + "/" + csv + " to reach phase Succeeded")
                    .hint("see: oc get csv " + csv + " -n " + subNs + " -o yaml (status.conditions)")
                    .until(c -> c != null && "Succeeded".equals(Fields.text(c, "status", "phase")))
                    .state(c -> c == null ? "CSV absent" : "phase=" + Fields.text(c, "status", "phase")
                            + optional(" reason=", Fields.text(c, "status", "reason"))), deadline);
            progress.done("operator " + csv + " succeeded");
            return firstNonNull(Fields.text(csvObj, "spec", "version"), csv);
        }

        void awaitCrds() {
            progress.step("Argo CD CRDs: waiting until they are established");
            for (String crd : ARGOCD_CRDS) {
                waits.forObject(Waits.on(Kinds.CRD, null, crd)
                        .describedAs("stage 'Argo CD CRDs': CustomResourceDefinition " + crd + " to be established")
                        .until(c -> "True".equals(Fields.condition(c, "Established")))
                        .state(c -> c == null ? "absent" : "Established=" + Fields.condition(c, "Established")), deadline);
            }
            waits.forObject(Waits.on(Kinds.NAMESPACE, null, ARGOCD_NAMESPACE)
                    .describedAs("stage 'Argo CD CRDs': namespace " + ARGOCD_NAMESPACE + " (created by the operator)"), deadline);
        }

        /** Applies the Argo CD instance and waits until it serves; returns its URL. */
        String instanceStage() {
            progress.step("instance: Argo CD " + ARGOCD_NAMESPACE + "/" + ARGOCD_NAME + ", controller role " + roleNote);
            applyStage("instance", send, applier, deadline, applied, dryRun);
            waits.forObject(Waits.on(Kinds.ARGOCD, ARGOCD_NAMESPACE, ARGOCD_NAME)
                    .describedAs("stage 'instance': Argo CD " + ARGOCD_NAMESPACE + "/" + ARGOCD_NAME + " to become Available")
                    .hint("see: oc get argocd " + ARGOCD_NAME + " -n " + ARGOCD_NAMESPACE + " -o yaml, and the pods in " + ARGOCD_NAMESPACE)
                    .until(a -> a != null && "Available".equals(Fields.text(a, "status", "phase")))
                    .state(a -> a == null ? "absent" : "phase=" + Fields.text(a, "status", "phase")
                            + " server=" + Fields.text(a, "status", "server")), deadline);
            GenericKubernetesResource route = waits.forObject(Waits.on(Kinds.ROUTE, ARGOCD_NAMESPACE, SERVER_ROUTE)
                    .describedAs("stage 'instance': Route " + ARGOCD_NAMESPACE + "/" + SERVER_ROUTE + " with a host")
                    .until(r -> r != null && Fields.text(r, "spec", "host") != null)
                    .state(r -> r == null ? "absent" : "host=" + Fields.text(r, "spec", "host")), deadline);
            String url = "https://" + Fields.text(route, "spec", "host");
            progress.done("Argo CD is available at " + url);
            return url;
        }

        void repositoryProjectsRoot() {
            if (send.stream().anyMatch(r -> "repository".equals(r.directive(STAGE)))) {
                progress.step("repository: credentials for " + req.repoURL() + " (user " + req.repoUsername() + ", token from "
                        + req.repoToken().origin() + ")");
                applyStage("repository", send, applier, deadline, applied, dryRun);
            } else {
                progress.info("repository: no token given; " + req.repoURL() + " must be readable without credentials");
            }
            progress.step("projects: the four AppProjects");
            applyStage("projects", send, applier, deadline, applied, dryRun);
            progress.step("root: Application " + req.cluster() + " → " + req.repoURL() + " " + req.revision() + " " + req.overlayPath()
                    + (req.autoSync() ? " (automated sync)" : " (manual sync; --auto-sync enables automated sync)"));
            applyStage("root", send, applier, deadline, applied, dryRun);
        }
    }

    /** Where the Subscription rhoai creates lives (the template's). */
    static final class SubscriptionRef {
        static final String NAMESPACE = "openshift-gitops-operator";
        static final String DEFAULT = "openshift-gitops-operator";
    }

    private static void validate(BootstrapRequest req) {
        if (req.repoURL() == null || req.repoURL().isBlank()) {
            throw RhoaiException.invalid("profile " + req.cluster() + ": spec.gitops.repoURL is missing",
                    "add spec.gitops.repoURL (the cluster configuration repository) to the profile");
        }
        if (req.revision() == null || req.revision().isBlank()) {
            throw RhoaiException.invalid("profile " + req.cluster() + ": spec.gitops.revision is missing",
                    "add spec.gitops.revision (dev → dev, prod → main) to the profile");
        }
        if (req.repoToken() != null && (req.repoUsername() == null || req.repoUsername().isBlank())) {
            throw RhoaiException.invalid("a git token was given but no --repo-username", "pass --repo-username <user> (the token's owner)");
        }
        if (req.repoToken() == null && req.repoUsername() != null) {
            throw RhoaiException.invalid("--repo-username needs a token", "pass --git-token-file <file> or set GIT_TOKEN_FILE or GIT_TOKEN");
        }
    }

    /** The template variables of a bootstrap; {@link BootstrapManifests#rootSettings} renders the same templates with them. */
    static Map<String, Object> variables(BootstrapRequest req, String channel) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("cluster", req.cluster());
        vars.put("channel", channel);
        vars.put("installPlanApproval", req.manualApproval() ? "Manual" : "Automatic");
        vars.put("controllerRole", req.controllerRole());
        vars.put("narrowControllerRole", BootstrapRequest.NARROW_CONTROLLER_ROLE.equals(req.controllerRole()));
        vars.put("repoURL", req.repoURL());
        vars.put("revision", req.revision());
        vars.put("overlayPath", req.overlayPath());
        vars.put("repoCredentials", req.repoToken() != null);
        vars.put("repoUsername", req.repoUsername());
        vars.put("repoPassword", req.repoToken());
        if (req.autoSync()) {
            Map<String, Object> automated = new LinkedHashMap<>();
            automated.put("prune", false);
            automated.put("selfHeal", true);
            vars.put("syncPolicy", Map.of("automated", automated));
        } else {
            vars.put("syncPolicy", null);
        }
        return vars;
    }

    private static void checkStages(List<Rendered> rendered) {
        for (Rendered r : rendered) {
            String stage = r.directive(STAGE);
            if (stage == null || !STAGES.contains(stage)) {
                throw RhoaiException.invalid(r.source() + ": " + r.object().getKind() + " " + r.object().getMetadata().getName()
                                + " has " + (stage == null ? "no rhoai.io/stage annotation" : "unknown rhoai.io/stage '" + stage + "'"),
                        "annotate it with rhoai.io/stage: one of " + String.join(", ", STAGES));
            }
        }
    }

    private void applyStage(String stage, List<Rendered> send, Applier applier, Deadline deadline, List<Applied> out, DryRun dryRun) {
        for (Rendered r : send) {
            if (!stage.equals(r.directive(STAGE))) continue;
            Applied a = applier.apply(r.object(), "true".equals(r.directive(FORCE)), deadline);
            out.add(a);
            progress.info(a.ref() + " " + a.outcome() + (a.dryRun() ? " (dry run)" : "") + (a.note() == null ? "" : ": " + a.note()));
        }
    }

    private String discoverChannel(Deadline deadline) {
        GenericKubernetesResource pm;
        try {
            pm = Retry.call("read PackageManifest " + PACKAGE, deadline,
                    () -> client.genericKubernetesResources(Kinds.PACKAGE_MANIFEST).inNamespace(MARKETPLACE).withName(PACKAGE).get());
        } catch (RhoaiException e) {
            if (Retry.status(e) == 404) pm = null;
            else throw e;
        }
        String channel = Fields.text(pm, "status", "defaultChannel");
        if (channel == null) {
            throw RhoaiException.precondition("PackageManifest " + MARKETPLACE + "/" + PACKAGE + " "
                            + (pm == null ? "not found" : "has no status.defaultChannel") + ": cannot discover the operator channel",
                    "check the redhat-operators catalog (oc get catalogsource -n openshift-marketplace), or pass --channel");
        }
        progress.info("channel " + channel + " (PackageManifest default channel)");
        return channel;
    }

    /** A Subscription to the GitOps operator in any namespace that rhoai did not create: an install to adopt. */
    private GenericKubernetesResource findForeignSubscription(Deadline deadline) {
        List<GenericKubernetesResource> subs;
        try {
            subs = Retry.call("list Subscriptions", deadline,
                    () -> client.genericKubernetesResources(Kinds.SUBSCRIPTION).inAnyNamespace().list().getItems());
        } catch (RhoaiException e) {
            if (Retry.status(e) == 404) {
                throw RhoaiException.precondition("the cluster serves no operators.coreos.com Subscriptions (OLM is missing)",
                        "bootstrap needs an OpenShift cluster with Operator Lifecycle Manager");
            }
            throw e;
        }
        for (GenericKubernetesResource s : subs) {
            if (!PACKAGE.equals(Fields.text(s, "spec", "name"))) continue;
            if (!Ownership.isManaged(s)) return s;
        }
        return null;
    }

    private void approveIfNeeded(BootstrapRequest req, GenericKubernetesResource sub, Deadline deadline, Waits waits) {
        if (!"Manual".equals(Fields.text(sub, "spec", "installPlanApproval"))) return;
        String ns = sub.getMetadata().getNamespace();
        String planName = Fields.text(sub, "status", "installPlanRef", "name");
        if (planName == null) return;   // already installed
        String wanted = Fields.text(sub, "status", "currentCSV");
        var plan = client.genericKubernetesResources(Kinds.INSTALL_PLAN).inNamespace(ns).withName(planName);
        GenericKubernetesResource ip = Retry.call("read InstallPlan " + ns + "/" + planName, deadline, plan::get);
        if (ip == null || Boolean.TRUE.equals(Fields.at(ip, "spec", "approved"))) return;
        Object names = Fields.at(ip, "spec", "clusterServiceVersionNames");
        if (wanted != null && names instanceof List<?> l && !l.contains(wanted)) {
            throw RhoaiException.precondition("InstallPlan " + ns + "/" + planName + " installs " + l + ", not the subscribed " + wanted,
                    "approve it by hand after checking it (oc edit installplan " + planName + " -n " + ns + ")");
        }
        if (req.approve()) {
            progress.step("install plan: approving InstallPlan " + ns + "/" + planName + " (" + names + ")");
            Retry.call("approve InstallPlan " + ns + "/" + planName, deadline, () -> Patches.merge(plan, "{\"spec\":{\"approved\":true}}"));
        } else {
            progress.warn("InstallPlan " + ns + "/" + planName + " waits for manual approval (oc patch installplan " + planName
                    + " -n " + ns + " --type merge -p '{\"spec\":{\"approved\":true}}', or re-run with --approve)");
            waits.forObject(Waits.on(Kinds.INSTALL_PLAN, ns, planName)
                    .describedAs("stage 'install plan': InstallPlan " + ns + "/" + planName + " to be approved")
                    .hint("approve it, or re-run with --approve")
                    .until(p -> p != null && Boolean.TRUE.equals(Fields.at(p, "spec", "approved")))
                    .state(p -> p == null ? "absent" : "approved=" + Fields.at(p, "spec", "approved")), deadline);
        }
    }

    private List<AppState> readApps(Deadline deadline) {
        List<GenericKubernetesResource> apps = Retry.call("list Applications", deadline,
                () -> client.genericKubernetesResources(Kinds.APPLICATION).inNamespace(ARGOCD_NAMESPACE).list().getItems());
        return apps.stream().map(GitOpsNames::appState).toList();
    }

    /**
     * The wait {@code --wait-apps} ends a run with, on its own: until the root Application {@code rootApplication} exists
     * and every Application in openshift-gitops is Synced and Healthy (Degraded tolerated for {@code degradedGrace}).
     * One list and a watch (or polling in poll mode) within {@code deadline}.
     */
    public List<AppState> awaitApplications(String rootApplication, Duration degradedGrace, Deadline deadline) {
        return waitForApps(rootApplication, degradedGrace, new Waits(client, waitMode, pollInterval, progress), deadline);
    }

    private List<AppState> waitForApps(String rootApplication, Duration degradedGrace, Waits waits, Deadline deadline) {
        progress.step("applications: waiting until every Application in " + ARGOCD_NAMESPACE + " is Synced and Healthy"
                + " (Degraded tolerated for " + Durations.format(degradedGrace) + ")");
        Map<String, Instant> degradedSince = new HashMap<>();
        AtomicReference<String> fatal = new AtomicReference<>();
        List<GenericKubernetesResource> apps = waits.forList("stage 'applications': every Application Synced and Healthy",
                "see: oc get applications -n " + ARGOCD_NAMESPACE + " (or the Argo CD UI); sync manually if auto-sync is off",
                Kinds.APPLICATION, ARGOCD_NAMESPACE, list -> {
                    if (list.stream().noneMatch(a -> rootApplication.equals(a.getMetadata().getName()))) return false;
                    Instant now = clock.instant();
                    boolean all = true;
                    Set<String> seen = new java.util.HashSet<>();
                    for (GenericKubernetesResource a : list) {
                        String name = a.getMetadata().getName();
                        seen.add(name);
                        String health = Fields.text(a, "status", "health", "status");
                        if ("Degraded".equals(health)) {
                            Instant since = degradedSince.computeIfAbsent(name, n -> now);
                            if (Duration.between(since, now).compareTo(degradedGrace) > 0) {
                                fatal.set("Application " + name + " has been Degraded for more than " + Durations.format(degradedGrace)
                                        + optional(": ", Fields.text(a, "status", "health", "message")));
                                return true;
                            }
                        } else {
                            degradedSince.remove(name);
                        }
                        all &= "Synced".equals(Fields.text(a, "status", "sync", "status")) && "Healthy".equals(health);
                    }
                    degradedSince.keySet().retainAll(seen);
                    return all;
                }, list -> list.isEmpty() ? "no Applications" : String.join(", ", list.stream()
                        .map(a -> a.getMetadata().getName() + " " + Fields.text(a, "status", "sync", "status") + "/"
                                + Fields.text(a, "status", "health", "status")).toList()), deadline);
        if (fatal.get() != null) {
            throw new RhoaiException(ErrorKind.REMOTE, fatal.get(), "look at the Application in the Argo CD UI; raise --degraded-grace if it recovers by itself");
        }
        progress.done(apps.size() + " Applications Synced and Healthy");
        return apps.stream().map(GitOpsNames::appState).toList();
    }

    private static String subscriptionState(GenericKubernetesResource s) {
        if (s == null) return "Subscription absent";
        if (Fields.at(s, "status") == null) return "no status yet (OLM has not looked at it)";
        StringBuilder b = new StringBuilder("state=" + Fields.text(s, "status", "state"));
        for (Map<String, Object> c : Fields.list(s, "status", "conditions")) {
            if ("True".equals(String.valueOf(c.get("status")))) b.append(", ").append(c.get("type")).append(optional(": ", (String) c.get("message")));
        }
        return b.toString();
    }

    private static String optional(String prefix, String value) {
        return value == null || value.isBlank() ? "" : prefix + value;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
