package io.rhoai.cli;

import io.rhoai.core.Progress;
import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileOverride;
import io.rhoai.profile.ProfileRepository;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * {@code -c/--cluster <profile>} and where profiles are read from, for every command that takes a cluster. The name
 * is matched one way everywhere ({@link ProfileRepository#resolve}): the full name, or a unique suffix after a dash.
 * {@code --set PATH=VALUE} and {@code RHOAI_BASE_DOMAIN} override profile values without editing files (flags win over
 * the environment, the environment over the profile); a placeholder value left in the profile is warned about on
 * stderr. Commands where the profile is optional (pools given by flags instead) use {@link OptionalProfileOptions}.
 */
public final class ProfileOptions {
    public static final String CLUSTER_HELP = "Cluster profile: its full name (rhoaibu-cluster-dev) or a unique suffix after a dash (dev).";
    public static final String PROFILES_DIR_HELP =
            "Directory of cluster profiles (default: RHOAI_PROFILES_DIR, ./install-configs, else the bundled ones).";
    public static final String SET_HELP = "Override a single profile value without editing the file, e.g. "
            + "spec.cluster.baseDomain=ai.example.org (repeatable; wins over RHOAI_BASE_DOMAIN and the profile).";

    @Option(names = {"-c", "--cluster"}, paramLabel = "PROFILE", required = true, description = CLUSTER_HELP,
            completionCandidates = ProfileNames.class)
    public String cluster;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = PROFILES_DIR_HELP)
    public Path profilesDir;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = SET_HELP)
    public List<String> sets = new ArrayList<>();

    /** The command this is part of (a mixin's mixee, or the command holding the group): its stderr gets the warnings. */
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    /** The profiles, with --set and RHOAI_BASE_DOMAIN applied to the --cluster profile only (never to a hub or members). */
    public ProfileRepository repository(Map<String, String> env) {
        return repository(env, progress(), mixee == null ? "" : mixee.qualifiedName(" "));
    }

    /**
     * As {@link #repository(Map)}, warning on {@code progress} about the placeholders that {@code command} uses: for a
     * mixin inside a mixin, whose mixee is the outer mixin and not the command.
     */
    public ProfileRepository repository(Map<String, String> env, Progress progress, String command) {
        ProfileRepository repo = locate(profilesDir, sets, env, progress, concerns(command));
        return cluster == null ? repo : repo.overridingOnly(cluster);
    }

    public LoadedProfile load(Map<String, String> env) {
        return repository(env).load(cluster);
    }

    /**
     * The profiles in {@code dir} (or the default place) with the environment's and then {@code --set}'s overrides,
     * warning on {@code progress} about placeholder values.
     */
    public static ProfileRepository locate(Path dir, List<String> sets, Map<String, String> env, Progress progress,
                                           Predicate<String> concerns) {
        List<ProfileOverride> overrides = new ArrayList<>();
        String domain = env.get(ProfileOverride.BASE_DOMAIN_ENV);
        if (domain != null && !domain.isBlank()) {
            overrides.add(new ProfileOverride(ProfileOverride.BASE_DOMAIN_PATH, domain.strip(), ProfileOverride.BASE_DOMAIN_ENV));
        }
        for (String s : sets) overrides.add(ProfileOverride.parse(s));
        Set<String> warned = ConcurrentHashMap.newKeySet();   // a profile read twice warns once
        return ProfileRepository.locate(dir, env).withOverrides(overrides)
                .onPlaceholder(p -> {
                    if (concerns.test(p.path()) && warned.add(p.path() + "=" + p.value())) progress.warn(p.path() + " is a placeholder ('" + p.value() + "'): set it with "
                        + p.howToSet() + ", or in the profile");
                });
    }

    /**
     * Which placeholders a command is told about: spec.cluster (the cluster every command works on) always, and the
     * sections its command group reads: oauth → spec.oauth, certs → spec.certificates, gitops → spec.gitops,
     * install-config and gpu → the install-config sections (all but those three).
     */
    static Predicate<String> concerns(String qualifiedName) {
        String[] words = qualifiedName.split(" ");
        String group = words.length > 1 ? words[1] : "";
        List<String> own = List.of("spec.oauth", "spec.certificates", "spec.gitops");
        return path -> {
            if (path.startsWith("spec.cluster.")) return true;
            return switch (group) {
                case "oauth" -> path.startsWith("spec.oauth.");
                case "certs" -> path.startsWith("spec.certificates.");
                case "gitops" -> path.startsWith("spec.gitops.");
                case "install-config", "gpu", "models" -> own.stream().noneMatch(o -> path.startsWith(o + "."));
                default -> true;
            };
        };
    }

    Progress progress() {
        return mixee != null && mixee.userObject() instanceof BaseCommand b ? b.progress() : Progress.NONE;
    }
}
