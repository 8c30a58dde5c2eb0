package io.rhoai.certs.dns;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;

import java.time.Duration;
import java.util.Map;

/** Reads a provider's settings from the environment map, with errors that name the provider and the variable. */
public record EnvSettings(String provider, Map<String, String> env) {
    public String get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    public String require(String name, String what) {
        String v = get(name);
        if (v == null) throw RhoaiException.invalid(provider + ": " + what + " is not set", "set " + name);
        return v;
    }

    /** A whole number of seconds (a record TTL), refused naming the provider and the variable when it is not one. */
    public long seconds(String name, long fallback) {
        String v = get(name);
        if (v == null) return fallback;
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw RhoaiException.invalid(provider + ": " + name + " is not a whole number of seconds", "use seconds, e.g. " + fallback);
        }
    }

    public Duration duration(String name, Duration fallback) {
        String v = get(name);
        if (v == null) return fallback;
        // plain numbers are seconds, as lego's variables are
        if (v.matches("\\d+")) return Duration.ofSeconds(Long.parseLong(v));
        try {
            return Durations.parse(v, name);
        } catch (RhoaiException e) {
            throw RhoaiException.invalid(provider + ": " + name + "=" + v + " is not a duration", "use seconds (60) or a Go-style duration (90s, 2m)");
        }
    }

    public PropagationTiming timing(String prefix, PropagationTiming fallback) {
        return new PropagationTiming(duration(prefix + "_PROPAGATION_TIMEOUT", fallback.timeout()),
                duration(prefix + "_POLLING_INTERVAL", fallback.interval()));
    }
}
