package io.rhoai.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.profile.ProfileRepository;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Completion candidates for {@code --cluster}, {@code --from}, {@code --to}: the profile names where a command would
 * look for them (RHOAI_PROFILES_DIR, ./install-configs, else the bundled ones). picocli writes completion candidates into
 * the script when {@code rhoai completion} runs, so these are the profiles seen then: regenerate the script after adding
 * one (docs/profiles.md). Nothing is read until the script is generated (or help lists them).
 */
@RegisterForReflection
public final class ProfileNames implements Iterable<String> {
    private final Map<String, String> env;

    public ProfileNames() {
        this(System.getenv());
    }

    /** Profiles as a run with {@code env} sees them ({@link CompletionCommand} passes the run's environment). */
    public ProfileNames(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Iterator<String> iterator() {
        try {
            return ProfileRepository.locate(null, env).names().iterator();
        } catch (RuntimeException e) {
            return List.<String>of().iterator();   // a broken RHOAI_PROFILES_DIR: no candidates rather than no script
        }
    }
}
