package io.rhoai.core.secret;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    static final String TOKEN = "ghp_R3dact0rT3stT0kenValue0123456789ab";

    static List<String> encodings(byte[] raw) {
        String std = Base64.getEncoder().encodeToString(raw);
        String url = Base64.getUrlEncoder().encodeToString(raw);
        return List.of(new String(raw, StandardCharsets.UTF_8), std, std.replace("=", ""), url, url.replace("=", ""));
    }

    @Test
    void everyEncodingOfTheWholeValueIsMasked() {
        Redactor.register(TOKEN);
        // a value whose base64 has padding and uses the characters where the alphabets differ
        String odd = "s3cr3t>>>???~~~";
        Redactor.register(odd);
        for (String secret : List.of(TOKEN, odd)) {
            for (String form : encodings(secret.getBytes(StandardCharsets.UTF_8))) {
                assertThat(Redactor.redact("data: {password: " + form + "}")).as(form).doesNotContain(form).contains(Redactor.MASK);
            }
        }
    }

    @Test
    void theValueIsMaskedInsideALongerEncodedText() {
        Redactor.register(TOKEN);
        // a basic-auth header or a dockerconfigjson: the secret sits at any byte alignment inside the encoded text
        for (String prefix : List.of("", "u", "us", "user:", "{\"auths\":{\"x\":{\"password\":\"")) {
            byte[] raw = (prefix + TOKEN + "\"}}}").getBytes(StandardCharsets.UTF_8);
            int p = prefix.length(), end = p + TOKEN.length();
            // the characters that encode only the token's bytes, wherever it starts within a 3-byte group
            int from = (p + 2) / 3 * 4, to = end / 3 * 4;
            for (String form : encodings(raw).subList(1, 5)) {
                String shown = Redactor.redact("Authorization: Basic " + form);
                assertThat(shown).as(prefix + " " + form).contains(Redactor.MASK).doesNotContain(form.substring(from, to));
            }
        }
    }
}
