package io.rhoai.installconfig;

import io.rhoai.gpu.GpuCatalog;
import io.rhoai.installconfig.InputRecord.Entry;
import io.rhoai.profile.LoadedProfile;
import io.rhoai.profile.ProfileRepository;
import io.rhoai.profile.ProfileValidator;
import io.rhoai.profile.ValidatedProfile;

import java.util.ArrayList;
import java.util.List;

/** Loading + validating a profile, and its files as digest inputs; shared by the install-config engines. */
public final class Profiles {
    private Profiles() { }

    public static ValidatedProfile loadValid(ProfileRepository repo, String cluster, GpuCatalog catalog) {
        LoadedProfile loaded = repo.load(cluster);
        return new ProfileValidator(catalog).validate(loaded, path -> repo.originOf(loaded, path));
    }

    static List<Entry> digestInputs(ProfileRepository repo, ValidatedProfile profile) {
        List<Entry> out = new ArrayList<>();
        for (String file : profile.loaded().files()) {
            String text = repo.fileText(file);
            out.add(new Entry("profile:" + file, InputRecord.sha256(text == null ? "" : text)));
        }
        out.add(new Entry("profile:merged", InputRecord.sha256(profile.loaded().canonicalYaml())));
        return out;
    }
}
