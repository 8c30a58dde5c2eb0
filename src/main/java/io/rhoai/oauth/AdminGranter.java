package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;

import java.util.ArrayList;
import java.util.List;

/**
 * Grants cluster-admin through one ClusterRoleBinding that rhoai owns ({@code rhoai-cluster-admins}): subjects are
 * merged in, never replaced, so re-runs and grants made one at a time accumulate. Optionally creates the groups.
 */
public final class AdminGranter {
    public static final String CLUSTER_ADMIN = "cluster-admin";
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    static final String CRB_COLLECTION = KubeJson.path(RBAC_GROUP, "v1", "clusterrolebindings", null, null);
    static final String GROUP_COLLECTION = KubeJson.path("user.openshift.io", "v1", "groups", null, null);

    private final KubeJson kube;
    private final ObjectWriter writer;
    private final Progress progress;

    public AdminGranter(KubeJson kube, Progress progress) {
        this.kube = kube;
        this.writer = new ObjectWriter(kube);
        this.progress = progress;
    }

    public GrantAdminResult grant(GrantAdminRequest in) {
        List<String> users = clean(in.users(), "--user");
        List<String> groups = clean(in.groups(), "--group");
        List<String> members = clean(in.members(), "--member");
        if (users.isEmpty() && groups.isEmpty()) {
            throw RhoaiException.invalid("nothing to grant: no --user or --group (and none in the profile's spec.oauth.admins)",
                    "pass --user <email> or --group <name>, or list them under spec.oauth.admins in the profile");
        }
        if (!members.isEmpty() && !in.createGroup()) {
            throw RhoaiException.invalid("--member needs --create-group", "add --create-group to put the members into the groups");
        }
        String binding = in.bindingName() == null ? GrantAdminRequest.DEFAULT_BINDING : in.bindingName();
        List<String> warnings = new ArrayList<>();

        List<GrantAdminResult.GroupChange> groupChanges = new ArrayList<>();
        for (String g : groups) {
            String path = GROUP_COLLECTION + "/" + g;
            if (in.createGroup()) {
                ObjectWriter.Write w = writer.apply(GROUP_COLLECTION, path, current -> mergeGroup(current.orElse(null), g, members), in.dryRun());
                groupChanges.add(new GrantAdminResult.GroupChange(g, w.outcome(), groupUsers(w.stored())));
                progress.done("Group " + g + ": " + w.outcome());
            } else if (kube.get(path).isEmpty()) {
                String m = "Group " + g + " does not exist: the binding grants nothing until it does (add --create-group, or sync it from your directory)";
                warnings.add(m);
                progress.warn(m);
            }
        }

        List<String> wanted = new ArrayList<>();
        users.forEach(u -> wanted.add("User:" + u));
        groups.forEach(g -> wanted.add("Group:" + g));
        List<String> added = new ArrayList<>();
        ObjectWriter.Write w = writer.apply(CRB_COLLECTION, CRB_COLLECTION + "/" + binding, current -> {
            added.clear();
            ObjectNode crb = current.orElseGet(() -> newBinding(binding));
            JsonNode roleRef = crb.path("roleRef");
            if (!CLUSTER_ADMIN.equals(roleRef.path("name").asText()) || !"ClusterRole".equals(roleRef.path("kind").asText())) {
                throw RhoaiException.precondition("ClusterRoleBinding " + binding + " exists but binds " + roleRef.path("kind").asText("?")
                        + " " + roleRef.path("name").asText("?") + ", not ClusterRole cluster-admin",
                        "pass --binding-name with another name, or delete that binding if it is a leftover");
            }
            JsonNode existing = crb.get("subjects");
            ArrayNode subjects = existing instanceof ArrayNode a ? a : crb.putArray("subjects");
            for (String s : wanted) {
                String kind = s.substring(0, s.indexOf(':')), name = s.substring(s.indexOf(':') + 1);
                if (!hasSubject(subjects, kind, name)) {
                    subjects.addObject().put("kind", kind).put("apiGroup", RBAC_GROUP).put("name", name);
                    added.add(s);
                }
            }
            return added.isEmpty() ? null : crb;
        }, in.dryRun());
        progress.done("ClusterRoleBinding " + binding + " → cluster-admin: " + w.outcome()
                + (added.isEmpty() ? "" : " (added " + String.join(", ", added) + ")"));
        List<String> all = new ArrayList<>();
        if (w.stored() != null) {
            for (JsonNode s : w.stored().path("subjects")) all.add(s.path("kind").asText() + ":" + s.path("name").asText());
        }
        return new GrantAdminResult(in.dryRun(), binding, CLUSTER_ADMIN, w.outcome(), List.copyOf(added), all,
                groupChanges, warnings);
    }

    private static ObjectNode newBinding(String name) {
        ObjectNode crb = JsonNodeFactory.instance.objectNode();
        crb.put("apiVersion", RBAC_GROUP + "/v1");
        crb.put("kind", "ClusterRoleBinding");
        crb.putObject("metadata").put("name", name);
        ObjectWriter.labelManaged(crb);
        crb.putObject("roleRef").put("apiGroup", RBAC_GROUP).put("kind", "ClusterRole").put("name", CLUSTER_ADMIN);
        crb.putArray("subjects");
        return crb;
    }

    private static ObjectNode mergeGroup(ObjectNode current, String name, List<String> members) {
        ObjectNode g = current;
        boolean created = g == null;
        if (created) {
            g = JsonNodeFactory.instance.objectNode();
            g.put("apiVersion", "user.openshift.io/v1");
            g.put("kind", "Group");
            g.putObject("metadata").put("name", name);
            ObjectWriter.labelManaged(g);
        }
        JsonNode existing = g.get("users");
        ArrayNode users = existing instanceof ArrayNode a ? a : g.putArray("users");
        boolean changed = created;
        for (String m : members) {
            boolean present = false;
            for (JsonNode u : users) present |= m.equals(u.asText());
            if (!present) {
                users.add(m);
                changed = true;
            }
        }
        return changed ? g : null;
    }

    private static List<String> groupUsers(ObjectNode group) {
        List<String> users = new ArrayList<>();
        if (group != null) group.path("users").forEach(u -> users.add(u.asText()));
        return users;
    }

    private static boolean hasSubject(ArrayNode subjects, String kind, String name) {
        for (JsonNode s : subjects) {
            if (kind.equals(s.path("kind").asText()) && name.equals(s.path("name").asText())) return true;
        }
        return false;
    }

    private static List<String> clean(List<String> values, String flag) {
        List<String> out = new ArrayList<>();
        if (values == null) return out;
        for (String v : values) {
            String s = v == null ? "" : v.strip();
            if (s.isEmpty() || s.contains(" ")) {
                throw RhoaiException.invalid(flag + ": '" + v + "' is not a user or group name", "pass the name exactly as OpenShift shows it (oc get users)");
            }
            if (!out.contains(s)) out.add(s);
        }
        return out;
    }
}
