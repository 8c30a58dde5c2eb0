package io.rhoai.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.Applier.Applied;
import io.rhoai.kube.Kinds;
import io.rhoai.kube.MergeWriter;
import io.rhoai.kube.Ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Grants cluster-admin through one ClusterRoleBinding that rhoai owns ({@code rhoai-cluster-admins}): subjects are
 * merged in, never replaced, so re-runs and grants made one at a time accumulate, and subjects added by hand stay.
 * Optionally creates the groups. Both are read-merge-writes through {@link MergeWriter}, since people and directory
 * syncs edit these lists too.
 */
public final class AdminGranter {
    public static final String CLUSTER_ADMIN = "cluster-admin";
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private final KubernetesClient client;
    private final Progress progress;

    public AdminGranter(KubernetesClient client, Progress progress) {
        this.client = client;
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
        Deadline deadline = Deadline.in(in.timeout());
        MergeWriter writer = new MergeWriter(client, in.dryRun());
        String dryNote = in.dryRun().isDryRun() ? " (dry run)" : "";
        List<String> warnings = new ArrayList<>();

        List<GrantAdminResult.GroupChange> groupChanges = in.createGroup() ? createGroups(groups, members, writer, deadline, dryNote)
                : warnAboutMissing(groups, new Reads(client, deadline), warnings);

        List<String> wanted = new ArrayList<>();
        users.forEach(u -> wanted.add("User:" + u));
        groups.forEach(g -> wanted.add("Group:" + g));
        List<String> added = new ArrayList<>();
        AtomicReference<ObjectNode> seen = new AtomicReference<>();
        Applied w = writer.write(Kinds.CLUSTER_ROLE_BINDING, null, binding, current -> {
            added.clear();
            ObjectNode crb = current != null ? current : newBinding(binding);
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
            seen.set(crb);
            return added.isEmpty() ? null : crb;
        }, deadline);
        progress.done("ClusterRoleBinding " + binding + " → cluster-admin: " + w.outcome() + dryNote
                + (added.isEmpty() ? "" : " (added " + String.join(", ", added) + ")"));
        List<String> all = new ArrayList<>();
        for (JsonNode s : seen.get().path("subjects")) all.add(s.path("kind").asText() + ":" + s.path("name").asText());
        return new GrantAdminResult(in.dryRun().isDryRun(), binding, CLUSTER_ADMIN, w.outcome(), List.copyOf(added), all,
                groupChanges, warnings);
    }

    private List<GrantAdminResult.GroupChange> createGroups(List<String> groups, List<String> members, MergeWriter writer,
                                                            Deadline deadline, String dryNote) {
        List<GrantAdminResult.GroupChange> changes = new ArrayList<>();
        for (String g : groups) {
            // the object merged (or left as it was), to report the users without reading it again
            AtomicReference<ObjectNode> seen = new AtomicReference<>();
            Applied w = writer.write(Kinds.GROUP, null, g, current -> {
                ObjectNode merged = mergeGroup(current, g, members);
                seen.set(merged != null ? merged : current);
                return merged;
            }, deadline);
            changes.add(new GrantAdminResult.GroupChange(g, w.outcome(), groupUsers(seen.get())));
            progress.done("Group " + g + ": " + w.outcome() + dryNote);
        }
        return changes;
    }

    /** Granting a group that does not exist is allowed (a directory sync may create it later), but said. */
    private List<GrantAdminResult.GroupChange> warnAboutMissing(List<String> groups, Reads reads, List<String> warnings) {
        for (String g : groups) {
            if (reads.get(Kinds.GROUP, null, g) == null) {
                String m = "Group " + g + " does not exist: the binding grants nothing until it does (add --create-group, or sync it from your directory)";
                warnings.add(m);
                progress.warn(m);
            }
        }
        return List.of();
    }

    private static ObjectNode newBinding(String name) {
        ObjectNode crb = JsonNodeFactory.instance.objectNode();
        crb.put("apiVersion", RBAC_GROUP + "/v1");
        crb.put("kind", "ClusterRoleBinding");
        managedMetadata(crb, name);
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
            managedMetadata(g, name);
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

    /** A new object's metadata: its name and the label that marks it as rhoai's. */
    private static void managedMetadata(ObjectNode object, String name) {
        object.putObject("metadata").put("name", name).putObject("labels").put(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY);
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
