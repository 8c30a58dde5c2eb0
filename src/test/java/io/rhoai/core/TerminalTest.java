package io.rhoai.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTest {
    @Test
    void escapesEveryClassOfUnsafeCharacterAndKeepsTheRest() {
        String c0 = "a\u0000b\u0007c\rd\u001b[2J";
        String c1 = "e\u009bf\u0085";
        String bidi = "g\u202ah\u202ei\u2066j\u2069";
        assertThat(Terminal.sanitize(c0)).isEqualTo("a\\x00b\\x07c\\x0dd\\x1b[2J");
        assertThat(Terminal.sanitize(c1)).isEqualTo("e\\x9bf\\x85");
        assertThat(Terminal.sanitize(bidi)).isEqualTo("g\\u202ah\\u202ei\\u2066j\\u2069");
        assertThat(Terminal.sanitize("line\n\tnext → ✓ é ü 日本")).isEqualTo("line\n\tnext → ✓ é ü 日本");
        assertThat(Terminal.sanitize("del\u007f")).isEqualTo("del\\x7f");
    }
}
