package io.rhoai.certs.dns;

import java.time.Duration;

/** How long to wait for a presented record to be visible on every authoritative server, and how often to look. */
public record PropagationTiming(Duration timeout, Duration interval) {
    public static final PropagationTiming DEFAULT = new PropagationTiming(Duration.ofMinutes(2), Duration.ofMillis(500));
}
