package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.yaml.Mappers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NamedCertificatesTest {
    static final String API = "api.dev.example.test";
    static final List<String> CERT_NAMES = List.of("*.apps.dev.example.test", API);

    private static JsonNode json(String s) throws Exception {
        return Mappers.json().readTree(s);
    }

    @Test
    void addsAnEntryAndKeepsForeignEntriesExactly() throws Exception {
        JsonNode entries = json("[{\"names\":[\"other.example.org\"],\"servingCertificate\":{\"name\":\"theirs\"},\"x-extra\":1}]");
        JsonNode merged = NamedCertificates.pointAt(entries, API, CERT_NAMES, "rhoai-api-v2");
        assertThat(merged.get(0)).isEqualTo(entries.get(0));
        assertThat(merged.get(1).toString()).isEqualTo("{\"names\":[\"" + API + "\"],\"servingCertificate\":{\"name\":\"rhoai-api-v2\"}}");
    }

    @Test
    void replacesTheSecretOfTheHostsEntryInPlaceAndIsIdempotent() throws Exception {
        JsonNode entries = json("[{\"names\":[\"API.dev.example.test\"],\"servingCertificate\":{\"name\":\"old\"}},{\"names\":[\"x.org\"],\"servingCertificate\":{\"name\":\"x\"}}]");
        JsonNode merged = NamedCertificates.pointAt(entries, API, CERT_NAMES, "new");
        assertThat(merged).hasSize(2);
        assertThat(merged.get(0).path("servingCertificate").path("name").asText()).isEqualTo("new");
        assertThat(merged.get(0).path("names").get(0).asText()).as("names kept as written").isEqualTo("API.dev.example.test");
        assertThat(NamedCertificates.pointAt(merged, API, CERT_NAMES, "new")).isEqualTo(merged);
        assertThat(NamedCertificates.secretFor(merged, API)).isEqualTo("new");
    }

    @Test
    void movesTheHostOutOfAnEntryWhoseOtherNamesTheCertificateDoesNotCover() throws Exception {
        JsonNode entries = json("[{\"names\":[\"" + API + "\",\"legacy.example.org\"],\"servingCertificate\":{\"name\":\"shared\"}}]");
        JsonNode merged = NamedCertificates.pointAt(entries, API, CERT_NAMES, "rhoai-api-v1");
        assertThat(merged.toString()).isEqualTo("[{\"names\":[\"legacy.example.org\"],\"servingCertificate\":{\"name\":\"shared\"}},"
                + "{\"names\":[\"" + API + "\"],\"servingCertificate\":{\"name\":\"rhoai-api-v1\"}}]");
    }

    @Test
    void removeReturnsTheHostToTheDefaultCertificateAndKeepsTheRest() throws Exception {
        JsonNode entries = json("[{\"names\":[\"" + API + "\"],\"servingCertificate\":{\"name\":\"rhoai-api-v1\"}},{\"names\":[\"x.org\"],\"servingCertificate\":{\"name\":\"x\"}}]");
        JsonNode left = NamedCertificates.remove(entries, API);
        assertThat(left.toString()).isEqualTo("[{\"names\":[\"x.org\"],\"servingCertificate\":{\"name\":\"x\"}}]");
        assertThat(NamedCertificates.secretFor(left, API)).isNull();
    }

    @Test
    void worksOnAnApiServerWithoutAnyEntries() {
        JsonNode merged = NamedCertificates.pointAt(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), API, CERT_NAMES, "s");
        assertThat(merged).hasSize(1);
    }
}
