package io.rhoai.profile;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?": the known word nearest to a typo, when it is near enough to be the intended one. */
public final class TypoHints {
    private TypoHints() { }

    /**
     * The element of {@code known} at the smallest edit distance from {@code typo} (case-insensitive), or null when even
     * that one differs in more than a third of the typo's letters (at least 2): a wild guess helps nobody.
     */
    public static String closest(String typo, Collection<?> known) {
        if (typo == null || known == null) return null;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Object k : known) {
            int d = distance(typo.toLowerCase(Locale.ROOT), k.toString().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k.toString();
            }
        }
        return bestDistance <= Math.max(2, typo.length() / 3) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
