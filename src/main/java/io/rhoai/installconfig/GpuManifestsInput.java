package io.rhoai.installconfig;

import io.rhoai.profile.ProfileRepository;

import java.nio.file.Path;

/** What {@code install-config gpu-manifests} needs: the profile and the installation directory after create manifests. */
public record GpuManifestsInput(ProfileRepository profiles, String cluster, Path dir, boolean dryRun, String rhoaiVersion) { }
