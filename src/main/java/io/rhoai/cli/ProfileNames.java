package io.rhoai.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.profile.ProfileRepository;

import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates for {@code --cluster}, {@code --from}, {@code --to}: the profile names where a command would
 * look for them (RHOAI_PROFILES_DIR, ./install-configs, else the bundled ones). picocli writes completion candidates into
 * the script when {@code rhoai completion} runs, so these are the profiles seen then: regenerate the script after adding
 * one (docs/profiles.md). Nothing is read until the script is generated (or help lists them).
 */
@RegisterForReflection
public final class ProfileNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        try {
            return ProfileRepository.locate(null, System.getenv()).names().iterator();
        } catch (RuntimeException e) {
            return List.<String>of().iterator();   // a broken RHOAI_PROFILES_DIR: no candidates rather than no script
        }
    }
}
