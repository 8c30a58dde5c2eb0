package io.rhoai.cli.oauth;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.KubeOptions;
import io.rhoai.kube.KubeClients;
import io.rhoai.oauth.AdminGranter;
import io.rhoai.oauth.GrantAdminRequest;
import io.rhoai.oauth.GrantAdminResult;
import io.rhoai.oauth.KubeJson;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "grant-admin",
        description = {"Grant cluster-admin to users or groups through the ClusterRoleBinding rhoai owns (subjects are added, never removed).",
                "Without --user/--group, grants the profile's spec.oauth.admins (with --cluster)."},
        footer = {"%nExamples:",
                "  rhoai oauth grant-admin --user jane@redhat.com",
                "  rhoai oauth grant-admin --group rhoai-admins --create-group --member jane@redhat.com --member joe@redhat.com",
                "  rhoai oauth grant-admin --cluster rhoaibu-cluster-dev --dry-run"})
public class OAuthGrantAdminCommand extends BaseCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin KubeOptions kube;

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

    @Option(names = {"-c", "--cluster"}, paramLabel = "PROFILE", description = "Profile whose spec.oauth.admins to grant when no --user/--group is given.")
    String cluster;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = "Directory of cluster profiles.")
    Path profilesDir;

    @Option(names = "--dry-run", description = "Show what would change; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        List<String> u = new ArrayList<>(users), g = new ArrayList<>(groups);
        if (u.isEmpty() && g.isEmpty() && cluster != null) {
            ClusterProfile.Spec spec = ProfileRepository.locate(profilesDir, env()).load(cluster).profile().spec();
            if (spec.oauth() != null && spec.oauth().admins() != null) {
                if (spec.oauth().admins().users() != null) u.addAll(spec.oauth().admins().users());
                if (spec.oauth().admins().groups() != null) g.addAll(spec.oauth().admins().groups());
            }
        }
        GrantAdminRequest request = new GrantAdminRequest(u, g, createGroup, members, bindingName, dryRun);
        GrantAdminResult result;
        try (KubernetesClient client = KubeClients.connect(kube.target(env()))) {
            result = new AdminGranter(new KubeJson(client), progress()).grant(request);
        }
        output().result(result, OAuthGrantAdminCommand::text);
        return ExitCodes.OK;
    }

    static String text(GrantAdminResult r) {
        StringBuilder b = new StringBuilder();
        if (r.dryRun()) b.append("DRY RUN: nothing was changed\n");
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
