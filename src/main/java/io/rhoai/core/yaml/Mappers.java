package io.rhoai.core.yaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rhoai.core.Terminal;

/**
 * The project's two ObjectMappers. Output is deterministic: no document marker, minimal quotes, ISO dates,
 * nulls left out, map order kept as built (manifests read apiVersion, kind, metadata, spec, as people expect).
 */
public final class Mappers {
    private static final YAMLMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .stringQuotingChecker(new QuotingInvisibles())
                    .build())
            .build());
    private static final JsonMapper JSON = configure(JsonMapper.builder().build());

    private Mappers() { }

    private static <M extends ObjectMapper> M configure(M m) {
        m.registerModule(new JavaTimeModule());
        m.registerModule(new Jdk8Module());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return m;
    }

    public static YAMLMapper yaml() {
        return YAML;
    }

    public static JsonMapper json() {
        return JSON;
    }

    /**
     * YAML text. A string holding a character {@link Terminal#invisible} names is written double-quoted (see
     * {@link QuotingInvisibles}), with such characters as {@code \\uXXXX} escapes: the text can go to a terminal, and a
     * YAML reader still gets the same value.
     */
    public static String toYaml(Object value) {
        try {
            return escapeInvisibles(YAML.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException("cannot render YAML: " + e.getMessage(), e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writer(INVISIBLES_ESCAPED).withDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }

    /**
     * JSON escapes for what {@link Terminal#invisible} names, on top of the standard ones (C0 controls): {@code \\uXXXX},
     * so the text can go to a terminal and a JSON reader still gets the same value.
     */
    private static final CharacterEscapes INVISIBLES_ESCAPED = new CharacterEscapes() {
        private final int[] ascii = standardAsciiEscapesForJSON();

        {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Terminal.invisible(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    };

    /** Strings with characters {@link Terminal#invisible} names are double-quoted, the only YAML style with escapes. */
    private static final class QuotingInvisibles extends StringQuotingChecker.Default {
        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || Terminal.hasInvisible(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || Terminal.hasInvisible(value);
        }
    }

    /**
     * The writer leaves the bidi characters raw inside the double quotes (YAML counts them as printable); C1 controls
     * and DEL it escapes itself. Every raw one is inside a double-quoted scalar ({@link QuotingInvisibles}), where
     * {@code \\uXXXX} means the same character.
     */
    private static String escapeInvisibles(String yaml) {
        if (!Terminal.hasInvisible(yaml)) return yaml;
        StringBuilder b = new StringBuilder(yaml.length() + 16);
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if (Terminal.invisible(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
