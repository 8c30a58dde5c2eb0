package io.rhoai.cli.fleet;

import io.rhoai.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "fleet", description = "Many clusters from one repository: list the fleet, render the hub's ApplicationSets, register members in the hub's Argo CD, read every member's state from the hub.",
        subcommands = {FleetListCommand.class, FleetRenderCommand.class, FleetRegisterCommand.class, FleetUnregisterCommand.class,
                FleetStatusCommand.class},
        footer = {"%nExamples:",
                "  rhoai fleet list -l ring=canary",
                "  rhoai fleet render --hub rhoaibu-cluster-prod \\",
                "      --dir ../gitops/clusters/overlays/rhoaibu-cluster-prod/fleet",
                "  rhoai fleet register --hub prod --cluster dev --hub-context prod-admin \\",
                "      --context dev-admin",
                "  rhoai fleet status --hub prod --hub-context prod-admin -o json",
                "%nSee docs/fleet.md."})
public class FleetCommand extends GroupCommand {
}
