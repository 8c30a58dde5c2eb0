package io.rhoai.certs.install;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.yaml.Mappers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON patch "add" that creates missing parents: an APIServer or IngressController with a bare spec. */
class OpenShiftResourcesTest {
    private static JsonNode json(String s) throws Exception {
        return Mappers.json().readTree(s);
    }

    @Test
    void addsAtTheDeepestExistingParent() throws Exception {
        JsonNode value = json("[{\"names\":[\"a\"]}]");
        assertThat(OpenShiftResources.addAt(json("{\"spec\":{\"servingCerts\":{\"namedCertificates\":[]}}}"), value,
                "spec", "servingCerts", "namedCertificates").toString())
                .isEqualTo("{\"op\":\"add\",\"path\":\"/spec/servingCerts/namedCertificates\",\"value\":[{\"names\":[\"a\"]}]}");
        assertThat(OpenShiftResources.addAt(json("{\"spec\":{\"audit\":{}}}"), value, "spec", "servingCerts", "namedCertificates").toString())
                .isEqualTo("{\"op\":\"add\",\"path\":\"/spec/servingCerts\",\"value\":{\"namedCertificates\":[{\"names\":[\"a\"]}]}}");
        assertThat(OpenShiftResources.addAt(json("{\"metadata\":{}}"), value, "spec", "servingCerts", "namedCertificates").toString())
                .isEqualTo("{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"servingCerts\":{\"namedCertificates\":[{\"names\":[\"a\"]}]}}}");
    }
}
