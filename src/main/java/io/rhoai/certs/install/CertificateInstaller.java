package io.rhoai.certs.install;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.certs.install.InstallResult.TargetResult;
import io.rhoai.certs.install.InstallTarget.Context;
import io.rhoai.certs.install.WireCheck.Expectation;
import io.rhoai.certs.store.StoredCertificate;
import io.rhoai.core.Outcome;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Poller;
import io.rhoai.kube.Applier.DryRun;
import io.rhoai.kube.MergeWriter;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Puts a stored certificate on the OpenShift router and API server, the way OpenShift wants it:
 * <ol>
 *   <li>a NEW immutable Secret per certificate version and target ({@link VersionedSecrets}); the previous one is kept
 *   for {@link #rollback};</li>
 *   <li>each {@link InstallTarget} is pointed at it: IngressController {@code .spec.defaultCertificate}, the API host's
 *   entry of APIServer {@code namedCertificates} (other entries stay as they are), each a resourceVersion-guarded merge
 *   retried from a fresh read on conflict;</li>
 *   <li>the rollouts are awaited, then a TLS handshake proves the new leaf is served ({@link WireCheck}).</li>
 * </ol>
 * Before the API server is touched, the kubeconfig in use must trust the new chain, else every kubeconfig holding that
 * CA would be locked out with {@code x509: certificate signed by unknown authority}. One {@link Deadline} bounds the
 * whole run. {@code --dry-run=client} reads and plans; {@code --dry-run=server} also sends the writes with
 * {@code dryRun=All}; neither waits nor shakes hands.
 */
public final class CertificateInstaller {
    /** The default budget when a caller passes none: the API server rollout alone takes 10+ minutes. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(25);

    private final KubernetesClient client;
    private final Progress progress;
    private final Clock clock;
    private final TlsProber prober;
    private final EndpointOverrides endpoints;

    public CertificateInstaller(KubernetesClient client, Progress progress, Clock clock) {
        this(client, progress, clock, new SocketTlsProber(), EndpointOverrides.NONE);
    }

    public CertificateInstaller(KubernetesClient client, Progress progress, Clock clock, TlsProber prober, EndpointOverrides endpoints) {
        this.client = client;
        this.progress = progress;
        this.clock = clock;
        this.prober = prober;
        this.endpoints = endpoints == null ? EndpointOverrides.NONE : endpoints;
    }

    /** What one run works with: its budget and mode, and the selected targets. */
    private record Run(Deadline deadline, DryRun dryRun, Context cx, VersionedSecrets secrets, List<InstallTarget> targets) { }

    /** The certificate a run is about, for the result; any part may be null on a rollback to the cluster default. */
    private record Subject(String operation, String profileName, String clusterName, String version, String fingerprint,
                           Instant notAfter) { }

    /** One target's change. {@code secretName} null = the cluster's default certificate. */
    private record Step(InstallTarget target, String secretName, String previous, boolean createSecret, boolean repoint,
                        Expectation expectation) {
        Outcome outcome() {
            return createSecret ? Outcome.CREATED : repoint ? Outcome.CONFIGURED : Outcome.UNCHANGED;
        }

        TargetResult result(String rollout, InstallResult.WireCheck wire) {
            return new TargetResult(target.name(), target.displayHost(), target.reference(), target.namespace(), secretName,
                    previous, outcome(), rollout, wire);
        }
    }

    public InstallResult install(InstallRequest request) {
        Run run = start(request.timeout(), request.dryRun(), request.clusterName(), request.baseDomain(), request.ingress(), request.apiServer());
        StoredCertificate stored = Objects.requireNonNull(request.certificate(), "certificate");
        CertificateMaterial material = CertificateMaterial.load(stored, clock.instant());
        requireCoverage(material, run, stored.profileName());
        // the lockout check comes before anything is written, so a refusal leaves the cluster as it was
        if (run.targets().stream().anyMatch(InstallTarget::locksOutKubeconfigs)) requireTrusted(material.chain(), "install");

        List<Step> steps = new ArrayList<>();
        for (InstallTarget t : run.targets()) {
            String name = VersionedSecrets.name(t.name(), stored.version());
            String current = t.currentSecret(run.deadline());
            Secret existing = run.secrets().read(t.namespace(), name, run.deadline());
            VersionedSecrets.requireSameContent(existing, material);
            steps.add(new Step(t, name, current, existing == null, !name.equals(current), Expectation.exactly(material.fingerprint())));
        }
        Subject subject = new Subject("install", stored.profileName(), request.clusterName(), stored.version(), material.fingerprint(),
                material.leaf().getNotAfter().toInstant());
        return finish(subject, run, steps, plan(steps, material, request.verifyOnWire()), request.verifyOnWire(), s -> {
            if (s.createSecret()) {
                run.secrets().create(s.target().name(), s.target().namespace(), s.secretName(), material, s.previous(),
                        stored.profileName(), request.clusterName(), run.deadline());
            }
            if (s.repoint()) s.target().point(s.secretName(), material.names(), run.deadline());
            return s.repoint()
                    ? s.target().label() + " now uses Secret " + s.target().namespace() + "/" + s.secretName() + " (was " + InstallTarget.orDefault(s.previous()) + ")"
                    : s.target().label() + " already uses Secret " + s.target().namespace() + "/" + s.secretName() + ": unchanged";
        });
    }

    public InstallResult rollback(RollbackRequest request) {
        Run run = start(request.timeout(), request.dryRun(), request.clusterName(), request.baseDomain(), request.ingress(), request.apiServer());
        List<Step> steps = new ArrayList<>();
        String version = null;
        List<X509Certificate> chain = null;
        for (InstallTarget t : run.targets()) {
            String current = t.currentSecret(run.deadline());
            String target = run.secrets().rollbackTarget(t, request.clusterName(), request.toVersion(), run.deadline());
            String served = t.servedSecret(target);
            Secret to = served == null ? null : run.secrets().read(t.namespace(), served, run.deadline());
            Expectation expectation = expectation(run, t, VersionedSecrets.chain(to), current);
            boolean repoint = !Objects.equals(target, current);
            if (t.locksOutKubeconfigs() && target != null && expectation.chain() != null && repoint) {
                requireTrusted(expectation.chain(), "roll back");
            }
            if (version == null) version = VersionedSecrets.version(to);
            if (chain == null) chain = expectation.chain();
            steps.add(new Step(t, target, current, false, repoint, expectation));
        }
        Subject subject = new Subject("rollback", request.profileName(), request.clusterName(), version,
                chain == null ? null : CertificatePem.sha256Fingerprint(chain.get(0)), chain == null ? null : chain.get(0).getNotAfter().toInstant());
        return finish(subject, run, steps, plan(steps, null, request.verifyOnWire()), request.verifyOnWire(), s -> {
            if (s.repoint()) s.target().point(s.secretName(), null, run.deadline());
            return s.repoint()
                    ? s.target().label() + " rolled back to " + InstallTarget.orDefault(s.secretName()) + " (was " + InstallTarget.orDefault(s.previous()) + ")"
                    : s.target().label() + " already uses " + InstallTarget.orDefault(s.secretName()) + ": unchanged";
        });
    }

    /** What the wire must show after the rollback: the target Secret's leaf, else at least not the current one. */
    private static Expectation expectation(Run run, InstallTarget t, List<X509Certificate> chain, String current) {
        if (chain != null && !chain.isEmpty()) return new Expectation(CertificatePem.sha256Fingerprint(chain.get(0)), null, chain);
        List<X509Certificate> now = current == null ? null : VersionedSecrets.chain(run.secrets().read(t.namespace(), current, run.deadline()));
        return new Expectation(null, now == null || now.isEmpty() ? null : CertificatePem.sha256Fingerprint(now.get(0)), null);
    }

    /**
     * Writes each step ({@code change} says what it did), then awaits the rollouts and proves the result on the wire.
     * A client dry run writes nothing; a server dry run sends the writes with dryRun=All. Neither waits.
     */
    private InstallResult finish(Subject subject, Run run, List<Step> steps, List<String> plan, boolean verifyOnWire,
                                 Function<Step, String> change) {
        if (run.dryRun() == DryRun.CLIENT) return result(subject, run, steps, plan, s -> s.result("not awaited (dry-run)", null));
        if (run.dryRun() == DryRun.NONE) steps.forEach(s -> s.target().markRollout(run.deadline()));
        for (Step s : steps) {
            String said = change.apply(s);
            progress.done(run.dryRun() == DryRun.SERVER ? "server dry run accepted: " + said : said);
        }
        if (run.dryRun() == DryRun.SERVER) return result(subject, run, steps, plan, s -> s.result("not awaited (dry-run)", null));
        List<String> rollouts = new ArrayList<>();
        for (Step s : steps) rollouts.add(s.target().awaitRollout(s.secretName(), s.repoint(), run.deadline()));
        WireCheck wire = new WireCheck(prober, run.cx().poller(), progress);
        List<TargetResult> results = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            InstallResult.WireCheck check = verifyOnWire
                    ? wire.verify(s.target().label(), s.target().endpoint(), s.target().endpointFlag(), s.expectation(), run.deadline())
                    : null;
            results.add(s.result(rollouts.get(i), check));
        }
        return new InstallResult(subject.operation(), subject.profileName(), subject.clusterName(), subject.version(), subject.fingerprint(),
                subject.notAfter(), false, results, plan, run.deadline().elapsed());
    }

    private static InstallResult result(Subject subject, Run run, List<Step> steps, List<String> plan, Function<Step, TargetResult> result) {
        return new InstallResult(subject.operation(), subject.profileName(), subject.clusterName(), subject.version(), subject.fingerprint(),
                subject.notAfter(), true, steps.stream().map(result).toList(), plan, run.deadline().elapsed());
    }

    private static List<String> plan(List<Step> steps, CertificateMaterial material, boolean verifyOnWire) {
        List<String> plan = new ArrayList<>();
        for (Step s : steps) {
            String secret = s.target().namespace() + "/" + s.secretName();
            if (s.createSecret() && material != null) {
                plan.add("create Secret " + secret + " (type kubernetes.io/tls, immutable; tls.crt: " + material.chain().size()
                        + " certificates, leaf " + material.fingerprint() + "; tls.key: <not shown>)");
            } else if (s.secretName() != null) {
                plan.add("keep Secret " + secret + " (exists)");
            }
            plan.addAll(s.target().planLines(s.previous(), s.secretName(), s.repoint()));
            if (verifyOnWire) {
                plan.add("verify on the wire: TLS handshake with " + s.target().endpoint().display() + " serves " + s.expectation().describe());
            }
        }
        return plan;
    }

    private Run start(Duration timeout, DryRun dryRun, String clusterName, String baseDomain, boolean ingress, boolean apiServer) {
        if (!ingress && !apiServer) {
            throw RhoaiException.invalid("no target selected", "select the router, the API server or both (drop --ingress-only/--api-only)");
        }
        Deadline deadline = Deadline.in(timeout == null ? DEFAULT_TIMEOUT : timeout, clock);
        DryRun mode = dryRun == null ? DryRun.NONE : dryRun;
        MergeWriter writer = new MergeWriter(client, mode);
        Context cx = new Context(client, writer, Poller.system(Duration.ofMillis(100), Duration.ofSeconds(5), progress), progress,
                Hosts.of(clusterName, baseDomain), endpoints);
        List<InstallTarget> targets = new ArrayList<>();
        if (ingress) targets.add(new RouterTarget(cx));
        if (apiServer) targets.add(new ApiServerTarget(cx));
        return new Run(deadline, mode, cx, new VersionedSecrets(client, writer, progress), targets);
    }

    private void requireTrusted(List<X509Certificate> chain, String operation) {
        KubeconfigTrust.requireTrusted(client.getConfiguration(), chain, clock.instant(), operation, progress);
    }

    private static void requireCoverage(CertificateMaterial m, Run run, String profile) {
        Hosts hosts = run.cx().hosts();
        for (InstallTarget t : run.targets()) {
            if (!CertificatePem.covers(m.names(), t.host())) {
                throw RhoaiException.invalid("certificate " + m.version() + " (names " + m.names() + ") does not cover " + t.displayHost(),
                        "issue a certificate for *." + hosts.appsDomain() + " and " + hosts.api() + " with: rhoai certs issue --cluster "
                                + profile + ", or leave the " + t.label() + " alone with " + t.skipFlag());
            }
        }
    }
}
