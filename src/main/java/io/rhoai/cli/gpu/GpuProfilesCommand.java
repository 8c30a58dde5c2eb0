package io.rhoai.cli.gpu;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.ExitCodes;
import io.rhoai.cli.ProfileOptions;
import io.rhoai.cli.output.Table;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.profiles.DashboardProfiles;
import io.rhoai.gpu.profiles.DashboardProfiles.Format;
import io.rhoai.gpu.profiles.GpuProfilesGenerator;
import io.rhoai.gpu.profiles.GpuProfilesInput;
import io.rhoai.gpu.profiles.GpuProfilesResult;
import io.rhoai.installconfig.FileResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"Write, per GPU pool of the profile, the OpenShift AI AcceleratorProfile (2.x, --format accelerator) or HardwareProfile",
                "(3.x, --format hardware) whose device, toleration and node selector are the pool's own resource, taint and",
                "cluster-api/accelerator label, into <dir>/<kind>-<pool>.yaml, ready to commit to the GitOps repository."},
        footer = {"%nExamples:",
                "  rhoai gpu profiles --cluster rhoaibu-cluster-prod \\",
                "      --dir components/accelerator-profiles",
                "  rhoai gpu profiles -c prod --dir components/hardware-profiles \\",
                "      --format hardware --dry-run",
                "  rhoai gpu profiles -c dev --dir out/profiles --namespace opendatahub -o json"})
public class GpuProfilesCommand extends BaseCommand {
    @Mixin ProfileOptions profile;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory to write the profiles into (created when missing).")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "accelerator",
            description = "accelerator: dashboard.opendatahub.io/v1 AcceleratorProfile (OpenShift AI 2.x); hardware: "
                    + "infrastructure.opendatahub.io/v1 HardwareProfile (3.x) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", defaultValue = DashboardProfiles.DEFAULT_NAMESPACE,
            description = "Namespace of the profiles: the dashboard's (default: ${DEFAULT-VALUE}; opendatahub on Open Data Hub).")
    String namespace;

    @Option(names = "--dry-run", description = "List the files that would be written, with their content, and write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Format f = switch (format.strip().toLowerCase()) {
            case "accelerator" -> Format.ACCELERATOR;
            case "hardware" -> Format.HARDWARE;
            default -> throw new ParameterException(spec.commandLine(), "--format: '" + format + "' is not accelerator or hardware");
        };
        GpuProfilesInput input = new GpuProfilesInput(profile.repository(env()), profile.cluster, dir, f, namespace, dryRun);
        GpuProfilesResult result = new GpuProfilesGenerator(GpuCatalog.bundled(), progress()).generate(input);
        output().result(result, GpuProfilesCommand::text);
        return ExitCodes.OK;
    }

    static String text(GpuProfilesResult r) {
        StringBuilder b = new StringBuilder();
        Table t = new Table("NAME", "POOL", "TYPE", "IDENTIFIER", "TOLERATION", "NODE SELECTOR", "ENABLED");
        r.profiles().forEach(p -> t.row(p.name(), p.pool(), p.instanceType(), p.identifier(), p.toleration(),
                p.nodeSelector() == null ? "-" : p.nodeSelector(), p.enabled() ? "yes" : "no"));
        if (!t.isEmpty()) b.append(t).append('\n');
        b.append(r.dryRun() ? "Dry run, nothing written: " : r.changed() ? "" : "Up to date, nothing written: ")
                .append(r.kind()).append("s (").append(r.apiVersion()).append(") for ").append(r.profile()).append(" in ").append(r.dir()).append('\n');
        Table files = new Table(r.dryRun() ? "WOULD BE" : "STATUS", "FILE");
        for (FileResult f : r.files()) files.row(f.status().word(), f.path());
        b.append(files);
        if (r.preview() != null) {
            r.preview().forEach((path, text) -> b.append("\n--- ").append(path).append('\n').append(text));
        }
        return b.toString();
    }
}
