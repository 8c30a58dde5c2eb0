package io.rhoai.certs.status;

import java.nio.file.Path;
import java.time.Duration;

/** {@code rhoai certs status}: what to look at. {@code cluster} false: the local store only (no API, no handshakes). */
public record StatusRequest(String profileName, String clusterName, String baseDomain, Path stateDir, boolean cluster,
        boolean wire, Duration probeTimeout, Duration timeout) { }
