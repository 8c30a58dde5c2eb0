package io.rhoai.git;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import org.eclipse.jgit.transport.ssh.jsch.JschConfigSessionFactory;
import org.eclipse.jgit.transport.ssh.jsch.OpenSshConfig;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SSH for JGit through JSch (the maintained com.github.mwiede fork). Host keys are checked against one known_hosts
 * file with StrictHostKeyChecking=yes: an unknown or changed key is refused, never added. The key comes from the
 * given file, else from the ssh-agent. ~/.ssh/config is not read, so what the flags say is what is used.
 */
final class StrictJschSessionFactory extends JschConfigSessionFactory {
    private final Path knownHosts;
    private final Path keyFile;
    private final Path agentSocket;

    StrictJschSessionFactory(Path knownHosts, Path keyFile, Path agentSocket) {
        this.knownHosts = knownHosts;
        this.keyFile = keyFile;
        this.agentSocket = agentSocket;
        // an empty config: Host aliases, IdentityFile or StrictHostKeyChecking=no in ~/.ssh/config must not apply
        File none = new File("/nonexistent-rhoai-ssh-config");
        setConfig(new OpenSshConfig(none, none));
    }

    @Override
    protected void configure(OpenSshConfig.Host hc, Session session) {
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
    }

    @Override
    protected JSch createDefaultJSch(FS fs) throws JSchException {
        JSch jsch = new JSch();
        if (knownHosts != null && Files.isRegularFile(knownHosts)) {
            jsch.setKnownHosts(knownHosts.toString());
        }
        if (keyFile != null) {
            jsch.addIdentity(keyFile.toString());
        } else if (agentSocket != null) {
            try {
                jsch.setIdentityRepository(new AgentIdentityRepository(new SSHAgentConnector(agentSocket)));
            } catch (AgentProxyException e) {
                throw new JSchException("ssh-agent at " + agentSocket + " is not reachable: " + e.getMessage(), e);
            }
        }
        return jsch;
    }
}
