package io.rhoai.cli.certs;

import io.rhoai.core.RhoaiException;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.LoadedProfile;

/** The cluster name and base domain a certificate command needs from the profile. */
final class CertsProfiles {
    private CertsProfiles() { }

    static ClusterProfile.Cluster cluster(LoadedProfile loaded, String profileName) {
        ClusterProfile.Cluster c = clusterOrNull(loaded);
        if (c == null || c.name() == null || c.name().isBlank() || c.baseDomain() == null || c.baseDomain().isBlank()) {
            throw RhoaiException.invalid("profile " + profileName + ": spec.cluster.name and spec.cluster.baseDomain are required",
                    "set both in " + (loaded.files().isEmpty() ? "the profile" : loaded.files().get(loaded.files().size() - 1)));
        }
        return c;
    }

    static ClusterProfile.Cluster clusterOrNull(LoadedProfile loaded) {
        ClusterProfile p = loaded.profile();
        return p == null || p.spec() == null ? null : p.spec().cluster();
    }
}
