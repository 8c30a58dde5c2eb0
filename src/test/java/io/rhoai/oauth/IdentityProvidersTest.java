package io.rhoai.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityProvidersTest {
    private static ObjectNode oauth(String providersJson) {
        return OpenShiftMock.json("{\"spec\":{\"identityProviders\":" + providersJson + "}}");
    }

    @Test
    void appendsANewNameAndLeavesTheRestUntouched() {
        ObjectNode o = oauth("[{\"name\":\"a\",\"type\":\"HTPasswd\",\"x-unknown\":{\"kept\":true}}]");
        String first = o.path("spec").path("identityProviders").get(0).toString();

        assertThat(IdentityProviders.merge(o, IdentityProviders.google("g", "claim", "id", "s", "redhat.com"))).isEqualTo(IdentityProviders.Action.ADDED);

        assertThat(o.path("spec").path("identityProviders").get(0).toString()).isEqualTo(first);
        assertThat(o.path("spec").path("identityProviders").get(1).path("name").asText()).isEqualTo("g");
    }

    @Test
    void replacesTheSameNameInPlaceOrReportsUnchanged() {
        ObjectNode o = oauth("[{\"name\":\"g\",\"type\":\"Google\"},{\"name\":\"b\"}]");
        ObjectNode google = IdentityProviders.google("g", "claim", "id", "s", null);

        assertThat(IdentityProviders.merge(o, google)).isEqualTo(IdentityProviders.Action.UPDATED);
        assertThat(o.path("spec").path("identityProviders").get(0)).isEqualTo(google);
        assertThat(o.path("spec").path("identityProviders").get(1).path("name").asText()).isEqualTo("b");
        assertThat(IdentityProviders.merge(o, google.deepCopy())).isEqualTo(IdentityProviders.Action.UNCHANGED);
        assertThat(google.path("google").has("hostedDomain")).isFalse();
    }

    @Test
    void createsTheListWhenSpecHasNone() {
        ObjectNode o = OpenShiftMock.json("{\"spec\":{}}");
        assertThat(IdentityProviders.merge(o, IdentityProviders.google("g", "claim", "id", "s", null))).isEqualTo(IdentityProviders.Action.ADDED);
        assertThat(o.path("spec").path("identityProviders")).hasSize(1);
    }

    @Test
    void findsTheSecretOfEachProviderType() {
        assertThat(IdentityProviders.secretName(OpenShiftMock.json("{\"type\":\"HTPasswd\",\"htpasswd\":{\"fileData\":{\"name\":\"h\"}}}"))).isEqualTo("h");
        assertThat(IdentityProviders.secretName(OpenShiftMock.json("{\"type\":\"OpenID\",\"openID\":{\"clientSecret\":{\"name\":\"o\"}}}"))).isEqualTo("o");
        assertThat(IdentityProviders.secretName(OpenShiftMock.json("{\"type\":\"LDAP\",\"ldap\":{\"bindPassword\":{\"name\":\"l\"}}}"))).isEqualTo("l");
        assertThat(IdentityProviders.secretName(OpenShiftMock.json("{\"type\":\"RequestHeader\",\"requestHeader\":{}}"))).isNull();
    }
}
