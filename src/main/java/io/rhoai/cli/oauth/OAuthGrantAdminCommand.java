package io.rhoai.cli.oauth;

import io.rhoai.cli.RunTimeout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ClusterCheckOption;
import io.rhoai.cli.DryRunOption;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.kube.KubeClients;
import io.rhoai.oauth.AdminGranter;
import io.rhoai.oauth.GrantAdminRequest;
import io.rhoai.oauth.GrantAdminResult;
import io.rhoai.profile.ClusterProfile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Command(name = "grant-admin", mixinStandardHelpOptions = true,
        description = {"Grant cluster-admin to users or groups through the ClusterRoleBinding rhoai owns (subjects are added, never removed).",
                "Without --user/--group, grants the profile's spec.oauth.admins (with --cluster)."},
        footer = {"%nExamples:",
                "  rhoai oauth grant-admin --user jane@redhat.com",
                "  rhoai oauth grant-admin --group rhoai-admins --create-group --member \\",
                "      jane@redhat.com --member joe@redhat.com",
                "  rhoai oauth grant-admin --cluster rhoaibu-cluster-dev --dry-run"})
public class OAuthGrantAdminCommand extends BaseCommand {
    @Mixin KubeOptions kube;
    @Mixin DryRunOption dryRun;
    @Mixin ClusterCheckOption clusterCheck;

    /** The same -c/--cluster and --profiles-dir as every command; optional here (null when not given). */
    @ArgGroup(exclusive = false)
    ProfileOptions profile;

    @Option(names = "--user", paramLabel = "NAME", description = "User to grant (as OpenShift names it; for Google with mapping claim, the e-mail). Repeatable.")
    List<String> users = new ArrayList<>();

    @Option(names = "--group", paramLabel = "NAME", description = "Group to grant. Repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--create-group", description = "Create each --group (user.openshift.io Group) when missing.")
    boolean createGroup;

    @Option(names = "--member", paramLabel = "USER", description = "With --create-group: user to put into the groups. Repeatable.")
    List<String> members = new ArrayList<>();

    @Option(names = "--binding-name", paramLabel = "NAME", defaultValue = GrantAdminRequest.DEFAULT_BINDING,
            description = "ClusterRoleBinding to use (default: ${DEFAULT-VALUE}).")
    String bindingName;

    @Option(names = RunTimeout.NAME, paramLabel = "DURATION", defaultValue = "2m", description = RunTimeout.HELP)
    Duration timeout;

    @Override
    public Integer call() {
        List<String> u = new ArrayList<>(users), g = new ArrayList<>(groups);
        ClusterProfile loaded = profile == null ? null : profile.load(env()).profile();
        if (u.isEmpty() && g.isEmpty() && profile != null) {
            ClusterProfile.Spec spec = loaded.spec();
            if (spec.oauth() != null && spec.oauth().admins() != null) {
                if (spec.oauth().admins().users() != null) u.addAll(spec.oauth().admins().users());
                if (spec.oauth().admins().groups() != null) g.addAll(spec.oauth().admins().groups());
            }
        }
        GrantAdminResult result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            Duration left = clusterCheck.verifyWithin(client, loaded, timeout, progress());
            result = new AdminGranter(client, progress()).grant(new GrantAdminRequest(u, g, createGroup, members, bindingName, dryRun.mode(), left));
        }
        output().result(result, OAuthGrantAdminCommand::text);
        return ExitCodes.OK;
    }

    static String text(GrantAdminResult r) {
        StringBuilder b = new StringBuilder();
        if (r.dryRun()) b.append(OAuthCommand.DRY_RUN_HEADER);
        for (GrantAdminResult.GroupChange g : r.groups()) {
            b.append("group/").append(g.name()).append(' ').append(g.outcome()).append(" (users: ").append(String.join(", ", g.users())).append(")\n");
        }
        b.append("clusterrolebinding/").append(r.binding()).append(" → ").append(r.clusterRole()).append(' ').append(r.outcome());
        if (!r.added().isEmpty()) b.append(" (added ").append(String.join(", ", r.added())).append(')');
        b.append('\n');
        if (!r.subjects().isEmpty()) b.append("subjects: ").append(String.join(", ", r.subjects())).append('\n');
        return b.toString();
    }
}
