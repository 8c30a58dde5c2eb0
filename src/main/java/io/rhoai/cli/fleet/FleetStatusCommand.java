package io.rhoai.cli.fleet;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.RunTimeout;
import io.rhoai.cli.output.Table;
import io.rhoai.core.Progress;
import io.rhoai.core.time.Deadline;
import io.rhoai.fleet.Fleet;
import io.rhoai.fleet.LabelSelector;
import io.rhoai.fleet.Member;
import io.rhoai.fleet.status.FleetStatus;
import io.rhoai.fleet.status.FleetStatus.Result;
import io.rhoai.kube.KubeClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

@Command(name = "status", description = "One row per fleet cluster (sync, health, revision, drift) from the hub's Argo CD Applications in one request; exit 9 when a cluster needs attention.",
        footer = {"%nExamples:",
                "  rhoai fleet status --hub rhoaibu-cluster-prod --hub-context prod-admin",
                "  rhoai fleet status --hub prod -o json # exit 9: some cluster needs attention"})
public class FleetStatusCommand extends BaseCommand {
    @Mixin FleetProfiles profiles;
    @Mixin HubOptions hub;
    @Mixin ClusterCheckOption clusterCheck;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Timeout of each API request (default: ${DEFAULT-VALUE}); no request outlives the run's --timeout.")
    Duration requestTimeout;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "1m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        Fleet fleet = profiles.fleet(env());
        String hubName = fleet.hub(hub.hub);
        var members = fleet.members(hubName, LabelSelector.ALL);
        Result result;
        try (KubernetesClient h = KubeClients.connect(hub.target(env(), requestTimeout))) {
            result = read(h, fleet, hubName, members, clusterCheck, timeout, progress());
        }
        int code = finish(result, FleetStatusCommand::text);
        return code != ExitCodes.OK ? code : attention(result, progress());
    }

    /**
     * The hub's view: first its identity (a wrong hub context would show every member as missing), then one list of
     * its Applications, on one deadline. Shared with {@code rhoai status --fleet}.
     */
    public static Result read(KubernetesClient hub, Fleet fleet, String hubName, List<Member> members, ClusterCheckOption check,
                              Duration timeout, Progress progress) {
        Deadline run = Deadline.in(timeout);
        check.verify(hub, fleet.profile(hubName), run.remaining(), progress);
        return new FleetStatus(hub, Clock.systemUTC()).read(hubName, members, run.remaining());
    }

    /** 9 when a cluster needs attention, saying how many; shared with {@code rhoai status --fleet}. */
    public static int attention(Result result, Progress progress) {
        if (!result.attention()) return ExitCodes.OK;
        progress.warn(result.needAttention() + " of " + result.rows().size() + " cluster(s) need attention");
        return ExitCodes.ATTENTION;
    }

    public static String text(Result r) {
        Table t = new Table("CLUSTER", "RING", "SYNC", "HEALTH", "REVISION", "CERT DAYS", "GPU AT CAP", "DRIFT");
        r.rows().forEach(row -> t.row(row.cluster(), row.ring() == null ? "-" : row.ring(), dash(row.sync()), dash(row.health()),
                row.revision() == null ? "-" : row.revision().length() > 12 ? row.revision().substring(0, 12) : row.revision(),
                row.certificateDaysLeft() == null ? "-" : row.certificateDaysLeft(), row.gpuPoolsAtCap() == null ? "-" : row.gpuPoolsAtCap(),
                row.drift().isEmpty() ? "-" : String.join("; ", row.drift())));
        return t.toString();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
