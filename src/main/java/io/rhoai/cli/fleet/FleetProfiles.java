package io.rhoai.cli.fleet;

import io.rhoai.fleet.Fleet;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.profile.ProfileRepository;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** {@code --profiles-dir}: the fleet is every profile of one directory. */
public final class FleetProfiles {
    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Directory of cluster profiles, the fleet (default: RHOAI_PROFILES_DIR, ./install-configs, else the bundled ones).")
    public Path profilesDir;

    public Fleet fleet(Map<String, String> env) {
        return new Fleet(ProfileRepository.locate(profilesDir, env), GpuCatalog.bundled());
    }
}
