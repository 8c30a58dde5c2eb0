package io.rhoai.cli.fleet;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.output.Table;
import io.rhoai.fleet.render.FleetRender;
import io.rhoai.fleet.render.FleetRender.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "render", description = "Write the hub's ApplicationSets (one per ring, a list generator over the member profiles) into a directory of the hub's GitOps repository, for review in a pull request.",
        footer = {"%nExamples:",
                "  rhoai fleet render --hub rhoaibu-cluster-prod \\",
                "      --dir ../gitops/clusters/overlays/rhoaibu-cluster-prod/fleet",
                "  rhoai fleet render --hub prod --dir fleet/ --auto-sync -o json"})
public class FleetRenderCommand extends BaseCommand {
    @Mixin FleetProfiles profiles;

    @Option(names = "--hub", paramLabel = "PROFILE", required = true,
            description = "Profile of the hub cluster (left out of the members): its full name or a unique suffix after a dash.")
    String hub;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Directory to write the ApplicationSets and their kustomization.yaml into.")
    Path dir;

    @Option(names = "--auto-sync", description = "Automated sync on every generated Application, as gitops bootstrap --auto-sync sets it on the root Application.")
    boolean autoSync;

    @Option(names = "--manifests-dir", paramLabel = "DIR",
            description = "Bootstrap templates to take the AppProject and sync policy from (default: the bundled bootstrap-manifests/).")
    Path manifestsDir;

    @Override
    public Integer call() {
        Result r = new FleetRender(profiles.fleet(env())).run(new FleetRender.Request(hub, dir, autoSync, manifestsDir));
        progress().done(r.changed() ? "rendered " + r.clusters() + " cluster(s) in " + r.rings().size() + " ring(s) into " + r.dir()
                : "nothing changed: " + r.dir() + " already holds the fleet as rendered");
        return finish(r, FleetRenderCommand::text);
    }

    static String text(Result r) {
        Table t = new Table("FILE", "OUTCOME", "BYTES");
        r.files().forEach(f -> t.row(f.path(), f.outcome(), f.bytes()));
        return t.toString();
    }
}
