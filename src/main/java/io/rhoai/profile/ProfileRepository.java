package io.rhoai.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and loads cluster profiles. Profiles live in a directory ({@code --profiles-dir}, {@code RHOAI_PROFILES_DIR},
 * or {@code ./install-configs} when present); the bundled ones inside the binary are used otherwise.
 * A profile may name a {@code base:} file whose spec it overrides: maps merge key by key, lists of named items
 * merge by {@code name}, other lists and values are replaced. Unknown or misspelled fields are errors that name
 * the field path and the file.
 */
public final class ProfileRepository {
    public static final String BUNDLED = "install-configs";
    /** The folder that stands in for the bundled profiles (the launcher sets it to the checkout's install-configs). */
    public static final String BUNDLED_DIR_PROPERTY = "rhoai.profiles.bundled";
    /** Files starting with this are shared bases, not clusters. */
    private static final String BASE_PREFIX = "_";

    /** scheme://userinfo@ : group 1 the scheme, group 2 the userinfo. */
    private static final Pattern URL_USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#@\\s]*)@");

    /** A profile or base is named by a file name in the profiles directory, never a path. */
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final Path dir;   // null: bundled
    /** Values set from outside the files (env first, then --set: the later wins), applied to every profile loaded. */
    private final List<ProfileOverride> overrides;
    /** The one profile the overrides are for (a full name), or null: every profile loaded. */
    private final String overridden;
    /** Told about every placeholder value in a loaded profile (after overrides); the CLI warns on stderr. */
    private final Consumer<Placeholders.Placeholder> placeholders;
    private final ObjectMapper strict = Mappers.yaml().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // replicas: 2.9 would silently become 2
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** A key written twice would silently keep the last value; in a reviewed profile that is always a mistake. */
    private static final ObjectMapper PARSER = Mappers.yaml().copy().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ProfileRepository(Path dir) {
        this(dir, List.of(), null, p -> { });
    }

    private ProfileRepository(Path dir, List<ProfileOverride> overrides, String overridden, Consumer<Placeholders.Placeholder> placeholders) {
        this.dir = dir;
        this.overrides = List.copyOf(overrides);
        this.overridden = overridden;
        this.placeholders = placeholders;
    }

    /**
     * The same profiles with {@code overrides} applied on load, in order (a later one wins over an earlier one for the
     * same path), each checked as a field of the profile is: an unknown field or a wrong type fails naming its source.
     */
    public ProfileRepository withOverrides(List<ProfileOverride> overrides) {
        for (ProfileOverride o : overrides) checkOverride(o);
        return new ProfileRepository(dir, overrides, overridden, placeholders);
    }

    /**
     * The same profiles, with the overrides applied only to {@code nameOrSuffix} (the one {@code --cluster} names): a
     * command that also reads other profiles (a fleet's hub and members) must read those as their files say.
     */
    public ProfileRepository overridingOnly(String nameOrSuffix) {
        return overrides.isEmpty() ? this : new ProfileRepository(dir, overrides, resolve(nameOrSuffix, "--cluster"), placeholders);
    }

    /** The same profiles; {@code listener} hears about every placeholder value of each profile loaded. */
    public ProfileRepository onPlaceholder(Consumer<Placeholders.Placeholder> listener) {
        return new ProfileRepository(dir, overrides, overridden, listener);
    }

    public List<ProfileOverride> overrides() {
        return overrides;
    }

    /** @param explicitDir --profiles-dir, or null */
    public static ProfileRepository locate(Path explicitDir, Map<String, String> env) {
        if (explicitDir != null) {
            if (!Files.isDirectory(explicitDir)) {
                throw RhoaiException.invalid("--profiles-dir: " + explicitDir + " is not a directory", "pass the folder holding <cluster>.yaml files");
            }
            return new ProfileRepository(explicitDir);
        }
        String fromEnv = env.get("RHOAI_PROFILES_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p = Path.of(fromEnv);
            if (!Files.isDirectory(p)) {
                throw RhoaiException.invalid("RHOAI_PROFILES_DIR: " + p + " is not a directory", "unset it or point it at a folder of profiles");
            }
            return new ProfileRepository(p);
        }
        Path local = Path.of(BUNDLED);
        if (Files.isDirectory(local)) return new ProfileRepository(local);
        // scripts/rhoai points here at the checkout's install-configs: read at run time, so editing them rebuilds nothing
        String checkout = System.getProperty(BUNDLED_DIR_PROPERTY);
        if (checkout != null && !checkout.isBlank() && Files.isDirectory(Path.of(checkout))) return new ProfileRepository(Path.of(checkout));
        return bundled();
    }

    public static ProfileRepository bundled() {
        return new ProfileRepository(null);
    }

    public static ProfileRepository of(Path dir) {
        return new ProfileRepository(dir);
    }

    /** The directory profiles are read from, or empty for the bundled ones (which cannot be written). */
    public java.util.Optional<Path> directory() {
        return java.util.Optional.ofNullable(dir);
    }

    /** Where profiles come from, for messages: a directory or "bundled". */
    public String source() {
        return dir == null ? "bundled profiles" : dir.toString();
    }

    /** Profile names (file names without .yaml), sorted; bases are left out. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (dir == null) {
            String index = readResource(BUNDLED + "/index.txt");
            if (index != null) index.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
        } else {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".yaml") && !n.startsWith(BASE_PREFIX))
                        .map(n -> n.substring(0, n.length() - ".yaml".length()))
                        .forEach(names::add);
            } catch (IOException e) {
                throw RhoaiException.invalid("cannot list profiles in " + dir + ": " + e.getMessage(), "check the directory");
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /**
     * The full profile name for what the user typed after {@code flag}: the full name, or a unique suffix after a dash
     * ({@code dev} finds {@code rhoaibu-cluster-dev} when no other profile ends in {@code -dev}). One rule for every
     * flag that names a cluster ({@code --cluster}, promote's {@code --from}/{@code --to}).
     */
    public String resolve(String nameOrSuffix, String flag) {
        if (nameOrSuffix == null || nameOrSuffix.isBlank()) {
            throw RhoaiException.invalid(flag + " is required", "pass a cluster profile name, e.g. " + flag + " rhoaibu-cluster-dev");
        }
        String name = nameOrSuffix.endsWith(".yaml") ? nameOrSuffix.substring(0, nameOrSuffix.length() - ".yaml".length()) : nameOrSuffix;
        // a name, never a path: --cluster ../outside/evil must not read outside the profiles directory
        if (!PROFILE_NAME.matcher(name).matches()) {
            throw RhoaiException.invalid(flag + ": '" + nameOrSuffix + "' is not a profile name (letters, digits, '.', '_', '-'; no path)",
                    "pass one of: " + String.join(", ", names()) + " (or --profiles-dir for another directory)");
        }
        if (exists(name + ".yaml")) return name;
        List<String> names = names();
        List<String> matches = names.stream().filter(n -> n.endsWith("-" + name)).toList();
        if (matches.size() == 1) return matches.get(0);
        if (matches.size() > 1) {
            throw RhoaiException.invalid(flag + ": '" + nameOrSuffix + "' matches several profiles: " + String.join(", ", matches),
                    "pass the full profile name");
        }
        throw RhoaiException.invalid(flag + ": no profile '" + nameOrSuffix + "' in " + source(),
                "pass one of: " + String.join(", ", names) + " (or --profiles-dir)");
    }

    /** Loads, merges with its base and binds a profile (full name or unique suffix, {@link #resolve}). */
    public LoadedProfile load(String nameOrSuffix) {
        String name = resolve(nameOrSuffix, "--cluster");
        String file = name + ".yaml";
        String text = read(file);
        JsonNode tree = parse(file, text);
        List<String> files = new ArrayList<>();
        files.add(file);
        JsonNode baseName = tree.get("base");
        if (baseName != null && !baseName.isNull()) {
            if (!baseName.isTextual()) throw fieldError(file, "base", "must be a file name", "write base: _base.yaml");
            String bf = baseName.asText();
            if (!PROFILE_NAME.matcher(bf).matches()) {
                throw fieldError(file, "base", "must be a file in the same directory as the profile (a name, no path)",
                        "write base: _base.yaml");
            }
            String baseText = read(bf);
            if (baseText == null) {
                throw RhoaiException.invalid(file + ": base: file '" + bf + "' not found next to the profile",
                        "create it or remove the base: line");
            }
            JsonNode baseTree = parse(bf, baseText);
            checkHeader(bf, baseTree, "ProfileBase");
            bind(bf, baseTree.path("spec"), ClusterProfile.Spec.class, "spec.");   // typos in the base name the base file
            if (baseTree.hasNonNull("metadata")) bind(bf, baseTree.get("metadata"), ClusterProfile.Metadata.class, "metadata.");
            checkOnlyKeys(bf, baseTree, List.of("apiVersion", "kind", "metadata", "spec"));
            ObjectNode merged = (ObjectNode) tree.deepCopy();
            merged.set("spec", merge(baseTree.path("spec").deepCopy(), tree.path("spec")));
            tree = merged;
            files.add(0, bf);
        }
        checkHeader(file, tree, ClusterProfile.KIND);
        if (!overrides.isEmpty() && (overridden == null || overridden.equals(name))) {
            ObjectNode withOverrides = (ObjectNode) tree.deepCopy();
            for (ProfileOverride o : overrides) applyOverride(withOverrides, o);
            tree = withOverrides;
        }
        ClusterProfile profile = bind(file, tree, ClusterProfile.class, "");
        if (profile.metadata() == null || profile.metadata().name() == null) {
            throw fieldError(file, "metadata.name", "is required", "set it to the file name, " + name);
        }
        String expected = file.substring(0, file.length() - ".yaml".length());
        if (!profile.metadata().name().equals(Path.of(expected).getFileName().toString())) {
            throw fieldError(file, "metadata.name", "is '" + profile.metadata().name() + "' but the file is " + file,
                    "make metadata.name match the file name");
        }
        if (profile.spec() == null) throw fieldError(file, "spec", "is required", "see docs/profiles.md");
        String canonical = Mappers.toYaml(tree);
        LoadedProfile loaded = new LoadedProfile(profile, files, canonical);
        for (Placeholders.Placeholder p : Placeholders.in(tree)) placeholders.accept(p);
        return loaded;
    }

    /** The text of one of the files a profile was loaded from (for input digests), or null when it is gone. */
    public String fileText(String file) {
        return read(file);
    }

    /**
     * The file a field of a loaded profile comes from, for messages: the profile itself or its base. {@code path} is a
     * dotted path such as {@code spec.gpuPools[name=t4-private].maxReplicas} or {@code spec.platform.aws.zones[0]};
     * the file holding the longest prefix of it wins, the profile on a tie.
     */
    public String originOf(LoadedProfile loaded, String path) {
        boolean overriddenHere = overridden == null || overridden.equals(loaded.profile().name());
        for (int i = overriddenHere ? overrides.size() - 1 : -1; i >= 0; i--) {
            String set = overrides.get(i).path();
            if (path.equals(set) || path.startsWith(set + ".") || path.startsWith(set + "[")) return overrides.get(i).source();
        }
        List<String> segments = segments(path);
        String best = loaded.files().get(loaded.files().size() - 1);
        int bestDepth = -1;
        for (int f = loaded.files().size() - 1; f >= 0; f--) {
            String file = loaded.files().get(f);
            String text = read(file);
            if (text == null) continue;
            JsonNode node;
            try {
                node = Mappers.yaml().readTree(text);
            } catch (JsonProcessingException e) {
                continue;
            }
            int depth = 0;
            for (String seg : segments) {
                node = step(node, seg);
                if (node == null || node.isMissingNode() || node.isNull()) break;
                depth++;
            }
            if (depth > bestDepth) {
                best = file;
                bestDepth = depth;
            }
        }
        return best;
    }

    /** "spec.gpuPools[name=x].maxReplicas" → spec, gpuPools, [name=x], maxReplicas */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            segments.add(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) break;
                segments.add(part.substring(bracket, close + 1));
                bracket = part.indexOf('[', close);
            }
        }
        return segments;
    }

    /** The typed value: a YAML scalar (3, true, 15m, text); anything else (a list, a mapping, null) is taken as text. */
    private static JsonNode scalar(String value) {
        try {
            JsonNode n = Mappers.yaml().readTree(value);
            if (n != null && n.isValueNode() && !n.isNull()) return n;
        } catch (JsonProcessingException ignored) {
            // not YAML: text
        }
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }

    /**
     * An override is checked on its own, before any profile is read: the path is built as a one-field profile and bound
     * with the same strict rules as a file, so an unknown field gets the same "did you mean" and a wrong type the same
     * message, both naming the override.
     */
    private void checkOverride(ProfileOverride o) {
        List<String> segs = segments(o.path());
        for (String s : segs) {
            if (s.isEmpty() || (s.startsWith("[") && !s.matches("\\[(name=[^\\]]+|[0-9]+)]"))) {
                throw RhoaiException.invalid(o.source() + ": '" + o.path() + "' is not a field path",
                        "write fields with dots, list items as [0] or [name=ITEM]: spec.gpuPools[name=t4-private].maxReplicas");
            }
        }
        Matcher creds = URL_USERINFO.matcher(o.value().strip());
        if (creds.find() && !(creds.group(1).equalsIgnoreCase("ssh") && !creds.group(2).contains(":"))) {
            throw RhoaiException.invalid(o.source() + ": credentials in the URL are not allowed (the value is not shown)",
                    "remove the user:password@ part; use --git-token-file / GIT_TOKEN for the token");
        }
        JsonNode mini = scalar(o.value());
        for (int i = segs.size() - 1; i >= 1; i--) {
            String s = segs.get(i);
            if (s.startsWith("[name=")) {
                ObjectNode item = mini.isObject() ? (ObjectNode) mini : Mappers.yaml().createObjectNode();
                item.put("name", s.substring("[name=".length(), s.length() - 1));
                mini = Mappers.yaml().createArrayNode().add(item);
            } else if (s.startsWith("[")) {
                mini = Mappers.yaml().createArrayNode().add(mini);
            } else {
                ObjectNode o2 = Mappers.yaml().createObjectNode();
                o2.set(s, mini);
                mini = o2;
            }
        }
        try {
            strict.treeToValue(mini, ClusterProfile.Spec.class);
        } catch (UnrecognizedPropertyException e) {
            String field = e.getPropertyName();
            String suggestion = TypoHints.closest(field, e.getKnownPropertyIds());
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().reduce((a, b) -> a + ", " + b).orElse("");
            throw RhoaiException.invalid(o.source() + ": unknown field '" + field + "'",
                    suggestion != null ? "did you mean '" + suggestion + "' (" + o.path().replace(field, suggestion) + ")?"
                            : "known fields there: " + known + " (docs/profiles.md)");
        } catch (JsonMappingException e) {
            throw RhoaiException.invalid(o.source() + ": '" + o.value() + "' " + expected(e).replace("must be a mapping (key: value)",
                    "is a single value, but the field is a mapping").replace("must be a list", "is a single value, but the field is a list"),
                    "set a single value (a field under it, for a mapping or list); field types: docs/profiles.md");
        } catch (JsonProcessingException e) {
            throw RhoaiException.invalid(o.source() + ": " + e.getOriginalMessage(), "see docs/profiles.md");
        }
    }

    /** Writes the override's value into the merged tree, creating missing mappings on the way. */
    private static void applyOverride(ObjectNode tree, ProfileOverride o) {
        List<String> segs = segments(o.path());
        JsonNode node = tree;
        for (int i = 0; i < segs.size(); i++) {
            String s = segs.get(i);
            boolean last = i == segs.size() - 1;
            String next = last ? null : segs.get(i + 1);
            JsonNode child;
            if (s.startsWith("[")) {
                if (!node.isArray()) throw notThere(o, "no list at " + s);
                if (s.startsWith("[name=")) {
                    String name = s.substring("[name=".length(), s.length() - 1);
                    child = null;
                    for (JsonNode item : node) if (name.equals(item.path("name").asText(null))) child = item;
                    if (child == null) {
                        List<String> names = new ArrayList<>();
                        node.forEach(item -> names.add(item.path("name").asText("?")));
                        throw notThere(o, "no item named '" + name + "' (there: " + String.join(", ", names) + ")");
                    }
                } else {
                    int idx = Integer.parseInt(s.substring(1, s.length() - 1));
                    if (idx >= node.size()) throw notThere(o, "the list has " + node.size() + " item(s)");
                    if (last) {
                        ((ArrayNode) node).set(idx, scalar(o.value()));
                        return;
                    }
                    child = node.get(idx);
                }
            } else {
                ObjectNode obj = (ObjectNode) node;
                if (last) {
                    JsonNode old = obj.get(s);
                    if (old != null && (old.isObject() || old.isArray())) {
                        throw RhoaiException.invalid(o.source() + ": the field is a " + (old.isObject() ? "mapping" : "list")
                                + ", not a single value", "set one of its fields, e.g. " + o.path() + (old.isObject() ? ".FIELD" : "[0]") + "=VALUE");
                    }
                    obj.set(s, scalar(o.value()));
                    return;
                }
                child = obj.get(s);
                if (child == null || child.isNull()) {
                    if (next.startsWith("[")) throw notThere(o, s + " is not set in the profile");
                    child = obj.putObject(s);
                }
            }
            if (!child.isContainerNode()) throw notThere(o, s + " is a single value");
            node = child;
        }
    }

    private static RhoaiException notThere(ProfileOverride o, String why) {
        return RhoaiException.invalid(o.source() + ": " + why, "point it at a single value the profile has (rhoai install-config render --dry-run shows them)");
    }

    private static JsonNode step(JsonNode node, String segment) {
        if (node == null) return null;
        if (segment.startsWith("[name=")) {
            String name = segment.substring("[name=".length(), segment.length() - 1);
            if (!node.isArray()) return null;
            for (JsonNode item : node) if (name.equals(item.path("name").asText(null))) return item;
            return null;
        }
        if (segment.startsWith("[")) {
            if (!node.isArray()) return null;
            try {
                return node.get(Integer.parseInt(segment.substring(1, segment.length() - 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return node.get(segment);
    }

    private void checkHeader(String file, JsonNode tree, String kind) {
        if (!tree.isObject()) throw RhoaiException.invalid(file + ": not a YAML mapping", "see docs/profiles.md");
        String av = tree.path("apiVersion").asText(null);
        if (!ClusterProfile.API_VERSION.equals(av)) {
            throw fieldError(file, "apiVersion", av == null ? "is missing" : "'" + av + "' is not supported",
                    "set apiVersion: " + ClusterProfile.API_VERSION);
        }
        String k = tree.path("kind").asText(null);
        if (!kind.equals(k)) throw fieldError(file, "kind", k == null ? "is missing" : "'" + k + "' is not " + kind, "set kind: " + kind);
    }

    private void checkOnlyKeys(String file, JsonNode tree, Collection<String> allowed) {
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) throw fieldError(file, f, "unknown field", "allowed: " + String.join(", ", allowed));
        }
    }

    private <T> T bind(String file, JsonNode tree, Class<T> type, String prefix) {
        try {
            return strict.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String path = join(prefix, path(e));
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().reduce((a, b) -> a + ", " + b).orElse("");
            String suggestion = TypoHints.closest(e.getPropertyName(), e.getKnownPropertyIds());
            throw fieldError(file, path, "unknown field",
                    suggestion != null ? "did you mean '" + suggestion + "'?" : "known fields here: " + known);
        } catch (JsonMappingException e) {
            String path = join(prefix, path(e));
            throw fieldError(file, path.isEmpty() ? "(document)" : path, expected(e), "see docs/profiles.md for the field's type");
        } catch (JsonProcessingException e) {
            throw RhoaiException.invalid(file + ": " + e.getOriginalMessage(), "fix the YAML");
        }
    }

    /** What the field must be, in the profile's terms: Jackson's own message names Java types. */
    private static String expected(JsonMappingException e) {
        Class<?> t = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (t == null) return "has a value of the wrong type";
        if (Collection.class.isAssignableFrom(t) || t.isArray()) return "must be a list";
        if (Map.class.isAssignableFrom(t) || t.isRecord()) return "must be a mapping (key: value)";
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "must be a whole number";
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) return "must be a number";
        if (t == Boolean.class || t == boolean.class) return "must be true or false";
        if (t == String.class) return "must be a single value (text)";
        return "has a value of the wrong type";
    }

    /** "spec." + "gpuPools" → spec.gpuPools; "metadata." + "" (the node itself is wrong) → metadata */
    private static String join(String prefix, String path) {
        return path.isEmpty() && prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix + path;
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) b.append('.');
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** Deep merge: {@code over} wins; objects merge by key; arrays of objects with "name" merge by name. */
    static JsonNode merge(JsonNode base, JsonNode over) {
        if (over == null || over.isMissingNode()) return base;
        if (base == null || base.isMissingNode() || base.isNull()) return over.deepCopy();
        if (base.isObject() && over.isObject()) {
            ObjectNode out = (ObjectNode) base.deepCopy();
            over.fields().forEachRemaining(e -> out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue())));
            return out;
        }
        if (base.isArray() && over.isArray() && named(base) && named(over)) {
            ArrayNode out = ((ArrayNode) base).deepCopy();
            for (JsonNode item : over) {
                String n = item.get("name").asText();
                int idx = -1;
                for (int i = 0; i < out.size(); i++) if (out.get(i).get("name").asText().equals(n)) idx = i;
                if (idx >= 0) out.set(idx, merge(out.get(idx), item));
                else out.add(item.deepCopy());
            }
            return out;
        }
        return over.deepCopy();
    }

    private static boolean named(JsonNode array) {
        if (array.isEmpty()) return true;
        for (JsonNode n : array) if (!n.isObject() || !n.has("name")) return false;
        return true;
    }

    private static RhoaiException fieldError(String file, String field, String problem, String hint) {
        return RhoaiException.invalid(file + ": " + field + ": " + problem, hint);
    }

    private JsonNode parse(String file, String text) {
        try {
            JsonNode n;
            try (JsonParser p = PARSER.createParser(text)) {
                n = PARSER.readTree(p);
                // readTree stops after the first document; a second one would be silently ignored
                JsonToken next = p.nextToken();
                if (next != null && next != JsonToken.VALUE_NULL) {
                    int line = p.currentLocation() == null ? 0 : p.currentLocation().getLineNr();
                    throw RhoaiException.invalid(file + ": a second YAML document" + (line > 0 ? " (line " + line + ")" : "")
                            + "; a profile is exactly one document", "remove the '---' and what follows, or move it to its own file");
                }
            } catch (IOException e) {
                if (e instanceof JsonProcessingException j) throw j;
                throw new IllegalStateException(e);
            }
            if (n == null || n.isMissingNode() || n.isNull()) {
                throw RhoaiException.invalid(file + ": the file is empty", "see docs/profiles.md");
            }
            refuseUrlCredentials(file, n, "");
            return n;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            throw RhoaiException.invalid(file + ": invalid YAML" + where + ": " + e.getOriginalMessage().split("\n")[0],
                    "fix the YAML syntax");
        }
    }

    /**
     * A URL with credentials in a profile would be printed by dry runs and written into the cluster as is: refuse
     * userinfo in every URL-valued field. Only a bare user name in an ssh:// URL (ssh://git@host/…) is allowed; it
     * names the account, not a secret. The URL itself is never quoted, it may hold the password.
     */
    private static void refuseUrlCredentials(String file, JsonNode node, String path) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> refuseUrlCredentials(file, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) refuseUrlCredentials(file, node.get(i), path + "[" + i + "]");
        } else if (node.isTextual()) {
            Matcher m = URL_USERINFO.matcher(node.asText().strip());
            if (m.find() && !(m.group(1).equalsIgnoreCase("ssh") && !m.group(2).contains(":"))) {
                throw fieldError(file, path, "credentials in the URL are not allowed",
                        "remove the user:password@ part; use --git-token-file / GIT_TOKEN for the token (and rotate it if it was committed)");
            }
        }
    }

    /** Whether the profile file is there, without reading it (resolve runs before every load). */
    private boolean exists(String file) {
        if (dir == null) return ProfileRepository.class.getClassLoader().getResource(BUNDLED + "/" + file) != null;
        return Files.exists(dir.resolve(file));
    }

    private String read(String file) {
        if (file.contains("..") && dir == null) return null;
        if (dir == null) return readResource(BUNDLED + "/" + file);
        Path p = dir.resolve(file);
        if (!Files.exists(p)) return null;
        // a FIFO, a device or a huge file is refused before reading: it could block or exhaust memory
        return InputFiles.readText(p, "profile", null, InputFiles.PROFILE_MAX);
    }

    private static String readResource(String path) {
        try (InputStream in = ProfileRepository.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
