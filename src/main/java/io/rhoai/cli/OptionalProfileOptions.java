package io.rhoai.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ProfileOptions} for commands that can also work without a profile ({@code gpu pools add} with an ad-hoc pool):
 * the same flags and the same name matching, only {@code --cluster} is not required.
 */
public final class OptionalProfileOptions {
    @Option(names = {"-c", "--cluster"}, paramLabel = "PROFILE", description = ProfileOptions.CLUSTER_HELP,
            completionCandidates = ProfileNames.class)
    public String cluster;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = ProfileOptions.PROFILES_DIR_HELP)
    public Path profilesDir;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = ProfileOptions.SET_HELP)
    public List<String> sets = new ArrayList<>();

    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    /** The profile options, or null when no --cluster was given. */
    public ProfileOptions given() {
        return given(mixee);
    }

    /** As {@link #given()}, warning on {@code command}'s stderr (for a mixin inside a mixin, whose mixee is not the command). */
    public ProfileOptions given(CommandSpec command) {
        if (cluster == null) return null;
        ProfileOptions p = new ProfileOptions();
        p.cluster = cluster;
        p.profilesDir = profilesDir;
        p.sets = sets;
        p.mixee = command;
        return p;
    }
}
