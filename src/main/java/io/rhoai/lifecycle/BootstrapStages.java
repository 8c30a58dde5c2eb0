package io.rhoai.lifecycle;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.certs.renew.RenewResult;
import io.rhoai.core.Outcome;
import io.rhoai.core.time.Deadline;
import io.rhoai.gitops.BootstrapResult;
import io.rhoai.gitops.BootstrapResult.AppState;
import io.rhoai.gpu.GpuPoolManager.AddResult;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.ClusterIdentity;
import io.rhoai.oauth.GoogleIdpResult;
import io.rhoai.oauth.GrantAdminResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The bootstrap stages as adapters: each composes one engine BY FUNCTION (the caller wires the engine and builds its
 * request from the profile, with the time left of the run's deadline), and turns its result into a {@link Stage.Report}.
 * No engine learns about another; this class knows only their result records.
 */
public final class BootstrapStages {
    private BootstrapStages() { }

    /** A stage from a name, its skip reasons and a body. */
    private record Simple(String name, String skipped, String notConfigured, Function<Deadline, Stage.Report> body) implements Stage {
        @Override
        public Stage.Report run(Deadline deadline) {
            return body.apply(deadline);
        }
    }

    /** The cluster is the profile's: one read of Infrastructure/cluster; refuses (precondition) otherwise. */
    public static Stage identity(String skipped, Function<Deadline, ClusterIdentity.Identity> verify) {
        return new Simple(Bootstrapper.IDENTITY, skipped, null, d -> {
            ClusterIdentity.Identity id = verify.apply(d);
            return Stage.Report.check(id.apiServerURL() + " (" + id.source()
                    + (id.infrastructureName() == null ? "" : ", " + id.infrastructureName()) + ")", id);
        });
    }

    /** The profile's GPU pools present and their caps merged ({@code gpu pools add --cluster}). */
    public static Stage gpuPools(String notConfigured, Function<Duration, AddResult> add) {
        return new Simple(Bootstrapper.GPU_POOLS, null, notConfigured, d -> {
            AddResult r = add.apply(d.remaining());
            return Stage.Report.changes(r.changed(), objects(r.objects()), r);
        });
    }

    /** OpenShift GitOps installed and pointed at the repository ({@code gitops bootstrap}, without waiting for apps). */
    public static Stage gitops(String notConfigured, Function<Duration, BootstrapResult> bootstrap) {
        return new Simple(Bootstrapper.GITOPS, null, notConfigured, d -> {
            BootstrapResult r = bootstrap.apply(d.remaining());
            String detail = objects(r.objects()) + (r.operatorVersion() == null ? "" : "; operator " + r.operatorVersion())
                    + (r.argocdURL() == null ? "" : "; " + r.argocdURL());
            if ("client".equals(r.dryRun())) {
                return Stage.Report.rendered(detail + " (client dry run: rendered offline; --dry-run=server checks them against the cluster)", r);
            }
            boolean changed = r.changed() || r.objects().stream().anyMatch(a -> a.outcome().changes());
            return Stage.Report.changes(changed, detail, r);
        });
    }

    /** What the oauth stage did: the Google provider (null when the profile has none) and the admins (null: none listed). */
    @RegisterForReflection
    public record OAuthStage(GoogleIdpResult google, GrantAdminResult admins) { }

    /** Google sign-in ({@code oauth google}) and the profile's admins ({@code oauth grant-admin}); either may be absent. */
    public static Stage oauth(String notConfigured, Function<Duration, GoogleIdpResult> google, Function<Duration, GrantAdminResult> admins) {
        return new Simple(Bootstrapper.OAUTH, null, notConfigured, d -> {
            GoogleIdpResult g = google == null ? null : google.apply(d.remaining());
            GrantAdminResult a = admins == null ? null : admins.apply(d.remaining());
            List<String> parts = new ArrayList<>();
            boolean changed = false;
            if (g != null) {
                changed |= g.changed();
                parts.add("provider " + g.providerName() + " " + g.providerAction()
                        + (g.redirectURI() == null ? "" : "; redirect URI " + g.redirectURI()));
            }
            if (a != null) {
                changed |= a.outcome().changes() || a.groups().stream().anyMatch(x -> x.outcome().changes());
                parts.add("admins " + a.outcome() + (a.added().isEmpty() ? "" : " (added " + String.join(", ", a.added()) + ")"));
            }
            return Stage.Report.changes(changed, String.join("; ", parts), new OAuthStage(g, a));
        });
    }

    /** Issue when none is stored or it is due, install, verify on the wire ({@code certs renew}). */
    public static Stage certificates(String notConfigured, Function<Duration, RenewResult> renew) {
        return new Simple(Bootstrapper.CERTIFICATES, null, notConfigured, d -> {
            RenewResult r = renew.apply(d.remaining());
            return Stage.Report.changes(r.outcome() != RenewResult.Outcome.NOT_DUE, r.outcome().label() + ": " + r.reason(), r);
        });
    }

    /** Every Argo CD Application Synced and Healthy ({@code gitops bootstrap --wait-apps}'s wait). */
    public static Stage applications(String skipped, String notConfigured, Function<Deadline, List<AppState>> await) {
        return new Simple(Bootstrapper.APPLICATIONS, skipped, notConfigured, d -> {
            List<AppState> apps = await.apply(d);
            return Stage.Report.check(apps.size() + " Applications Synced and Healthy", apps);
        });
    }

    /** "7 objects: 3 created, 1 configured, 3 unchanged". */
    static String objects(List<Applied> applied) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Applied a : applied) counts.merge(a.outcome().label(), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            Integer n = counts.get(o.label());
            if (n != null) parts.add(n + " " + o.label());
        }
        return applied.size() + " objects" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }
}
