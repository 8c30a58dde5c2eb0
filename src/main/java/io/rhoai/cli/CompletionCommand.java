package io.rhoai.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;

/**
 * The completion script. picocli writes every option's candidates into it (enums, {@link Candidates},
 * {@link ProfileNames}: the profiles seen now; regenerate the script after adding one) and every option of type
 * Duration gets {@link Candidates.DurationExamples} here, in one place.
 */
@Command(name = "completion", description = "Print a shell completion script for bash or zsh.",
        footer = {"%nValues complete too: profile names, GPU instance types, DNS providers,",
                "--access, -o, --dry-run, durations. Profile names are those present when",
                "the script is written: regenerate it after adding a profile.",
                "%nExamples:",
                "  source <(rhoai completion bash)",
                "  rhoai completion zsh > \"$${fpath[1]}/_rhoai\""})
public class CompletionCommand extends BaseCommand {
    public enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        withCandidates(root, new ProfileNames(env()));
        String script = AutoComplete.bash("rhoai", root);
        if (shell == Shell.zsh) {
            // picocli's script is bash; zsh runs it through bashcompinit
            script = "#compdef rhoai\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /**
     * Every Duration option without candidates of its own gets the examples, and profile options the profiles this
     * run sees (its environment: RHOAI_PROFILES_DIR). Only this run, which writes the script, changes the tree.
     */
    static void withCandidates(CommandLine cmd, ProfileNames profiles) {
        CommandSpec s = cmd.getCommandSpec();
        for (OptionSpec o : new ArrayList<>(s.options())) {
            Iterable<String> candidates = o.type() == Duration.class && o.completionCandidates() == null ? new Candidates.DurationExamples()
                    : o.completionCandidates() instanceof ProfileNames ? profiles : null;
            if (candidates != null && o.group() == null) {
                s.remove(o);
                s.addOption(o.toBuilder().completionCandidates(candidates).build());
            }
        }
        for (CommandLine sub : cmd.getSubcommands().values()) withCandidates(sub, profiles);
    }
}
