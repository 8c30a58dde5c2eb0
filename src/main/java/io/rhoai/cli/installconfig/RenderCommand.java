package io.rhoai.cli.installconfig;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.VersionCommand;
import io.rhoai.cli.output.OutputFormat;
import io.rhoai.core.secret.Secret;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.installconfig.InstallConfigRenderer;
import io.rhoai.installconfig.RenderInput;
import io.rhoai.installconfig.RenderResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Write <dir>/install-config.yaml for openshift-install from a cluster profile, plus a kept copy and a digest of the inputs in <dir>/.rhoai/.",
                "The profile is validated first; nothing is written when it is rejected. Same inputs give byte-identical files."},
        footer = {"%nExamples:",
                "  rhoai install-config render --cluster rhoaibu-cluster-dev --dir out/dev \\",
                "      --pull-secret-file docs/examples/pull-secret.example.json \\",
                "      --ssh-public-key-file docs/examples/ssh-key.example.pub",
                "  RHOAI_PULL_SECRET_FILE=~/pull-secret.json rhoai install-config render -c \\",
                "      rhoaibu-cluster-prod --dir out/prod --dry-run",
                "  rhoai install-config render -c rhoaibu-cluster-dev --dir out/dev \\",
                "      --pull-secret-file ps.json -o json"})
public class RenderCommand extends BaseCommand {
    @Mixin ProfileOptions profile;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Installation directory openshift-install will use.")
    Path dir;

    @Option(names = "--pull-secret-file", paramLabel = "FILE",
            description = "Pull secret from console.redhat.com (default: RHOAI_PULL_SECRET_FILE). Never pass it as a value.")
    Path pullSecretFile;

    @Option(names = "--ssh-public-key-file", paramLabel = "FILE",
            description = "SSH public key for the nodes' core user (default: RHOAI_SSH_KEY_FILE; none: no SSH access).")
    Path sshKeyFile;

    /** Set when the key came through the deprecated spelling, which promote uses for a PRIVATE key. */
    private boolean deprecatedSshKeyFlag;

    @Option(names = "--ssh-key-file", paramLabel = "FILE", hidden = true,
            description = "Deprecated spelling of --ssh-public-key-file (promote's --ssh-key-file is a private key).")
    void deprecatedSshKeyFile(Path file) {
        sshKeyFile = file;
        deprecatedSshKeyFlag = true;
    }

    @Option(names = "--dry-run", description = "Show what would be written (pull secret masked; it may be omitted) and write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        // a dry run may go without the pull secret: it is masked in the preview anyway
        Secret pullSecret = dryRun ? secrets().find("pull secret", pullSecretFile, "--pull-secret-file", "RHOAI_PULL_SECRET")
                : secrets().require("pull secret", pullSecretFile, "--pull-secret-file", "RHOAI_PULL_SECRET");
        if (deprecatedSshKeyFlag) {
            progress().warn("--ssh-key-file is deprecated for install-config render: use --ssh-public-key-file"
                    + " (--ssh-key-file means a private key elsewhere, in promote)");
        }
        Path sshKey = sshKeyFile;
        String sshSource = deprecatedSshKeyFlag ? "--ssh-key-file" : "--ssh-public-key-file";
        if (sshKey == null && env().get("RHOAI_SSH_KEY_FILE") != null && !env().get("RHOAI_SSH_KEY_FILE").isBlank()) {
            sshKey = Path.of(env().get("RHOAI_SSH_KEY_FILE"));
            sshSource = "RHOAI_SSH_KEY_FILE";
        }
        RenderInput input = new RenderInput(profile.repository(env()), profile.cluster, dir, pullSecret, sshKey, sshSource, dryRun,
                VersionCommand.info().version());
        RenderResult result = new InstallConfigRenderer(GpuCatalog.bundled(), progress()).render(input);
        output().result(result, r -> OutputText.files("install-config for " + r.profile() + " (cluster " + r.cluster() + ") in " + r.dir(),
                r.dryRun(), r.changed(), r.files(), r.inputDigest(), r.preview()));
        if (!dryRun && output().format() == OutputFormat.text) {
            // the next steps of docs/install-config.md, on stderr: stdout stays the result
            String d = shellWord(dir.toString());
            progress().info("next: openshift-install create manifests --dir " + d);
            progress().info("then: rhoai install-config gpu-manifests --cluster " + result.profile() + " --dir " + d);
        }
        return ExitCodes.OK;
    }

    /** A path as one shell word, ready to paste. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./~:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
