package io.rhoai.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@link ProfileOptions} for commands that can also work without a profile ({@code gpu pools add} with an ad-hoc pool):
 * the same flags and the same name matching, only {@code --cluster} is not required.
 */
public final class OptionalProfileOptions {
    @Option(names = {"-c", "--cluster"}, paramLabel = "PROFILE", description = ProfileOptions.CLUSTER_HELP)
    public String cluster;

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Directory of cluster profiles (default: RHOAI_PROFILES_DIR, ./install-configs, else the bundled ones).")
    public Path profilesDir;

    /** The profile options, or null when no --cluster was given. */
    public ProfileOptions given() {
        if (cluster == null) return null;
        ProfileOptions p = new ProfileOptions();
        p.cluster = cluster;
        p.profilesDir = profilesDir;
        return p;
    }
}
