package io.rhoai.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Redactor;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Readable YAML templates for Kubernetes objects, with a deliberately tiny placeholder syntax (no template engine,
 * nothing reflective, so it works the same in the native binary):
 * <ul>
 *   <li>{@code ${name}} is replaced by variable {@code name}. As a whole value it keeps the variable's type (boolean,
 *       number, map, list); a null value removes the key. Inside a longer string it is replaced by the value's text.</li>
 *   <li>{@code ${name|base64}} is the value base64-encoded (Secret {@code data}).</li>
 *   <li>{@code $${} is a literal {@code ${}.</li>
 *   <li>Annotations under {@code rhoai.io/} steer rhoai and are removed from the rendered object:
 *       {@code rhoai.io/render-if: <variable>} keeps the document only when the variable is set and not false.</li>
 * </ul>
 * Values of type {@link Secret} are revealed only in {@link Mode#APPLY}; {@link Mode#DISPLAY} shows them masked,
 * so a dry run or {@code -o yaml} never prints a token. An unknown variable is an error naming file and placeholder.
 */
public final class ManifestTemplates {
    public static final String ANNOTATION_PREFIX = "rhoai.io/";
    public static final String RENDER_IF = "rhoai.io/render-if";

    public enum Mode { DISPLAY, APPLY }

    /** A rendered object with the rhoai annotations it carried (stage, apply-force) and the file it came from. */
    public record Rendered(GenericKubernetesResource object, Map<String, String> directives, String source) {
        public String directive(String name) {
            return directives.get(ANNOTATION_PREFIX + name);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$?)\\{([A-Za-z][A-Za-z0-9]*)(\\|base64)?}");

    /** A template file: its name (for messages) and its text. */
    public record Template(String name, String text) { }

    private ManifestTemplates() { }

    /** Every *.yaml / *.yml file of a directory, in name order. */
    public static List<Template> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw RhoaiException.invalid("--manifests-dir: " + dir + " is not a directory", "pass a folder of YAML templates");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yaml = files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
            List<Template> out = new ArrayList<>();
            for (Path p : yaml) out.add(new Template(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
            if (out.isEmpty()) throw RhoaiException.invalid("--manifests-dir: " + dir + " holds no .yaml files", "copy bootstrap-manifests/ and edit it");
            return out;
        } catch (IOException e) {
            throw RhoaiException.invalid("cannot read " + dir + ": " + e.getMessage(), "check the folder's permissions");
        }
    }

    /** Named files from a classpath folder (a jar cannot be listed portably, so the caller names them). */
    public static List<Template> fromClasspath(String folder, List<String> names) {
        List<Template> out = new ArrayList<>();
        for (String name : names) {
            String path = folder + "/" + name;
            try (InputStream in = ManifestTemplates.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) throw new IllegalStateException("bundled template " + path + " is missing from the binary");
                out.add(new Template(path, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled template " + path, e);
            }
        }
        return out;
    }

    public static List<Rendered> render(List<Template> templates, Map<String, Object> variables, Mode mode) {
        List<Rendered> out = new ArrayList<>();
        for (Template t : templates) {
            List<JsonNode> docs;
            try (MappingIterator<JsonNode> it = Mappers.yaml().readerFor(JsonNode.class).readValues(t.text())) {
                docs = it.readAll();
            } catch (IOException e) {
                throw RhoaiException.invalid(t.name() + ": not valid YAML: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), "fix the template");
            }
            for (JsonNode doc : docs) {
                if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) continue;
                if (!doc.isObject() || !doc.hasNonNull("kind") || !doc.hasNonNull("apiVersion") || doc.path("metadata").path("name").isMissingNode()) {
                    throw RhoaiException.invalid(t.name() + ": every document needs apiVersion, kind and metadata.name", "fix the template");
                }
                Map<String, String> directives = takeDirectives((ObjectNode) doc);
                String condition = directives.get(RENDER_IF);
                if (condition != null && !truthy(lookup(t.name(), condition, variables))) continue;
                JsonNode rendered = substitute(doc, variables, mode, t.name());
                GenericKubernetesResource obj = Mappers.json().convertValue(rendered, GenericKubernetesResource.class);
                out.add(new Rendered(obj, directives, t.name()));
            }
        }
        return out;
    }

    private static Map<String, String> takeDirectives(ObjectNode doc) {
        Map<String, String> directives = new LinkedHashMap<>();
        JsonNode annotations = doc.path("metadata").path("annotations");
        if (annotations instanceof ObjectNode a) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.startsWith(ANNOTATION_PREFIX)) directives.put(k, a.get(k).asText());
            }
            directives.keySet().forEach(a::remove);
            if (a.isEmpty()) ((ObjectNode) doc.get("metadata")).remove("annotations");
        }
        return directives;
    }

    private static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return !s.isBlank() && !s.equalsIgnoreCase("false");
        return true;
    }

    private static Object lookup(String file, String name, Map<String, Object> variables) {
        if (!variables.containsKey(name)) {
            throw RhoaiException.invalid(file + ": unknown variable '" + name + "'",
                    "use one of " + String.join(", ", variables.keySet().stream().sorted().toList()));
        }
        return variables.get(name);
    }

    /** Returns the substituted node, or null when a whole-value placeholder resolved to null (the key is dropped). */
    private static JsonNode substitute(JsonNode node, Map<String, Object> vars, Mode mode, String file) {
        if (node.isObject()) {
            ObjectNode copy = Mappers.json().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = substitute(e.getValue(), vars, mode, file);
                if (v != null) copy.set(e.getKey(), v);
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Mappers.json().createArrayNode();
            for (JsonNode item : node) {
                JsonNode v = substitute(item, vars, mode, file);
                if (v != null) copy.add(v);
            }
            return copy;
        }
        if (!node.isTextual() || !node.asText().contains("${")) return node;
        String text = node.asText();
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches() && whole.group(1).isEmpty()) {
            Object value = value(lookup(file, whole.group(2), vars), mode);
            if (whole.group(3) != null) return value == null ? null : TextNode.valueOf(base64(value, mode, vars.get(whole.group(2))));
            return value == null ? null : Mappers.json().valueToTree(value);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1);   // $${x} → ${x}
            } else {
                Object raw = lookup(file, m.group(2), vars);
                Object value = value(raw, mode);
                replacement = m.group(3) != null ? base64(value, mode, raw) : value == null ? "" : String.valueOf(value);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return TextNode.valueOf(b.toString());
    }

    private static Object value(Object raw, Mode mode) {
        if (raw instanceof Secret s) return mode == Mode.APPLY ? s.reveal() : Redactor.MASK;
        return raw;
    }

    private static String base64(Object value, Mode mode, Object raw) {
        if (raw instanceof Secret && mode == Mode.DISPLAY) return Redactor.MASK;
        return Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
