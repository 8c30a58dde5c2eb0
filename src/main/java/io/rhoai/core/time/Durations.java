package io.rhoai.core.time;

import io.rhoai.core.RhoaiException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as kubectl and argocd take them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    /** No wait, timeout or renewal window rhoai takes is longer than a year. */
    public static final Duration MAX = Duration.ofDays(366);

    private Durations() { }

    public static Duration parse(String text, String field) {
        String t = text == null ? "" : text.strip();
        if (t.equals("0")) return Duration.ZERO;
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            // more digits than any sane duration has would overflow Duration (an internal error, not an answer)
            if (m.group(1).length() > 12) throw tooLong(text, field);
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
            if (total.compareTo(MAX) > 0) throw tooLong(text, field);
        }
        if (t.isEmpty() || end != t.length()) {
            throw RhoaiException.invalid(field + ": '" + text + "' is not a duration", "use a value such as 90s, 10m or 1h30m");
        }
        return total;
    }

    private static RhoaiException tooLong(String text, String field) {
        return RhoaiException.invalid(field + ": '" + text.strip() + "' is too long (at most " + format(MAX) + ")",
                "use a shorter duration such as 10m or 2h");
    }

    /** The shortest Go-style form: 1h30m, 45s, 250ms. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder b = new StringBuilder();
        long h = d.toHours(), m = d.toMinutesPart(), s = d.toSecondsPart(), ms = d.toMillisPart();
        if (h > 0) b.append(h).append('h');
        if (m > 0) b.append(m).append('m');
        if (s > 0) b.append(s).append('s');
        if (ms > 0 && h == 0 && m == 0) b.append(ms).append("ms");
        return b.toString();
    }
}
