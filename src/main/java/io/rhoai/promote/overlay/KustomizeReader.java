package io.rhoai.promote.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.git.TreeFiles;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads kustomizations inside a git tree, without running kustomize: follows local resources, bases, components and
 * patch files, applies JSON6902 and strategic-merge patches (maps merge, lists replace) and returns the objects. It is
 * enough to find the Argo CD Applications and ApplicationSets an overlay declares, and which files each one reads.
 * Remote bases are not fetched; they are listed in {@link Build#notes()}.
 */
public final class KustomizeReader {
    static final List<String> KUSTOMIZATION_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final int MAX_DEPTH = 40;

    private final TreeFiles files;

    public KustomizeReader(TreeFiles files) {
        this.files = files;
    }

    /**
     * @param objects  the objects the kustomization produces (only when asked for)
     * @param subtrees directories whose whole subtree belongs to it (the root)
     * @param dirs     referenced kustomization directories (their own files belong to it)
     * @param files    individual files it reads
     * @param notes    what could not be followed (remote bases, unsupported patches)
     * @param remoteBases entries kustomize would fetch over the network, with the kustomization listing each
     */
    public record Build(List<ObjectNode> objects, Set<String> subtrees, Set<String> dirs, Set<String> files, List<String> notes,
                        List<RemoteBase> remoteBases) {
        public boolean contains(String path) {
            if (files.contains(path)) return true;
            for (String s : subtrees) if (s.isEmpty() || path.startsWith(s + "/")) return true;
            int slash = path.lastIndexOf('/');
            return dirs.contains(slash < 0 ? "" : path.substring(0, slash));
        }
    }

    public Build build(String dir, boolean withObjects) {
        Build b = new Build(new ArrayList<>(), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(), new ArrayList<>(),
                new ArrayList<>());
        String root = normalise(dir);
        b.subtrees().add(root);
        if (files.isFile(root)) {
            b.files().add(root);
            if (withObjects) b.objects().addAll(parse(root, b));
            return b;
        }
        b.objects().addAll(visit(root, b, withObjects, new ArrayDeque<>()));
        return b;
    }

    /** The kustomization file of a directory, or null. */
    public String kustomizationFile(String dir) {
        for (String n : KUSTOMIZATION_NAMES) {
            String p = dir.isEmpty() ? n : dir + "/" + n;
            if (files.isFile(p)) return p;
        }
        return null;
    }

    private List<ObjectNode> visit(String dir, Build b, boolean withObjects, Deque<String> stack) {
        List<ObjectNode> objects = new ArrayList<>();
        if (stack.contains(dir) || stack.size() > MAX_DEPTH) {
            b.notes().add("cycle or too deep at " + dir);
            return objects;
        }
        stack.push(dir);
        try {
            b.dirs().add(dir);
            String kfile = kustomizationFile(dir);
            if (kfile == null) {
                plainDirectory(dir, b, withObjects, objects);
                return objects;
            }
            b.files().add(kfile);
            JsonNode k = readOne(kfile, b);
            if (k == null) return objects;
            resources(dir, kfile, k, b, withObjects, stack, objects);
            referencedFiles(dir, k, b);
            strategicMergePatches(dir, kfile, k, b, withObjects, objects);
            patches(dir, kfile, k, b, withObjects, objects);
            return objects;
        } finally {
            stack.pop();
        }
    }

    /** Argo CD applies a plain directory of manifests as is. */
    private void plainDirectory(String dir, Build b, boolean withObjects, List<ObjectNode> objects) {
        for (String p : files.paths()) {
            if (p.startsWith(dir.isEmpty() ? "" : dir + "/") && (p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".json"))) {
                b.files().add(p);
                if (withObjects) objects.addAll(parse(p, b));
            }
        }
    }

    /** resources, bases and components: local directories are followed, local files read, remote ones noted. */
    private void resources(String dir, String kfile, JsonNode k, Build b, boolean withObjects, Deque<String> stack, List<ObjectNode> objects) {
        for (String field : List.of("resources", "bases", "components")) {
            for (JsonNode r : k.path(field)) {
                String ref = r.asText("");
                if (isRemote(ref)) {
                    b.notes().add("remote base not followed: " + ref);
                    b.remoteBases().add(RemoteBase.of(kfile, ref));
                    continue;
                }
                String p = join(dir, ref);
                if (files.isDirectory(p) && !files.isFile(p)) {
                    objects.addAll(visit(p, b, withObjects, stack));
                } else if (files.isFile(p)) {
                    b.files().add(p);
                    if (withObjects) objects.addAll(parse(p, b));
                } else {
                    b.notes().add(kfile + ": " + field + " entry " + ref + " does not exist");
                }
            }
        }
    }

    /** Files a kustomization reads besides resources: a change to any of them changes the Application. */
    private void referencedFiles(String dir, JsonNode k, Build b) {
        for (String field : List.of("crds", "configurations", "generators", "transformers", "validators")) {
            for (JsonNode r : k.path(field)) addReferenced(dir, r.asText(""), b);
        }
        for (JsonNode r : k.path("replacements")) if (r.has("path")) addReferenced(dir, r.path("path").asText(), b);
        if (k.path("openapi").has("path")) addReferenced(dir, k.path("openapi").path("path").asText(), b);
        for (String gen : List.of("configMapGenerator", "secretGenerator")) {
            for (JsonNode g : k.path(gen)) {
                for (JsonNode f : g.path("files")) {
                    String s = f.asText("");
                    addReferenced(dir, s.contains("=") ? s.substring(s.indexOf('=') + 1) : s, b);
                }
                for (JsonNode f : g.path("envs")) addReferenced(dir, f.asText(""), b);
                if (g.has("env")) addReferenced(dir, g.path("env").asText(), b);
            }
        }
    }

    private void strategicMergePatches(String dir, String kfile, JsonNode k, Build b, boolean withObjects, List<ObjectNode> objects) {
        for (JsonNode p : k.path("patchesStrategicMerge")) {
            String s = p.asText("");
            if (!s.contains("\n") && files.isFile(join(dir, s))) {
                b.files().add(join(dir, s));
                if (withObjects) for (JsonNode doc : readAll(join(dir, s), b)) strategicMerge(objects, doc, null);
            } else if (withObjects) {
                for (JsonNode doc : readText(s, kfile, b)) strategicMerge(objects, doc, null);
            }
        }
    }

    /** patches and patchesJson6902: JSON patches (lists of operations) or strategic-merge documents, with a target. */
    private void patches(String dir, String kfile, JsonNode k, Build b, boolean withObjects, List<ObjectNode> objects) {
        List<JsonNode> patches = new ArrayList<>();
        k.path("patches").forEach(patches::add);
        k.path("patchesJson6902").forEach(patches::add);
        for (JsonNode p : patches) {
            List<JsonNode> docs;
            if (p.has("path")) {
                String pf = join(dir, p.path("path").asText());
                b.files().add(pf);
                if (!withObjects) continue;
                docs = readAll(pf, b);
            } else if (p.has("patch")) {
                if (!withObjects) continue;
                docs = readText(p.path("patch").asText(), kfile, b);
            } else {
                continue;
            }
            JsonNode target = p.get("target");
            for (JsonNode doc : docs) {
                if (doc.isArray()) {
                    for (ObjectNode o : objects) {
                        if (matches(o, target)) {
                            for (String s : JsonPatch.apply(o, doc)) b.notes().add(kfile + ": patch op not applied to "
                                    + o.path("kind").asText() + "/" + o.path("metadata").path("name").asText() + ": " + s);
                        }
                    }
                } else if (doc.isObject()) {
                    strategicMerge(objects, doc, target);
                }
            }
        }
    }

    private void addReferenced(String dir, String ref, Build b) {
        if (ref.isBlank() || isRemote(ref)) return;
        String p = join(dir, ref);
        if (files.isFile(p)) b.files().add(p);
        else if (files.isDirectory(p)) b.dirs().add(p);
    }

    private static boolean matches(ObjectNode o, JsonNode target) {
        if (target == null || target.isNull()) return true;
        if (target.has("kind") && !target.path("kind").asText().equals(o.path("kind").asText())) return false;
        if (target.has("name")) {
            String name = o.path("metadata").path("name").asText();
            String want = target.path("name").asText();
            if (!want.equals(name)) {
                try {
                    if (!Pattern.matches(want, name)) return false;
                } catch (RuntimeException e) {
                    return false;
                }
            }
        }
        if (target.has("namespace") && o.path("metadata").has("namespace")
                && !target.path("namespace").asText().equals(o.path("metadata").path("namespace").asText())) return false;
        return true;
    }

    private static void strategicMerge(List<ObjectNode> objects, JsonNode patch, JsonNode target) {
        for (Iterator<ObjectNode> it = objects.iterator(); it.hasNext(); ) {
            ObjectNode o = it.next();
            boolean hit = target != null && !target.isNull() ? matches(o, target)
                    : patch.path("kind").asText().equals(o.path("kind").asText())
                    && patch.path("metadata").path("name").asText().equals(o.path("metadata").path("name").asText());
            if (!hit) continue;
            if ("delete".equals(patch.path("$patch").asText())) {
                it.remove();
            } else {
                merge(o, patch);
            }
        }
    }

    private static void merge(ObjectNode into, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("$")) continue;
            JsonNode cur = into.get(e.getKey());
            if (e.getValue().isNull()) into.remove(e.getKey());
            else if (cur instanceof ObjectNode co && e.getValue().isObject()) merge(co, e.getValue());
            else into.set(e.getKey(), e.getValue().deepCopy());
        }
    }

    private List<ObjectNode> parse(String file, Build b) {
        List<ObjectNode> out = new ArrayList<>();
        if (!(file.endsWith(".yaml") || file.endsWith(".yml") || file.endsWith(".json"))) return out;
        for (JsonNode n : readAll(file, b)) {
            if (n instanceof ObjectNode o && o.has("kind")) {
                if ("List".equals(o.path("kind").asText()) && o.path("items").isArray()) {
                    for (JsonNode item : (ArrayNode) o.path("items")) if (item instanceof ObjectNode io) out.add(io);
                } else {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private JsonNode readOne(String file, Build b) {
        List<JsonNode> docs = readAll(file, b);
        return docs.isEmpty() ? null : docs.get(0);
    }

    private List<JsonNode> readAll(String file, Build b) {
        String text = files.read(file);
        return text == null ? List.of() : readText(text, file, b);
    }

    private static List<JsonNode> readText(String text, String where, Build b) {
        List<JsonNode> docs = new ArrayList<>();
        // one tree per YAML document; readValues() would unwrap a top-level list (a JSON6902 patch) into its items
        try (JsonParser parser = Mappers.yaml().getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                JsonNode n = Mappers.yaml().readTree(parser);
                if (n != null && !n.isNull() && !n.isMissingNode()) docs.add(n);
            }
        } catch (Exception e) {
            b.notes().add(where + ": not valid YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return docs;
    }

    static boolean isRemote(String ref) {
        return ref.contains("://") || ref.startsWith("github.com/") || ref.startsWith("git@") || ref.contains("?ref=");
    }

    /** Joins a relative reference to a directory and resolves "." and "..". */
    public static String join(String dir, String ref) {
        if (ref.startsWith("/")) return normalise(ref);
        return normalise(dir.isEmpty() ? ref : dir + "/" + ref);
    }

    public static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }
}
