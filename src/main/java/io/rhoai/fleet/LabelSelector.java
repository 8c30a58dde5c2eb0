package io.rhoai.fleet;

import io.rhoai.core.RhoaiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubectl's equality-based label selector ({@code -l ring=canary,env!=prod,region,!legacy}): {@code key=value},
 * {@code key==value}, {@code key!=value} (also true when the key is absent, as in Kubernetes), {@code key} (exists),
 * {@code !key} (absent); terms joined by commas must all hold. Set-based terms ({@code in (…)}) are not supported.
 */
public record LabelSelector(String text, List<Term> terms) {
    public static final LabelSelector ALL = new LabelSelector("", List.of());

    private static final Pattern TERM = Pattern.compile("^\\s*(!?)\\s*([A-Za-z0-9][-A-Za-z0-9_./]*)\\s*(?:(==|=|!=)\\s*([-A-Za-z0-9_.]*))?\\s*$");

    public record Term(String key, String op, String value) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case "=" -> value.equals(v);
                case "!=" -> !value.equals(v);
                case "exists" -> v != null;
                default -> v == null;   // "!"
            };
        }
    }

    /** @param flag the option, for messages */
    public static LabelSelector parse(String text, String flag) {
        if (text == null || text.isBlank()) return ALL;
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = TERM.matcher(part);
            if (!m.matches() || (!m.group(1).isEmpty() && m.group(3) != null)) {
                throw RhoaiException.invalid(flag + ": '" + part.strip() + "' is not a label selector term",
                        "use key=value, key!=value, key or !key, joined by commas (e.g. -l ring=canary,region=us-east-1)");
            }
            String op = m.group(3) == null ? (m.group(1).isEmpty() ? "exists" : "!") : m.group(3).equals("==") ? "=" : m.group(3);
            terms.add(new Term(m.group(2), op, m.group(4)));
        }
        return new LabelSelector(text.strip(), List.copyOf(terms));
    }

    public boolean matches(Map<String, String> labels) {
        for (Term t : terms) if (!t.matches(labels)) return false;
        return true;
    }
}
