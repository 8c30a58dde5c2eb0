package io.rhoai.cli;

import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileRepository;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code -c/--cluster <profile>} and where profiles are read from, for every command that takes a cluster. The name
 * is matched one way everywhere ({@link ProfileRepository#resolve}): the full name, or a unique suffix after a dash.
 * Commands where the profile is optional (pools given by flags instead) use {@link OptionalProfileOptions}.
 */
public final class ProfileOptions {
    public static final String CLUSTER_HELP = "Cluster profile: its full name (rhoaibu-cluster-dev) or a unique suffix after a dash (dev).";

    @Option(names = {"-c", "--cluster"}, paramLabel = "PROFILE", required = true, description = CLUSTER_HELP)
    public String cluster;

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Directory of cluster profiles (default: RHOAI_PROFILES_DIR, ./install-configs, else the bundled ones).")
    public Path profilesDir;

    public ProfileRepository repository(Map<String, String> env) {
        return ProfileRepository.locate(profilesDir, env);
    }

    public LoadedProfile load(Map<String, String> env) {
        return repository(env).load(cluster);
    }
}
