package io.rhoai.fleet.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.fleet.Fleet;
import io.rhoai.fleet.Member;
import io.rhoai.gitops.BootstrapManifests;
import io.rhoai.gitops.BootstrapManifests.RootSettings;
import io.rhoai.profile.rules.LabelRules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's fleet manifests from the member profiles: one ApplicationSet per ring with a <b>list generator</b> whose
 * elements are the ring's members (cluster, repository, revision, overlay), each generating the Application that points
 * that member at its overlay, with the project and sync policy of the bootstrap's root Application
 * ({@link BootstrapManifests#rootSettings}). Destinations name the cluster ({@code destination.name}), which
 * {@code fleet register} registers under the profile's name. Plus a {@code kustomization.yaml} listing them.
 *
 * <p>Deterministic: members sorted by name, rings in promotion order, fixed key order, no timestamps; the same
 * profiles give the same bytes. docs/fleet.md says why a list generator rather than the cluster generator.
 */
public final class FleetRenderer {
    public static final String FILE_PREFIX = "applicationset-";
    public static final String KUSTOMIZATION = "kustomization.yaml";
    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    public static final String PART_OF = "rhoai-fleet";
    static final String HEADER = "# Rendered by `rhoai fleet render` from the cluster profiles; edit the profiles and re-render, not this file.\n";

    /** One file to write, relative to the output directory. */
    public record RenderedFile(String name, String text) { }

    private FleetRenderer() { }

    /** ApplicationSet name of a ring. */
    public static String applicationSetName(String ring) {
        return "rhoai-fleet-" + ring;
    }

    /** Application name of a member. */
    public static String applicationName(String member) {
        return "fleet-" + member;
    }

    /**
     * @param members      the fleet without the hub (each with spec.gitops)
     * @param autoSync     automated sync, as {@code gitops bootstrap --auto-sync} sets it on the root Application
     * @param manifestsDir bootstrap templates (--manifests-dir), or null for the bundled ones
     */
    public static List<RenderedFile> render(String hub, List<Member> members, boolean autoSync, Path manifestsDir) {
        RootSettings root = BootstrapManifests.rootSettings(manifestsDir, autoSync);
        Map<String, List<Member>> byRing = new LinkedHashMap<>();
        for (String ring : LabelRules.RINGS) byRing.put(ring, new ArrayList<>());
        for (Member m : members) {
            Fleet.requireGitOps(m);
            byRing.get(m.ring()).add(m);
        }
        List<RenderedFile> files = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        for (Map.Entry<String, List<Member>> e : byRing.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            e.getValue().sort(Comparator.comparing(Member::name));
            String file = FILE_PREFIX + e.getKey() + ".yaml";
            files.add(new RenderedFile(file, HEADER + "# hub: " + hub + ", ring: " + e.getKey() + ", " + e.getValue().size() + " cluster(s)\n"
                    + Mappers.toYaml(applicationSet(e.getKey(), e.getValue(), root))));
            resources.add(file);
        }
        ObjectNode k = Mappers.json().createObjectNode();
        k.put("apiVersion", "kustomize.config.k8s.io/v1beta1").put("kind", "Kustomization");
        ArrayNode r = k.putArray("resources");
        resources.forEach(r::add);
        files.add(new RenderedFile(KUSTOMIZATION, HEADER + Mappers.toYaml(k)));
        return files;
    }

    static ObjectNode applicationSet(String ring, List<Member> members, RootSettings root) {
        ObjectNode set = Mappers.json().createObjectNode();
        set.put("apiVersion", "argoproj.io/v1alpha1").put("kind", "ApplicationSet");
        ObjectNode meta = set.putObject("metadata");
        meta.put("name", applicationSetName(ring)).put("namespace", root.namespace());
        meta.putObject("labels").put(PART_OF_LABEL, PART_OF).put(Fleet.RING_LABEL, ring);
        ObjectNode spec = set.putObject("spec");
        spec.put("goTemplate", true);
        spec.putArray("goTemplateOptions").add("missingkey=error");
        ArrayNode elements = spec.putArray("generators").addObject().putObject("list").putArray("elements");
        for (Member m : members) {
            elements.addObject().put("cluster", m.name()).put("repoURL", m.repoURL()).put("revision", m.revision())
                    .put("overlayPath", m.overlayPath());
        }
        ObjectNode template = spec.putObject("template");
        ObjectNode tmeta = template.putObject("metadata");
        tmeta.put("name", applicationName("{{.cluster}}"));
        tmeta.putObject("labels").put(PART_OF_LABEL, PART_OF)
                .put(Fleet.MEMBER_LABEL, "{{.cluster}}").put(Fleet.RING_LABEL, ring);
        ObjectNode tspec = template.putObject("spec");
        tspec.put("project", root.project());
        tspec.putObject("source").put("repoURL", "{{.repoURL}}").put("targetRevision", "{{.revision}}").put("path", "{{.overlayPath}}");
        tspec.putObject("destination").put("name", "{{.cluster}}").put("namespace", Fleet.ARGOCD_NAMESPACE);
        if (root.syncPolicy() != null) tspec.set("syncPolicy", Mappers.json().valueToTree(root.syncPolicy()));
        return set;
    }
}
