package io.rhoai.models.plan;

import io.rhoai.core.Outcome;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.AtomicFiles;
import io.rhoai.core.io.FileContent;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.models.Capacity;
import io.rhoai.models.Capacity.LabelCapacity;
import io.rhoai.models.ModelsLoader.Loaded;
import io.rhoai.models.plan.ModelsPlan.Change;
import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileRepository;
import io.rhoai.profile.ProfileValidator;
import io.rhoai.profile.ValidatedProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code models plan}: capacity per label, the changes that cover it and, with {@code write}, those changes applied to
 * the cluster profile's own file. The edited profile is loaded and validated from a scratch copy first and must plan
 * no further change; only then is the file replaced, atomically. Nothing is written when anything fails.
 */
public final class ModelsPlanner {
    private final GpuCatalog catalog;

    public ModelsPlanner(GpuCatalog catalog) {
        this.catalog = catalog;
    }

    public ModelsPlan plan(Loaded l, boolean write) {
        List<LabelCapacity> capacity = Capacity.of(l.models(), l.profile());
        CapacityPlanner planner = new CapacityPlanner(catalog);
        List<Change> changes = planner.changes(capacity, l.profile());
        String snippet = CapacityPlanner.snippet(changes);
        LoadedProfile loaded = l.loadedProfile();
        String file = loaded.files().get(loaded.files().size() - 1);
        Path dir = l.profiles().directory().orElse(null);
        String shown = dir == null ? file + " (bundled)" : dir.resolve(file).toString();
        if (changes.isEmpty()) return new ModelsPlan(l.profileName(), shown, capacity, changes, snippet, Outcome.UNCHANGED, false);
        if (!write) return new ModelsPlan(l.profileName(), shown, capacity, changes, snippet, Outcome.RENDERED, false);
        if (!l.profiles().overrides().isEmpty()) {
            // the file would be edited against values it does not hold
            throw RhoaiException.invalid("--write edits the profile file, but --set or RHOAI_BASE_DOMAIN override values of it",
                    "write the override into the profile first, or run without --write to see the snippet");
        }
        if (dir == null) {
            throw RhoaiException.invalid("--write: profile " + l.profileName() + " is bundled in the binary and cannot be edited",
                    "pass --profiles-dir with a copy of the profiles (or run from a checkout with ./install-configs)");
        }
        String text = l.profiles().fileText(file);
        String edited = ProfileEditor.apply(shown, text, changes);
        verify(l, loaded, file, edited);
        AtomicFiles.write(dir.resolve(file), FileContent.text(edited));
        return new ModelsPlan(l.profileName(), shown, capacity, changes, snippet, Outcome.CONFIGURED, true);
    }

    /** Loads and validates the edited profile from a scratch copy of its files; it must need no further change. */
    private void verify(Loaded l, LoadedProfile loaded, String file, String edited) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("rhoai-models-plan-");
            for (String f : loaded.files()) Files.writeString(scratch.resolve(f), f.equals(file) ? edited : l.profiles().fileText(f));
            ProfileRepository repo = ProfileRepository.of(scratch);
            LoadedProfile again = repo.load(l.profileName());
            ValidatedProfile valid;
            try {
                valid = new ProfileValidator(catalog).validate(again, path -> repo.originOf(again, path));
            } catch (RhoaiException e) {
                throw RhoaiException.invalid("--write: the edited profile would not validate: " + e.getMessage().replace(scratch.toString(), ""),
                        "apply the snippet by hand and fix what the message names");
            }
            List<Change> more = new CapacityPlanner(catalog).changes(Capacity.of(l.models(), valid), valid);
            if (!more.isEmpty()) {
                throw new IllegalStateException("the edited profile still needs " + more.size() + " change(s): " + more);
            }
        } catch (IOException e) {
            throw RhoaiException.invalid("--write: cannot stage the edited profile: " + e.getMessage(), "check the temporary directory");
        } finally {
            if (scratch != null) deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // scratch copy
                }
            });
        } catch (IOException ignored) {
            // scratch copy
        }
    }
}
