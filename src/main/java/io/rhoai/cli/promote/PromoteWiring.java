package io.rhoai.cli.promote;

import io.rhoai.git.RemoteRefs;

import io.rhoai.cli.ProfileOptions;
import io.rhoai.core.Progress;

import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.time.Durations;
import io.rhoai.core.secret.SecretSource;
import io.rhoai.git.GitAuth;
import io.rhoai.git.GitWorkspace;
import io.rhoai.core.time.Deadline;
import io.rhoai.kube.KubeClients;
import io.rhoai.kube.KubeTarget;
import io.rhoai.promote.Environment;
import io.rhoai.promote.Environments;
import io.rhoai.promote.PromotionRequest;
import io.rhoai.promote.Promoter;
import io.rhoai.promote.forge.Forges;
import io.rhoai.promote.gate.ArgoApplicationGate;
import io.rhoai.promote.render.KustomizeRenderer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Turns the promote flags into the engine's request and collaborators; shared by plan, promote and back. */
final class PromoteWiring {
    private PromoteWiring() { }

    static PromotionRequest request(PromoteOptions o, GateOptions gate, boolean noPr, boolean dryRun,
                                    PromotionRequest.Direction direction, Map<String, String> env) {
        return request(o, gate, noPr, dryRun, direction, env, false);
    }

    static PromotionRequest request(PromoteOptions o, GateOptions gate, boolean noPr, boolean dryRun,
                                    PromotionRequest.Direction direction, Map<String, String> env, boolean pinRemoteBases) {
        Environments envs = new Environments(ProfileOptions.locate(o.profilesDir, o.sets, env, Progress.NONE, p -> false));
        Environment from = envs.resolve(o.from, "--from");
        Environment to = envs.resolve(o.to, "--to");
        if (from.name().equals(to.name())) {
            throw RhoaiException.invalid("--from and --to are both " + from.name(), "promote between two different clusters");
        }
        String profilesFlag = (o.profilesDir == null ? "" : " --profiles-dir " + o.profilesDir)
                + o.sets.stream().map(v -> " --set " + v).collect(java.util.stream.Collectors.joining());
        String backCmd = "rhoai promote back --from " + to.name() + " --to " + from.name() + profilesFlag;
        return new PromotionRequest(from, to, direction, repoDir(o, from, env), !o.noFetch, auth(o, env, from.repoUsername()), o.allowDrift, gate != null && gate.skip,
                noPr, dryRun, !o.noRender, backCmd, pinRemoteBases);
    }

    /**
     * --repo-dir, else the current directory when it lies in a clone of the profile's repository (as git finds its
     * repository upwards), else null for a temp dir. A directory that is a clone of another repository is never used.
     */
    private static Path repoDir(PromoteOptions o, Environment from, Map<String, String> env) {
        if (o.repoDir != null) return o.repoDir;
        String pwd = env.get("PWD");   // the shell's, so a test or a wrapper can run rhoai "in" a directory
        Path cwd = Path.of(pwd != null && !pwd.isBlank() ? pwd : System.getProperty("user.dir"));
        return GitWorkspace.findClone(cwd, from.repoURL());
    }

    static GitAuth auth(PromoteOptions o, Map<String, String> env, String tokenUser) {
        Secret token = new SecretSource(env).find("git token", o.gitTokenFile, "--git-token-file", "GIT_TOKEN");
        if (o.sshKeyFile != null && !Files.isRegularFile(o.sshKeyFile)) {
            throw RhoaiException.invalid("--ssh-key-file: " + o.sshKeyFile + " is not a file", "pass the path of a private key");
        }
        Path knownHosts = o.knownHosts;
        if (knownHosts != null && !Files.isRegularFile(knownHosts)) {
            throw RhoaiException.invalid("--known-hosts: " + knownHosts + " is not a file",
                    "create it with: ssh-keyscan <git host> > " + knownHosts + " (after checking the fingerprint)");
        }
        if (knownHosts == null) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            knownHosts = Path.of(home, ".ssh", "known_hosts");
        }
        String agent = env.get("SSH_AUTH_SOCK");
        Path agentSocket = o.sshKeyFile == null && agent != null && !agent.isBlank() ? Path.of(agent) : null;
        return new GitAuth(token, o.sshKeyFile, knownHosts, agentSocket, tokenUser);
    }

    /**
     * @param deadline the whole run's --timeout, started when the command started; every git, GitHub, kustomize and
     *                 Kubernetes operation gets --operation-timeout or what is left of it, whichever is shorter
     */
    static Promoter promoter(PromoteOptions o, GateOptions gate, String githubRepo, PromotionRequest request,
                             Map<String, String> env, Progress progress, Deadline deadline) {
        Supplier<Duration> perOperation = () -> operationTimeout(o, deadline);
        KustomizeRenderer renderer = KustomizeRenderer.locate(env, perOperation);
        String external = env.get("RHOAI_EXTERNAL_DIFF");
        List<String> externalDiff = external == null || external.isBlank() ? null : Arrays.asList(external.strip().split("\\s+"));
        ArgoApplicationGate argo = gate == null ? null : new ArgoApplicationGate(() -> {
            Duration operation = operationTimeout(o, deadline);
            return KubeClients.connect(new KubeTarget(gate.kubeconfig, gate.context,
                    gate.requestTimeout.compareTo(operation) < 0 ? gate.requestTimeout : operation, env));
        }, gate.namespace, ringLabel(o), ringLabel(o) == null ? null : o.from.substring(io.rhoai.fleet.Rings.PREFIX.length()));
        return new Promoter(progress, Clock.systemUTC(),
                (r, p) -> GitWorkspace.open(r.from().repoURL(), r.repoDir(), r.auth(), perOperation, r.fetch(), p),
                renderer, argo,
                repoURL -> Forges.create(repoURL, githubRepo, request.auth().token(), env, perOperation.get()),
                externalDiff, new RemoteRefs(perOperation)::resolve);
    }

    /** A ring source is gated on the hub's Applications of that ring (--source-context names the hub); else null. */
    private static String ringLabel(PromoteOptions o) {
        return io.rhoai.fleet.Rings.isRing(o.from) ? io.rhoai.fleet.Fleet.RING_LABEL : null;
    }

    /** The next operation's timeout; refuses to start one once the run's budget is spent. */
    private static Duration operationTimeout(PromoteOptions o, Deadline deadline) {
        if (deadline.expired()) {
            throw RhoaiException.timeout("the promote run used its whole --timeout of " + Durations.format(deadline.total())
                    + " before it finished", "raise --timeout (the whole run); --operation-timeout limits each git, GitHub and kustomize call");
        }
        return deadline.atMost(o.operationTimeout);
    }
}
