package io.rhoai.cli.fleet;

import io.rhoai.cli.BaseCommand;
import io.rhoai.cli.output.Table;
import io.rhoai.fleet.Fleet.Listing;
import io.rhoai.fleet.LabelSelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.stream.Collectors;

@Command(name = "list", description = "List the fleet: every cluster profile of the directory with its ring, labels, API server and GitOps revision.",
        footer = {"%nExamples:",
                "  rhoai fleet list",
                "  rhoai fleet list -l ring=canary -o json",
                "  rhoai fleet list --profiles-dir fleet/ -l 'region=us-east-1,env!=test'"})
public class FleetListCommand extends BaseCommand {
    @Mixin FleetProfiles profiles;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Only clusters whose profile labels match: key=value, key!=value, key, !key, joined by commas (kubectl's syntax).")
    String selector;

    @Override
    public Integer call() {
        LabelSelector s = LabelSelector.parse(selector, "--selector");
        return finish(profiles.fleet(env()).list(s), FleetListCommand::text);
    }

    static String text(Listing l) {
        if (l.clusters().isEmpty()) return "no clusters" + (l.selector().isEmpty() ? "" : " match " + l.selector()) + " in " + l.profiles() + "\n";
        Table t = new Table("CLUSTER", "RING", "LABELS", "API SERVER", "REVISION");
        l.clusters().forEach(m -> t.row(m.name(), m.ring(),
                m.labels().isEmpty() ? "-" : m.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")),
                m.apiServer(), m.revision() == null ? "-" : m.revision()));
        return t.toString();
    }
}
