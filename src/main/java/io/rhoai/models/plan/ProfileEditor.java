package io.rhoai.models.plan;

import io.rhoai.core.RhoaiException;
import io.rhoai.models.plan.ModelsPlan.Change;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@link Change}s to a profile file's text, line by line, so its comments and layout stay as written: new pools
 * are appended to {@code spec.gpuPools} (created when absent), a raised pool's {@code maxReplicas} is edited in place
 * (or added as an override entry that merges by name with the base's pool), caps are set under
 * {@code spec.autoscaler.gpuLimits}. Block-style YAML only: a flow-style section ({@code gpuPools: [...]}) is refused
 * with a hint to apply the snippet by hand.
 */
public final class ProfileEditor {
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_./-]+):(.*)$");

    private final String file;
    private final List<String> lines;

    private ProfileEditor(String file, String text) {
        this.file = file;
        this.lines = new ArrayList<>(text.lines().toList());
    }

    /** The new text of {@code file} with every change applied. */
    public static String apply(String file, String text, List<Change> changes) {
        ProfileEditor e = new ProfileEditor(file, text);
        for (Change c : changes) {
            switch (c.action()) {
                case ModelsPlan.ADD_POOL -> e.appendPool(c);
                case ModelsPlan.RAISE_POOL -> e.raisePool(c);
                case ModelsPlan.SET_CAP -> e.setCap(c);
                default -> throw new IllegalArgumentException(c.action());
            }
        }
        return String.join("\n", e.lines) + "\n";
    }

    private int spec() {
        int i = find(0, lines.size(), 0, "spec");
        if (i < 0) throw RhoaiException.invalid(file + ": spec: not found", "the profile needs a spec: section");
        return i;
    }

    /** The line index of {@code key:} at exactly {@code indent} within [from, to), or -1. */
    private int find(int from, int to, int indent, String key) {
        for (int i = from; i < to; i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (m.matches() && m.group(1).length() == indent && m.group(2).equals(key)) return i;
        }
        return -1;
    }

    /** One past the last content line of the block opened by the key at {@code at} (indent {@code indent}). */
    private int end(int at, int indent) {
        int last = at;
        for (int i = at + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            int ind = l.length() - l.stripLeading().length();
            if (ind > indent || (ind == indent && s.startsWith("- "))) {
                last = i;
                continue;
            }
            break;
        }
        return last + 1;
    }

    private static int indentOf(String l) {
        return l.length() - l.stripLeading().length();
    }

    private void requireBlock(int at, String path) {
        Matcher m = KEY.matcher(lines.get(at));
        if (m.matches()) {
            String rest = m.group(3).strip();
            if (!rest.isEmpty() && !rest.startsWith("#")) {
                throw RhoaiException.invalid(file + ": " + path + " is written in flow style; rhoai edits block-style YAML only",
                        "apply the snippet of 'rhoai models plan' by hand");
            }
        }
    }

    /** spec.gpuPools: its line, creating it at the end of spec when absent. */
    private int pools() {
        int spec = spec();
        int specEnd = end(spec, 0);
        int childIndent = childIndent(spec, specEnd, 2);
        int at = find(spec + 1, specEnd, childIndent, "gpuPools");
        if (at < 0) {
            lines.add(specEnd, " ".repeat(childIndent) + "gpuPools:");
            return specEnd;
        }
        requireBlock(at, "spec.gpuPools");
        return at;
    }

    private int childIndent(int at, int blockEnd, int dflt) {
        for (int i = at + 1; i < blockEnd; i++) {
            String s = lines.get(i).strip();
            if (!s.isEmpty() && !s.startsWith("#")) return indentOf(lines.get(i));
        }
        return indentOf(lines.get(at)) + dflt;
    }

    private void appendPool(Change c) {
        int at = pools();
        insertItem(at, CapacityPlanner.poolLines(c));
    }

    private void insertItem(int at, List<String> item) {
        int indent = indentOf(lines.get(at));
        int blockEnd = end(at, indent);
        int itemIndent = childIndent(at, blockEnd, 2);
        List<String> add = new ArrayList<>();
        for (String l : item) add.add(" ".repeat(itemIndent) + l);
        lines.addAll(blockEnd, add);
    }

    private void raisePool(Change c) {
        int at = pools();
        int indent = indentOf(lines.get(at));
        int blockEnd = end(at, indent);
        Pattern nameLine = Pattern.compile("^( *)- name: *['\"]?" + Pattern.quote(c.pool()) + "['\"]? *(#.*)?$");
        for (int i = at + 1; i < blockEnd; i++) {
            Matcher m = nameLine.matcher(lines.get(i));
            if (!m.matches()) continue;
            int fieldIndent = m.group(1).length() + 2;
            int itemEnd = i + 1;
            while (itemEnd < blockEnd) {
                String l = lines.get(itemEnd);
                String s = l.strip();
                if (!s.isEmpty() && !s.startsWith("#") && indentOf(l) < fieldIndent) break;
                itemEnd++;
            }
            int max = find(i + 1, itemEnd, fieldIndent, "maxReplicas");
            if (max >= 0) lines.set(max, " ".repeat(fieldIndent) + "maxReplicas: " + c.to() + "   # was " + c.from() + " (rhoai models plan)");
            else lines.add(i + 1, " ".repeat(fieldIndent) + "maxReplicas: " + c.to() + "   # rhoai models plan");
            return;
        }
        insertItem(at, CapacityPlanner.poolLines(c));   // the pool comes from the base: an override entry merges by name
    }

    private void setCap(Change c) {
        int spec = spec();
        int specEnd = end(spec, 0);
        int childIndent = childIndent(spec, specEnd, 2);
        int auto = find(spec + 1, specEnd, childIndent, "autoscaler");
        String line = c.label() + ": " + c.to();
        if (auto < 0) {
            lines.addAll(specEnd, List.of(" ".repeat(childIndent) + "autoscaler:", " ".repeat(childIndent + 2) + "gpuLimits:",
                    " ".repeat(childIndent + 4) + line));
            return;
        }
        requireBlock(auto, "spec.autoscaler");
        int autoEnd = end(auto, childIndent);
        int inner = childIndent(auto, autoEnd, 2);
        int limits = find(auto + 1, autoEnd, inner, "gpuLimits");
        if (limits < 0) {
            lines.addAll(auto + 1, List.of(" ".repeat(inner) + "gpuLimits:", " ".repeat(inner + 2) + line));
            return;
        }
        requireBlock(limits, "spec.autoscaler.gpuLimits");
        int limitsEnd = end(limits, inner);
        int keyIndent = childIndent(limits, limitsEnd, 2);
        int existing = find(limits + 1, limitsEnd, keyIndent, c.label());
        if (existing >= 0) lines.set(existing, " ".repeat(keyIndent) + line + "   # was " + c.from() + " (rhoai models plan)");
        else lines.add(limitsEnd, " ".repeat(keyIndent) + line);
    }
}
