package io.rhoai.promote.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.git.TreeFiles;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Argo CD Applications a cluster overlay deploys: Applications it contains, and the ones its ApplicationSets
 * generate from list generators (element values, such as {@code values.path}) and git directory generators (path
 * globs matched against the tree), after the overlay's per-environment patches. Other generators are listed in notes.
 */
public final class OverlayApplications {
    private static final Pattern PARAM = Pattern.compile("\\{\\{\\s*\\.?([A-Za-z0-9_.\\[\\]-]+)\\s*}}");

    /**
     * @param overlay   what the overlay itself reads (its footprint)
     * @param apps      the Applications, by name order of declaration
     * @param revisions every revision the overlay sets
     */
    public record Resolved(KustomizeReader.Build overlay, List<ArgoApp> apps, List<RevisionField> revisions, List<String> notes) { }

    private final TreeFiles files;

    public OverlayApplications(TreeFiles files) {
        this.files = files;
    }

    public Resolved resolve(String overlayPath) {
        KustomizeReader reader = new KustomizeReader(files);
        KustomizeReader.Build build = reader.build(overlayPath, true);
        List<ArgoApp> apps = new ArrayList<>();
        List<RevisionField> revisions = new ArrayList<>();
        List<String> notes = new ArrayList<>(build.notes());
        for (ObjectNode o : build.objects()) {
            if (!o.path("apiVersion").asText().startsWith("argoproj.io/")) continue;
            String kind = o.path("kind").asText();
            String name = o.path("metadata").path("name").asText();
            if (kind.equals("Application")) {
                addSources("Application", o.path("spec"), Map.of(), apps, revisions, "Application/" + name, name, notes);
            } else if (kind.equals("ApplicationSet")) {
                fromApplicationSet(name, o.path("spec"), apps, revisions, notes);
            }
        }
        return new Resolved(build, apps, revisions, notes);
    }

    private void fromApplicationSet(String setName, JsonNode spec, List<ArgoApp> apps, List<RevisionField> revisions, List<String> notes) {
        JsonNode template = spec.path("template");
        String object = "ApplicationSet/" + setName;
        JsonNode src = template.path("spec").path("source");
        if (src.has("targetRevision")) {
            revisions.add(new RevisionField(object, "spec.template.spec.source.targetRevision", src.path("targetRevision").asText()));
        }
        int gi = 0;
        for (JsonNode g : spec.path("generators")) {
            List<Map<String, String>> params = new ArrayList<>();
            if (g.has("list")) {
                for (JsonNode e : g.path("list").path("elements")) params.add(flatten(e));
            } else if (g.has("git")) {
                JsonNode git = g.path("git");
                if (git.has("revision")) {
                    revisions.add(new RevisionField(object, "spec.generators[" + gi + "].git.revision", git.path("revision").asText()));
                }
                if (git.has("directories")) {
                    params.addAll(gitDirectories(git.path("directories")));
                } else {
                    notes.add(object + ": git files generator not expanded");
                }
            } else {
                // clusters, matrix, scm...: render the template once so fixed paths still map
                notes.add(object + ": generator " + (g.fieldNames().hasNext() ? g.fieldNames().next() : "?") + " not expanded");
                params.add(Map.of());
            }
            for (Map<String, String> p : params) {
                String appName = substitute(template.path("metadata").path("name").asText(setName), p);
                addSources("ApplicationSet " + setName, template.path("spec"), p, apps, null, null, appName, notes);
            }
            gi++;
        }
    }

    private static void addSources(String origin, JsonNode appSpec, Map<String, String> params, List<ArgoApp> apps,
                                   List<RevisionField> revisions, String object, String appName, List<String> notes) {
        List<JsonNode> sources = new ArrayList<>();
        if (appSpec.has("source")) sources.add(appSpec.path("source"));
        appSpec.path("sources").forEach(sources::add);
        int i = 0;
        for (JsonNode s : sources) {
            String path = substitute(s.path("path").asText(""), params);
            String repo = substitute(s.path("repoURL").asText(""), params);
            String rev = substitute(s.path("targetRevision").asText("HEAD"), params);
            if (revisions != null && s.has("targetRevision")) {
                revisions.add(new RevisionField(object, appSpec.has("source") ? "spec.source.targetRevision"
                        : "spec.sources[" + i + "].targetRevision", rev));
            }
            i++;
            if (s.has("chart") && !s.has("path")) continue;   // a Helm chart from a chart repo: no files here
            if (path.contains("{{")) {
                notes.add(origin + ": app " + appName + " path " + path + " has unresolved parameters");
                continue;
            }
            apps.add(new ArgoApp(appName, origin, KustomizeReader.normalise(path), repo, rev));
        }
    }

    private List<Map<String, String>> gitDirectories(JsonNode directories) {
        List<Pattern> include = new ArrayList<>(), exclude = new ArrayList<>();
        for (JsonNode d : directories) {
            Pattern p = glob(d.path("path").asText(""));
            if (d.path("exclude").asBoolean(false)) exclude.add(p); else include.add(p);
        }
        List<Map<String, String>> out = new ArrayList<>();
        files.directories().stream().sorted().forEach(dir -> {
            if (dir.isEmpty()) return;
            if (include.stream().noneMatch(p -> p.matcher(dir).matches())) return;
            if (exclude.stream().anyMatch(p -> p.matcher(dir).matches())) return;
            Map<String, String> m = new LinkedHashMap<>();
            String base = dir.substring(dir.lastIndexOf('/') + 1);
            m.put("path", dir);
            m.put("path.path", dir);
            m.put("path.basename", base);
            m.put("path.basenameNormalized", base.toLowerCase().replaceAll("[^a-z0-9-]", "-"));
            String[] seg = dir.split("/");
            for (int i = 0; i < seg.length; i++) m.put("path[" + i + "]", seg[i]);
            out.add(m);
        });
        return out;
    }

    /** Argo CD's path globs: {@code *} within one segment, {@code **} across segments, {@code ?} one character. */
    static Pattern glob(String glob) {
        glob = glob.replaceAll("^/+|/+$", "");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') { b.append(".*"); i++; }
            else if (c == '*') b.append("[^/]*");
            else if (c == '?') b.append("[^/]");
            else b.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString());
    }

    static Map<String, String> flatten(JsonNode element) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", element, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (!n.isArray() && !n.isNull()) {
            out.put(prefix, n.asText());
        }
    }

    static String substitute(String template, Map<String, String> params) {
        if (template == null || !template.contains("{{")) return template;
        Matcher m = PARAM.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = params.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group(0) : v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
