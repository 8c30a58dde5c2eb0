package io.rhoai.installconfig;

import io.rhoai.core.secret.Secret;
import io.rhoai.profile.ProfileRepository;

import java.nio.file.Path;

/**
 * What {@code install-config render} needs.
 * @param sshKeyFile   the public key file, or null for a cluster without SSH access
 * @param sshKeySource the flag or variable that named it, for messages
 */
public record RenderInput(ProfileRepository profiles, String cluster, Path dir, Secret pullSecret, Path sshKeyFile,
                          String sshKeySource, boolean dryRun, String rhoaiVersion) { }
