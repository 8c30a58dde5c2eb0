package io.rhoai.cli.certs;

import io.rhoai.core.RhoaiException;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ProfileViews;
import io.rhoai.profile.LoadedProfile;

/** The cluster name and base domain a certificate command needs from the profile. */
final class CertsProfiles {
    private CertsProfiles() { }

    static ClusterProfile.Cluster cluster(LoadedProfile loaded, String profileName) {
        ProfileViews.hosts(loaded.profile(), "for the certificate's host names", null);
        return clusterOrNull(loaded);
    }

    static ClusterProfile.Cluster clusterOrNull(LoadedProfile loaded) {
        ClusterProfile p = loaded.profile();
        return p == null || p.spec() == null ? null : p.spec().cluster();
    }
}
