package io.rhoai.cli;

import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileRepository;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** {@code --cluster <profile>} and where profiles are read from. */
public final class ProfileOptions {
    @Option(names = {"-c", "--cluster"}, paramLabel = "PROFILE", required = true,
            description = "Cluster profile name, e.g. rhoaibu-cluster-dev (a file in the profiles directory).")
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
