package io.rhoai.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.installconfig.Fixtures;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of the bundled profile (and its base), given every wrong type in turn: a string, a number, a list, a
 * mapping, null. Whatever the field, the answer is invalid input (exit 3) naming the field, or success where YAML's
 * scalars stand in for each other (42 for "42") or the field is optional; never an internal error, a stack trace or a
 * Java type name.
 */
class WrongTypeFuzzTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final Map<String, JsonNode> WRONG = Map.of(
            "string", F.textNode("x-wrong"),
            "number", F.numberNode(42),
            "list", F.arrayNode().add(1),
            "map", F.objectNode().put("k", "v"),
            "null", F.nullNode());

    @TempDir Path tmp;

    record Node(String path, JsonNode value, BiConsumer<JsonNode, JsonNode> replace) { }

    static void walk(JsonNode node, String path, List<Node> out) {
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(name -> {
                String p = path.isEmpty() ? name : path + "." + name;
                out.add(new Node(p, o.get(name), (root, v) -> ((ObjectNode) at(root, path)).set(name, v)));
                walk(o.get(name), p, out);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int idx = i;
                String p = path + "[" + i + "]";
                out.add(new Node(p, a.get(i), (root, v) -> ((ArrayNode) at(root, path)).set(idx, v)));
                walk(a.get(i), p, out);
            }
        }
    }

    /** The node at a path written by {@link #walk}. */
    static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        if (path.isEmpty()) return n;
        for (String part : path.split("\\.")) {
            int b = part.indexOf('[');
            n = n.get(b < 0 ? part : part.substring(0, b));
            while (b >= 0) {
                int e = part.indexOf(']', b);
                n = n.get(Integer.parseInt(part.substring(b + 1, e)));
                b = part.indexOf('[', e);
            }
        }
        return n;
    }

    static String type(JsonNode n) {
        return n.isTextual() ? "string" : n.isNumber() ? "number" : n.isArray() ? "list" : n.isObject() ? "map" : n.isNull() ? "null" : "other";
    }

    @Test
    void everyFieldGivenEveryWrongTypeIsExit3NamingTheField() throws IOException {
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (String file : List.of("_base.yaml", "rhoaibu-cluster-dev.yaml")) {
            JsonNode original = Mappers.yaml().readTree(Files.readString(Fixtures.PROFILES.resolve(file)));
            List<Node> nodes = new ArrayList<>();
            walk(original, "", nodes);
            for (Node node : nodes) {
                for (var wrong : WRONG.entrySet()) {
                    if (wrong.getKey().equals(type(node.value()))) continue;
                    JsonNode changed = original.deepCopy();
                    node.replace().accept(changed, wrong.getValue());
                    Cli.Result r = render(file, Mappers.toYaml(changed));
                    runs++;
                    String problem = check(node, wrong.getKey(), r);
                    if (problem != null) failures.add(file + " " + node.path() + " := " + wrong.getKey() + ": " + problem);
                }
            }
        }
        assertThat(runs).isGreaterThan(300);
        assertThat(failures).as("fields whose wrong type was not answered with exit 3 naming the field").isEmpty();
    }

    /** null when the answer is right, else what is wrong with it. */
    static String check(Node node, String wrongType, Cli.Result r) {
        String out = r.all();
        if (out.contains("Exception") || out.contains("java.") || out.contains("\tat ")) return "Java internals shown: " + out;
        if (r.exitCode() == 0) {
            boolean scalarForScalar = node.value().isValueNode() && !wrongType.equals("list") && !wrongType.equals("map");
            return scalarForScalar || wrongType.equals("null") ? null : "accepted (exit 0)";
        }
        if (r.exitCode() != ExitCodes.INVALID_INPUT) return "exit " + r.exitCode() + ": " + r.stderr();
        String error = r.stderr().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        // the field's name (without list indexes, which messages may write as [name=…]) must be in the error line
        String[] parts = node.path().split("\\.");
        String last = parts[parts.length - 1].replaceAll("\\[.*", "");
        String first = parts[0].replaceAll("\\[.*", "");
        return error.contains(first) && error.contains(last) ? null : "error does not name " + node.path() + ": " + error;
    }

    Cli.Result render(String file, String yaml) throws IOException {
        Path profiles = Files.createDirectories(tmp.resolve("p" + System.nanoTime()));
        for (String f : List.of("_base.yaml", "rhoaibu-cluster-dev.yaml")) Files.copy(Fixtures.PROFILES.resolve(f), profiles.resolve(f));
        Files.writeString(profiles.resolve(file), yaml);
        return Cli.cli().run("install-config", "render", "--cluster", "rhoaibu-cluster-dev", "--profiles-dir", profiles.toString(),
                "--dir", tmp.resolve("out").toString(), "--dry-run", "--pull-secret-file", Fixtures.PULL_SECRET.toString(),
                "--ssh-key-file", Fixtures.SSH_KEY.toString());
    }
}
