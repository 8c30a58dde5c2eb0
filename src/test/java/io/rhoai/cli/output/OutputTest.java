package io.rhoai.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.yaml.Mappers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -o json} and {@code -o yaml} put values from profiles and remotes on stdout, which is often a terminal: no
 * control character, DEL, C1 control or bidi override may appear raw, and a piped consumer must still parse the very
 * same value back (escapes, never replacements).
 */
class OutputTest {
    /** OSC retitle + BEL, CSI clear screen, DEL, C1 CSI (U+009B) and NEL (U+0085), every bidi embedding/override/isolate. */
    static final String HOSTILE = "a\u001b]0;owned\u0007b\u001b[2Jc\u007fd\u009b31me\u0085f"
            + "\u202a\u202b\u202c\u202d\u202eg\u2066\u2067\u2068\u2069h \"quoted\" \\ é → ✓";

    record Item(String description, List<String> messages, Map<String, String> labels) { }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"json", "yaml"})
    void hostileValuesAreEscapedAndParseBackToTheSameString(OutputFormat format) throws Exception {
        Item item = new Item(HOSTILE, List.of(HOSTILE, "plain"), Map.of("k" + HOSTILE, HOSTILE, "multi", "line one\nline two " + HOSTILE));
        StringWriter out = new StringWriter();

        new Output(new PrintWriter(out), format).result(item, i -> "unused");

        String text = out.toString();
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n') assertThat(text.indexOf(c)).as("raw U+%04X in\n%s", c, text).isEqualTo(-1);
        }
        for (int c : new int[] {0x7f, 0x85, 0x9b, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}) {
            assertThat(text.indexOf(c)).as("raw U+%04X in\n%s", c, text).isEqualTo(-1);
        }
        assertThat(text).as("other text stays readable").contains("é → ✓");

        JsonNode back = (format == OutputFormat.json ? Mappers.json() : Mappers.yaml()).readTree(text);
        assertThat(back.path("description").asText()).isEqualTo(HOSTILE);
        assertThat(back.path("messages").get(0).asText()).isEqualTo(HOSTILE);
        assertThat(back.path("labels").path("k" + HOSTILE).asText()).isEqualTo(HOSTILE);
        assertThat(back.path("labels").path("multi").asText()).isEqualTo("line one\nline two " + HOSTILE);
    }
}
