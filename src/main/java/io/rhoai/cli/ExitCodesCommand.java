package io.rhoai.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.cli.output.Table;
import picocli.CommandLine.Command;

import java.util.Arrays;
import java.util.List;

@Command(name = "exit-codes", description = "List the exit codes every rhoai command uses.",
        footer = {"%nExamples:", "  rhoai exit-codes", "  rhoai exit-codes -o json"})
public class ExitCodesCommand extends BaseCommand {
    @RegisterForReflection
    public record ExitCode(int code, String name, String meaning) { }

    @Override
    public Integer call() {
        List<ExitCode> codes = Arrays.stream(ExitCodes.TABLE)
                .map(r -> new ExitCode(Integer.parseInt(r[0]), r[1], r[2])).toList();
        output().result(codes, list -> {
            Table t = new Table("CODE", "NAME", "MEANING");
            list.forEach(c -> t.row(c.code(), c.name(), c.meaning()));
            return t.toString();
        });
        return ExitCodes.OK;
    }
}
