package io.rhoai.cli.certs;

import io.rhoai.certs.install.InstallResult;
import io.rhoai.certs.status.StatusResult;
import io.rhoai.cli.output.Table;
import io.rhoai.core.Outcome;

import java.time.temporal.ChronoUnit;

/** Text views of the certificate result records (JSON and YAML render the records themselves). */
final class CertsText {
    private CertsText() { }

    static String install(InstallResult r) {
        StringBuilder b = new StringBuilder();
        if (r.dryRun()) {
            b.append("dry-run: ").append(r.operation()).append(" on cluster ").append(r.clusterName()).append(" would do:\n");
            for (String line : r.plan()) b.append("  ").append(line).append('\n');
            b.append("nothing was changed\n");
            return b.toString();
        }
        b.append(r.operation()).append(" on cluster ").append(r.clusterName());
        if (r.certificateVersion() != null) b.append(": certificate ").append(r.certificateVersion());
        if (r.notAfter() != null) b.append(", not after ").append(r.notAfter().truncatedTo(ChronoUnit.SECONDS));
        b.append('\n');
        Table t = new Table("TARGET", "SECRET", "PREVIOUS", "OUTCOME", "WIRE CHECK");
        for (InstallResult.TargetResult target : r.targets()) {
            String previous = target.outcome() == Outcome.UNCHANGED ? "-"
                    : target.previousSecret() == null ? "(cluster default)" : target.previousSecret();
            t.row(target.target(), secret(target.secretNamespace(), target.secretName()), previous,
                    target.outcome().label(), wire(target.wireCheck()));
        }
        b.append(t);
        for (InstallResult.TargetResult target : r.targets()) {
            b.append(target.target()).append(" rollout: ").append(target.rollout()).append('\n');
        }
        b.append(r.changed() ? String.format(java.util.Locale.ROOT, "done in %.1fs", r.elapsed().toMillis() / 1000.0)
                : "nothing changed: the cluster already uses these Secrets").append('\n');
        return b.toString();
    }

    private static String secret(String namespace, String name) {
        return name == null ? "(cluster default)" : namespace + "/" + name;
    }

    private static String wire(InstallResult.WireCheck w) {
        if (w == null) return "skipped";
        return (w.matches() ? "ok " : "MISMATCH ") + abbreviate(w.servedFingerprint());
    }

    static String status(StatusResult r) {
        StringBuilder b = new StringBuilder();
        b.append("certificates of ").append(r.profileName());
        if (r.clusterName() != null) b.append(" (cluster ").append(r.clusterName()).append(')');
        b.append(" at ").append(r.checkedAt().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        Table t = new Table("ENDPOINT", "SOURCE", "ISSUER", "NAMES", "NOT AFTER", "DAYS LEFT", "SHA-256", "MATCHES STORED");
        for (StatusResult.EndpointStatus e : r.endpoints()) {
            row(t, e.endpoint(), "served " + e.connect(), e.served(), yesNo(e.servedMatchesStored()));
            StatusResult.SecretView s = e.secret();
            if (s != null) {
                String source = s.name() == null ? "cluster: default certificate" : "secret " + s.namespace() + "/" + s.name();
                row(t, e.endpoint(), source, s.certificate(), s.certificate() == null || r.localStore() == null ? "" :
                        yesNo(io.rhoai.certs.install.CertificatePem.sameFingerprint(s.certificate().sha256Fingerprint(), r.localStore().sha256Fingerprint())));
            }
        }
        row(t, "-", "local store" + (r.localStore() != null && r.localStore().version() != null ? " " + r.localStore().version() : ""),
                r.localStore(), r.localStore() == null ? "" : "(stored)");
        b.append(t);
        for (String u : r.unreachable()) b.append("not reachable: ").append(u).append('\n');
        return b.toString();
    }

    private static void row(Table t, String endpoint, String source, StatusResult.CertificateView c, String matches) {
        if (c == null) {
            t.row(endpoint, source, "-", "-", "-", "-", "-", matches);
            return;
        }
        t.row(endpoint, source, c.issuer(), String.join(",", c.names()), c.notAfter().truncatedTo(ChronoUnit.SECONDS),
                c.daysLeft() < 0 ? "EXPIRED" : String.valueOf(c.daysLeft()), abbreviate(c.sha256Fingerprint()), matches);
    }

    private static String yesNo(Boolean b) {
        return b == null ? "" : b ? "yes" : "NO";
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint == null ? "" : fingerprint.length() > 23 ? fingerprint.substring(0, 23) + "…" : fingerprint;
    }
}
