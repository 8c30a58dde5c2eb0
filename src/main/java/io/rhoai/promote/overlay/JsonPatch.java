package io.rhoai.promote.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** RFC 6902 add / replace / remove / copy / move on a Jackson tree, as kustomize's JSON6902 patches use them. */
final class JsonPatch {
    private JsonPatch() { }

    /** Applies {@code ops} (an array of operations) to {@code target} in place; an op that cannot apply is skipped. */
    static List<String> apply(ObjectNode target, JsonNode ops) {
        List<String> skipped = new ArrayList<>();
        if (ops == null || !ops.isArray()) return skipped;
        for (JsonNode op : ops) {
            String kind = op.path("op").asText("");
            String path = op.path("path").asText("");
            boolean ok = switch (kind) {
                case "add" -> set(target, path, op.get("value"), true);
                case "replace" -> set(target, path, op.get("value"), false);
                case "remove" -> remove(target, path) != null;
                case "copy" -> {
                    JsonNode v = get(target, op.path("from").asText(""));
                    yield v != null && set(target, path, v.deepCopy(), true);
                }
                case "move" -> {
                    JsonNode v = remove(target, op.path("from").asText(""));
                    yield v != null && set(target, path, v, true);
                }
                case "test" -> true;
                default -> false;
            };
            if (!ok) skipped.add(kind + " " + path);
        }
        return skipped;
    }

    static List<String> tokens(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) return out;
        for (String t : pointer.substring(1).split("/", -1)) out.add(t.replace("~1", "/").replace("~0", "~"));
        return out;
    }

    static JsonNode get(JsonNode root, String pointer) {
        JsonNode cur = root;
        for (String t : tokens(pointer)) {
            if (cur == null) return null;
            if (cur.isArray()) {
                int i = index(t, cur.size(), false);
                cur = i < 0 ? null : cur.get(i);
            } else {
                cur = cur.get(t);
            }
        }
        return cur;
    }

    private static boolean set(ObjectNode root, String pointer, JsonNode value, boolean add) {
        if (value == null) return false;
        List<String> t = tokens(pointer);
        if (t.isEmpty()) return false;
        JsonNode parent = get(root, "/" + String.join("/", t.subList(0, t.size() - 1).stream()
                .map(s -> s.replace("~", "~0").replace("/", "~1")).toList()));
        if (t.size() == 1) parent = root;
        String last = t.get(t.size() - 1);
        if (parent instanceof ObjectNode o) {
            if (!add && !o.has(last)) return false;
            o.set(last, value);
            return true;
        }
        if (parent instanceof ArrayNode a) {
            if (add) {
                int i = index(last, a.size(), true);
                if (i < 0) return false;
                a.insert(i, value);
            } else {
                int i = index(last, a.size(), false);
                if (i < 0) return false;
                a.set(i, value);
            }
            return true;
        }
        return false;
    }

    private static JsonNode remove(ObjectNode root, String pointer) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) return null;
        JsonNode parent = t.size() == 1 ? root : get(root, "/" + String.join("/", t.subList(0, t.size() - 1).stream()
                .map(s -> s.replace("~", "~0").replace("/", "~1")).toList()));
        String last = t.get(t.size() - 1);
        if (parent instanceof ObjectNode o) return o.remove(last);
        if (parent instanceof ArrayNode a) {
            int i = index(last, a.size(), false);
            return i < 0 ? null : a.remove(i);
        }
        return null;
    }

    private static int index(String token, int size, boolean forInsert) {
        if (forInsert && token.equals("-")) return size;
        try {
            int i = Integer.parseInt(token);
            return i >= 0 && (forInsert ? i <= size : i < size) ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
