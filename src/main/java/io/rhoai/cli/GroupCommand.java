package io.rhoai.cli;

/**
 * A command that only groups subcommands ({@code rhoai gpu}, {@code rhoai gitops}): run without one, it prints its
 * usage on stderr and exits {@link ExitCodes#USAGE}, as a missing argument does.
 */
public abstract class GroupCommand extends BaseCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
