package io.rhoai.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Values in a profile that stand in for a real one and must be replaced before a cluster is built with them. The rule
 * (docs/profiles.md): a text value under {@code spec} is a placeholder when it contains the word {@code placeholder}, or
 * when it is a domain name, an e-mail address or a URL whose host is a name reserved for examples (RFC 2606/6761:
 * {@code example.com}, {@code example.net}, {@code example.org} and their subdomains, the {@code .example},
 * {@code .test} and {@code .invalid} top-level domains). The bundled profiles' {@code rhoai.example.com},
 * {@code admin@rhoai.example.com} and Google client ID {@code …-placeholder.apps.googleusercontent.com} are.
 */
public final class Placeholders {
    private Placeholders() { }

    /** A placeholder found at {@code path} (as --set spells it). */
    public record Placeholder(String path, String value) {
        /** How to replace it without editing the profile. */
        public String howToSet() {
            return "--set " + path + "=<value>"
                    + (ProfileOverride.BASE_DOMAIN_PATH.equals(path) ? " or " + ProfileOverride.BASE_DOMAIN_ENV + "=<domain>" : "");
        }
    }

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+\\.?");
    private static final List<String> RESERVED_DOMAINS = List.of("example.com", "example.net", "example.org");
    private static final List<String> RESERVED_TLDS = List.of("example", "test", "invalid");

    /** Every placeholder in the profile's merged tree (the whole document; only {@code spec} is searched). */
    public static List<Placeholder> in(JsonNode profileTree) {
        List<Placeholder> out = new ArrayList<>();
        walk(profileTree.path("spec"), "spec", out);
        return out;
    }

    public static boolean isPlaceholder(String value) {
        if (value == null) return false;
        String v = value.strip();
        if (v.toLowerCase(Locale.ROOT).contains("placeholder")) return true;
        String host = host(v);
        return host != null && reserved(host);
    }

    private static void walk(JsonNode node, String path, List<Placeholder> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String name = item.isObject() && item.path("name").isTextual() ? item.get("name").asText() : null;
                walk(item, path + (name != null ? "[name=" + name + "]" : "[" + i + "]"), out);
            }
        } else if (node.isTextual() && isPlaceholder(node.asText())) {
            out.add(new Placeholder(path, node.asText()));
        }
    }

    /** The host a value names: a URL's host, an e-mail's domain, or the value itself when it is a domain name. */
    private static String host(String v) {
        if (v.contains("://")) {
            try {
                return URI.create(v).getHost();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        int at = v.lastIndexOf('@');
        String h = at >= 0 ? v.substring(at + 1) : v;
        return HOST.matcher(h).matches() ? h : null;
    }

    private static boolean reserved(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        for (String d : RESERVED_DOMAINS) if (h.equals(d) || h.endsWith("." + d)) return true;
        String tld = h.substring(h.lastIndexOf('.') + 1);
        return RESERVED_TLDS.contains(tld);
    }
}
