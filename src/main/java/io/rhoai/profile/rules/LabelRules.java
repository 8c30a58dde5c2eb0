package io.rhoai.profile.rules;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a profile's {@code metadata.labels}: Kubernetes label syntax (they are copied onto the Argo CD cluster
 * Secret, so the API server would refuse anything else), no key rhoai or Argo CD sets itself, and {@code ring} from a
 * closed set, because ring promotion ({@code promote --from ring:canary}) and {@code fleet render} (one ApplicationSet
 * per ring) order on it and a typo (`canery`) would silently make a ring of one.
 */
public final class LabelRules {
    public static final String RING = "ring";
    /** The rings, in promotion order. A profile without a {@code ring} label is in {@link #DEFAULT_RING}. */
    public static final List<String> RINGS = List.of("canary", "main");
    public static final String DEFAULT_RING = "main";

    /** A label name: 63 characters at most, alphanumeric at both ends, '-', '_', '.' inside. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    /** Prefixes rhoai, Argo CD and Kubernetes set on the objects the labels are copied to. */
    private static final List<String> RESERVED_PREFIXES = List.of("rhoai.io/", "argocd.argoproj.io/", "kubernetes.io/",
            "k8s.io/", "app.kubernetes.io/managed-by");

    /** Receives one problem: the field path, what is wrong, the fix. */
    @FunctionalInterface
    public interface Problems {
        void add(String path, String message, String hint);
    }

    private LabelRules() { }

    public static void check(Map<String, String> labels, Problems problems) {
        if (labels == null) return;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String key = e.getKey();
            String path = "metadata.labels." + key;
            String keyProblem = keyProblem(key);
            if (keyProblem != null) {
                problems.add(path, keyProblem, "use a Kubernetes label key: an optional DNS prefix and '/', then at most 63 letters, "
                        + "digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. region, example.com/team)");
                continue;
            }
            for (String reserved : RESERVED_PREFIXES) {
                if (key.startsWith(reserved)) {
                    problems.add(path, "'" + key + "' is set by rhoai or Argo CD itself", "rename the label (keys under " + reserved + " are reserved)");
                }
            }
            String value = e.getValue();
            if (value == null) {
                problems.add(path, "has no value", "give it a value, or remove the label");
                continue;
            }
            if (value.length() > 63 || (!value.isEmpty() && !NAME.matcher(value).matches())) {
                problems.add(path, "'" + value + "' is not a valid label value",
                        "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
                continue;
            }
            if (RING.equals(key) && !RINGS.contains(value)) {
                problems.add(path, "'" + value + "' is not a ring", "use one of: " + String.join(", ", RINGS)
                        + " (rings are promoted in this order; docs/fleet.md)");
            }
        }
    }

    /** The ring a profile is in: its {@code ring} label, or {@link #DEFAULT_RING}. */
    public static String ringOf(Map<String, String> labels) {
        String ring = labels == null ? null : labels.get(RING);
        return ring == null || ring.isEmpty() ? DEFAULT_RING : ring;
    }

    private static String keyProblem(String key) {
        if (key == null || key.isEmpty()) return "an empty label key";
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return "'" + key + "': the prefix '" + prefix + "' is not a DNS subdomain";
            }
        }
        if (name.length() > 63 || !NAME.matcher(name).matches()) return "'" + key + "' is not a valid label key";
        return null;
    }
}
