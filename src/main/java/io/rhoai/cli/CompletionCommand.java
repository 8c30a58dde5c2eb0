package io.rhoai.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", description = "Print a shell completion script for bash or zsh.",
        footer = {"%nExamples:",
                "  source <(rhoai completion bash)",
                "  rhoai completion zsh > \"${fpath[1]}/_rhoai\""})
public class CompletionCommand extends BaseCommand {
    public enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("rhoai", spec.root().commandLine());
        if (shell == Shell.zsh) {
            // picocli's script is bash; zsh runs it through bashcompinit
            script = "#compdef rhoai\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
