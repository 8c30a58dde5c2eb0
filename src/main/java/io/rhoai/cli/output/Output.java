package io.rhoai.cli.output;

import io.rhoai.core.Terminal;
import io.rhoai.core.secret.Redactor;
import io.rhoai.core.yaml.Mappers;

import java.io.PrintWriter;
import java.util.function.Function;

/**
 * Writes the result record to stdout in the chosen format. JSON and YAML serialise the record itself; text is a
 * view of the same record supplied by the command. Everything passes through the redactor.
 */
public final class Output {
    private final PrintWriter out;
    private final OutputFormat format;

    public Output(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    public OutputFormat format() {
        return format;
    }

    public <T> void result(T result, Function<T, String> text) {
        String rendered = switch (format) {
            case json -> Mappers.toJson(result);
            case yaml -> Mappers.toYaml(result);
            case text -> {
                // text goes to a terminal; JSON and YAML escape control characters themselves
                String t = Terminal.sanitize(text.apply(result));
                yield t.isEmpty() || t.endsWith("\n") ? t : t + "\n";
            }
        };
        out.print(Redactor.redact(rendered));
        out.flush();
    }
}
