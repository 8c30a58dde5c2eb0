package io.rhoai.git;

import io.rhoai.core.secret.Secret;

import java.nio.file.Path;

/**
 * How rhoai authenticates to a git remote. HTTPS uses {@code token} (from --git-token-file or GIT_TOKEN);
 * SSH uses {@code sshKeyFile}, else the ssh-agent when {@code agentSocket} is set, and always checks the server's
 * host key against {@code knownHosts} (never accepts an unknown key).
 *
 * @param token       HTTPS token, or null
 * @param sshKeyFile  private key file for SSH, or null
 * @param knownHosts  known_hosts file used to verify SSH host keys
 * @param agentSocket SSH_AUTH_SOCK path, or null
 * @param tokenUser   the user sent with the token over HTTPS (the profile's spec.gitops.repoUsername), or null: the
 *                    host's documented default ({@link TokenUser})
 */
public record GitAuth(Secret token, Path sshKeyFile, Path knownHosts, Path agentSocket, String tokenUser) {
    public static GitAuth none() {
        return new GitAuth(null, null, null, null, null);
    }
}
