package io.rhoai.cli.promote;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import io.rhoai.cli.ExitCodes;
import io.rhoai.promote.SeedRepo;
import io.rhoai.testing.Cli;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.git.GitLocationResolver;
import org.apache.sshd.git.pack.GitPackCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push over SSH to a real in-process Apache MINA SSHD serving the bare repo (sshd-git's git-upload-pack and
 * git-receive-pack). Host keys are checked against known_hosts; the client key must be the authorised one.
 */
class PromoteSshTest {
    @TempDir Path tmp;
    private SshServer sshd;
    private SeedRepo seed;
    private Path clientKey;
    private Path knownHosts;
    private String url;

    @BeforeEach
    void start() throws Exception {
        seed = SeedRepo.create(tmp.resolve("seed"), SeedRepo.Hotfix.NONE);
        clientKey = tmp.resolve("id_ecdsa");
        PublicKey authorised = writeKeyPair(clientKey);

        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("localhost");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(tmp.resolve("host-key"));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPublickeyAuthenticator((user, key, session) -> "git".equals(user) && KeyUtils.compareKeys(authorised, key));
        sshd.setCommandFactory(new GitPackCommandFactory().withGitLocationResolver(GitLocationResolver.constantPath(seed.root)));
        sshd.start();

        String hostKey = PublicKeyEntry.toString(hostKeys.loadKeys(null).iterator().next().getPublic());
        knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, "[localhost]:" + sshd.getPort() + " " + hostKey + "\n");
        url = "ssh://git@localhost:" + sshd.getPort() + "/remote.git";
        seed.writeProfile("rhoaibu-cluster-dev", url, "dev", "branch");
        seed.writeProfile("rhoaibu-cluster-prod", url, "main", "branch");
    }

    @AfterEach
    void stop() throws Exception {
        if (sshd != null) sshd.stop(true);
        if (seed != null) seed.close();
    }

    private Cli.Result promote(Path key, Path hosts) {
        return Cli.cli().run("promote", "--from", "dev", "--to", "prod", "--no-pr", "--skip-gate", "--no-render",
                "--profiles-dir", seed.profiles.toString(), "--ssh-key-file", key.toString(), "--known-hosts", hosts.toString(),
                "--timeout", "30s");
    }

    @Test
    void pushesThePromotionBranchOverSshWithAKnownHostKey() {
        ObjectId dev = seed.remoteBranch("dev");
        Cli.Result r = promote(clientKey, knownHosts);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        String branch = "promote/dev-to-prod-" + dev.name().substring(0, 7);
        assertThat(r.stdout()).contains("BRANCH: " + branch).contains("(pushed)");
        assertThat(seed.remoteBranch(branch)).isNotNull();
        assertThat(seed.fileAt(branch, "components/operators/rhoai-operator/subscription.yaml")).contains("stable-2.25");
    }

    @Test
    void unknownHostKeyIsRefusedWithTheFixNamed() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty_known_hosts"), "");
        Cli.Result r = promote(clientKey, empty);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("error: git fetch refused: the SSH host key of localhost is not in " + empty)
                .contains("hint: verify the server's fingerprint, then add it: ssh-keyscan");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void changedHostKeyIsRefusedAsAPossibleAttack() throws Exception {
        Path other = tmp.resolve("other_key");
        PublicKey notTheServer = writeKeyPair(other);
        Path wrong = Files.writeString(tmp.resolve("wrong_known_hosts"),
                "[localhost]:" + sshd.getPort() + " " + PublicKeyEntry.toString(notTheServer) + "\n");
        Cli.Result r = promote(clientKey, wrong);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(r.stderr()).contains("differs from the one in " + wrong).contains("man-in-the-middle");
    }

    @Test
    void wrongClientKeyIsRefusedWithAClearMessage() throws Exception {
        Path wrongKey = tmp.resolve("id_wrong");
        writeKeyPair(wrongKey);
        Cli.Result r = promote(wrongKey, knownHosts);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REMOTE);
        assertThat(r.stderr()).contains("error: git fetch to ssh://git@localhost:" + sshd.getPort() + "/remote.git: the server refused the SSH key " + wrongKey)
                .contains("hint: pass --ssh-key-file with a key the server accepts");
        assertThat(seed.git.getRepository().getRefDatabase().getRefsByPrefix("refs/remotes/origin/promote/")).isEmpty();
    }

    /** An ECDSA key pair, private key in the file, public key returned (as the server sees it). */
    private static PublicKey writeKeyPair(Path file) throws Exception {
        KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        kp.writePrivateKey(file.toString());
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        kp.writePublicKey(pub, "test");
        kp.dispose();
        return AuthorizedKeyEntry.parseAuthorizedKeyEntry(pub.toString(StandardCharsets.UTF_8).strip())
                .resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
    }
}
