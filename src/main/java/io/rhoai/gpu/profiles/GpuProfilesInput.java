package io.rhoai.gpu.profiles;

import io.rhoai.gpu.profiles.DashboardProfiles.Format;
import io.rhoai.profile.ProfileRepository;

import java.nio.file.Path;

/** What {@code gpu profiles} needs: the profile, the output directory (in the GitOps repository), the format. */
public record GpuProfilesInput(ProfileRepository profiles, String cluster, Path dir, Format format, String namespace, boolean dryRun) { }
