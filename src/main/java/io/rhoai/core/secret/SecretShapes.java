package io.rhoai.core.secret;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises a value that is probably a secret itself, so that messages about it never quote it: a token pasted
 * where a file path was expected, or an unknown option's value. Errs on the side of "secret": hiding an ordinary
 * value costs a less precise message, quoting a secret costs a rotation.
 */
public final class SecretShapes {
    /** Prefixes of well-known credentials: GitHub, GitLab, Google OAuth client secrets, AWS keys, API keys, OpenShift, JWTs. */
    private static final List<String> PREFIXES = List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
            "GOCSPX-", "AKIA", "ASIA", "sk-", "xox", "sha256~", "eyJ");
    /** A long run of base64/hex-like characters with no path separator or dot-extension: how tokens look. */
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_\\-+=~]{24,}");
    /** Option names whose value is a credential, so an unknown one's value must not be echoed. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)-+(.*(token|secret|passw|pwd|credential|hmac|bearer).*|.*key|.*auth)");

    private SecretShapes() { }

    /** True when {@code value}, given where a path was expected, looks like a secret rather than a path. */
    public static boolean looksLikeSecret(String value) {
        if (value == null || value.isEmpty()) return false;
        String v = value.strip();
        if (value.length() > 100) return true;
        if (!v.equals(value) || v.chars().anyMatch(Character::isWhitespace)) return true;
        if (v.startsWith("{") || v.startsWith("[") || v.startsWith("\"")) return true;   // JSON: a pasted pull secret
        for (String p : PREFIXES) if (v.startsWith(p)) return true;
        if (v.contains("/")) return false;
        return TOKEN_LIKE.matcher(v).matches();
    }

    /** True when an option with this name would carry a credential ({@code --git-token}, {@code --password}). */
    public static boolean secretName(String option) {
        return option != null && option.startsWith("-") && SECRET_NAME.matcher(option).matches();
    }
}
