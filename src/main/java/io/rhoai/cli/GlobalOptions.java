package io.rhoai.cli;

import io.rhoai.cli.output.OutputFormat;

/** Options every command takes; declared once on the root command and inherited by every subcommand. */
public final class GlobalOptions {
    public OutputFormat output = OutputFormat.text;
    public boolean verbose;
    public boolean quiet;
    public boolean noColor;
}
