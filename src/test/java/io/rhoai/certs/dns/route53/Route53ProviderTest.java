package io.rhoai.certs.dns.route53;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rhoai.certs.dns.ChallengeRecord;
import io.rhoai.core.Progress;
import io.rhoai.core.ErrorKind;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.testing.HungPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The route53 provider against WireMock answering with Route 53's XML (zone lookup, change, GetChange, throttling). */
class Route53ProviderTest {
    private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private WireMockServer aws;
    private final List<String> progressLines = new ArrayList<>();

    @BeforeEach
    void start() {
        aws = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        // ListHostedZonesByName returns zones from dnsname on, in order; only example.com. exists, twice: private and public
        aws.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzonesbyname")).atPriority(10)
                .willReturn(xml(200, zones("")))); // no match for the longer candidates
        aws.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzonesbyname"))
                .withQueryParam("dnsname", com.github.tomakehurst.wiremock.client.WireMock.equalTo("example.com.")).atPriority(1)
                .willReturn(xml(200, zones(zone("ZPRIVATE0001", "example.com.", true) + zone("ZPUBLIC0002", "example.com.", false)))));
        aws.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?")).inScenario("change").whenScenarioStateIs(STARTED)
                .willReturn(xml(400, error("Throttling", "Rate exceeded"))).willSetStateTo("throttled-once"));
        aws.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?")).inScenario("change").whenScenarioStateIs("throttled-once")
                .willReturn(xml(200, changeInfo("ChangeResourceRecordSetsResponse", "C0001", "PENDING"))));
        aws.stubFor(get(urlPathEqualTo("/2013-04-01/change/C0001")).inScenario("sync").whenScenarioStateIs(STARTED)
                .willReturn(xml(200, changeInfo("GetChangeResponse", "C0001", "PENDING"))).willSetStateTo("insync"));
        aws.stubFor(get(urlPathEqualTo("/2013-04-01/change/C0001")).inScenario("sync").whenScenarioStateIs("insync")
                .willReturn(xml(200, changeInfo("GetChangeResponse", "C0001", "INSYNC"))));
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    private Route53Provider provider() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_ENDPOINT_URL_ROUTE53", aws.baseUrl(), "AWS_POLLING_INTERVAL", "20ms", "AWS_PROPAGATION_TIMEOUT", "10s");
        return new Route53Provider(Route53Provider.Config.fromEnv(env), recording());
    }

    @Test
    void upsertsWildcardAndApexValuesInOneBatchOnThePublicZoneAfterThrottlingAndWaitsForInsync() {
        var wildcard = new ChallengeRecord("_acme-challenge.apps.dev.example.com.", "wildcard-digest", "*.apps.dev.example.com");
        var apex = new ChallengeRecord("_acme-challenge.apps.dev.example.com.", "apex-digest", "apps.dev.example.com");
        var api = new ChallengeRecord("_acme-challenge.api.dev.example.com.", "api-digest", "api.dev.example.com");

        provider().presentAll(List.of(wildcard, apex, api), soon());

        List<LoggedRequest> changes = aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?")));
        assertThat(changes).hasSize(2); // throttled once, then accepted
        assertThat(changes).allSatisfy(c -> assertThat(c.getUrl()).contains("ZPUBLIC0002").doesNotContain("ZPRIVATE0001"));
        String batch = changes.get(1).getBodyAsString();
        assertThat(batch).contains("<Action>UPSERT</Action>");
        // one record set holding both values of the shared name, one for api
        assertThat(count(batch, "<ResourceRecordSet>")).isEqualTo(2);
        assertThat(batch).contains("<Value>&quot;wildcard-digest&quot;</Value>").contains("<Value>&quot;apex-digest&quot;</Value>").contains("<Value>&quot;api-digest&quot;</Value>");
        assertThat(aws.findAll(getRequestedFor(urlPathEqualTo("/2013-04-01/change/C0001")))).hasSize(2); // PENDING, then INSYNC
        assertThat(String.join("\n", progressLines)).contains("skipping private hosted zone /hostedzone/ZPRIVATE0001").doesNotContain(SECRET_KEY);
    }

    @Test
    void cleanUpDeletesExactlyThePublishedValuesAndKeepsTheSiblingUntilItsTurn() {
        Route53Provider p = provider();
        var wildcard = new ChallengeRecord("_acme-challenge.apps.dev.example.com.", "wildcard-digest", "*.apps.dev.example.com");
        var apex = new ChallengeRecord("_acme-challenge.apps.dev.example.com.", "apex-digest", "apps.dev.example.com");
        p.presentAll(List.of(wildcard, apex), soon());
        aws.resetRequests();

        p.cleanUp(wildcard, soon()); // the apex value must survive
        String first = aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?"))).get(0).getBodyAsString();
        assertThat(first).contains("<Action>UPSERT</Action>").contains("apex-digest").doesNotContain("wildcard-digest");

        aws.resetRequests();
        p.cleanUp(apex, soon());
        String second = aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?"))).get(0).getBodyAsString();
        assertThat(second).contains("<Action>DELETE</Action>").contains("apex-digest");

        aws.resetRequests();
        p.cleanUp(apex, soon()); // already gone: nothing to send
        assertThat(aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?")))).isEmpty();
    }

    @Test
    void noPublicZoneIsAClearPreconditionError() {
        var other = new ChallengeRecord("_acme-challenge.api.dev.example.org.", "v", "api.dev.example.org");
        assertThatThrownBy(() -> provider().present(other, soon())).isInstanceOf(RhoaiException.class)
                .hasMessageStartingWith("route53: no public hosted zone found for _acme-challenge.api.dev.example.org.");
    }

    @Test
    void accessDeniedIsNotRetriedAndNamesTheCall() {
        aws.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?")).atPriority(1)
                .willReturn(xml(403, error("AccessDenied", "User is not authorized to perform route53:ChangeResourceRecordSets"))));
        var api = new ChallengeRecord("_acme-challenge.api.dev.example.com.", "api-digest", "api.dev.example.com");
        assertThatThrownBy(() -> provider().present(api, soon())).isInstanceOf(RhoaiException.class)
                .hasMessageContaining("route53: ChangeResourceRecordSets (UPSERT) failed: AccessDenied")
                .hasMessageNotContaining(SECRET_KEY);
        assertThat(aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?")))).hasSize(1);
    }

    @Test
    void anEndpointThatAcceptsAndNeverAnswersEndsTheCallAtTheDeadline() throws Exception {
        try (ServerSocket hung = HungPeers.tcp()) {
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                    "AWS_ENDPOINT_URL_ROUTE53", "http://127.0.0.1:" + hung.getLocalPort());
            Route53Provider p = new Route53Provider(Route53Provider.Config.fromEnv(env), recording());
            var api = new ChallengeRecord("_acme-challenge.api.dev.example.com.", "api-digest", "api.dev.example.com");

            long start = System.nanoTime(); // the SDK's own limits (30 s read timeout, retries) are not what ends it
            RhoaiException e = catchThrowableOfType(() -> p.present(api, Deadline.in(Duration.ofSeconds(2))), RhoaiException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(e.getMessage()).startsWith("timed out after 2s waiting for Route 53 to answer ListHostedZonesByName")
                    .doesNotContain(SECRET_KEY);
            assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3000));
        }
    }

    /**
     * What answers in Route 53's place (a wrong AWS_ENDPOINT_URL_ROUTE53, a proxy): a remote failure naming the endpoint,
     * never "no hosted zone" (an HTML page parses as an answer without zones) nor an internal error.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RANDOM_DATA_THEN_CLOSE", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK", "html", "json", "change-without-ChangeInfo"})
    void anAnswerThatIsNotRoute53IsARemoteFailureNamingTheEndpoint(String answer) {
        aws.resetAll();
        var zonesStub = get(urlPathEqualTo("/2013-04-01/hostedzonesbyname"));
        switch (answer) {
            case "html" -> aws.stubFor(zonesStub.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                    .withBody("<!DOCTYPE html><html><body><h1>Sign in to the network</h1></body></html>")));
            case "json" -> aws.stubFor(zonesStub.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"HostedZones\": []}")));
            case "change-without-ChangeInfo" -> {
                aws.stubFor(zonesStub.willReturn(xml(200, zones(zone("ZPUBLIC0002", "example.com.", false)))));
                aws.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/.*/rrset/?")).willReturn(xml(200,
                        "<?xml version=\"1.0\"?>\n<ChangeResourceRecordSetsResponse xmlns=\"" + NS + "\"></ChangeResourceRecordSetsResponse>")));
            }
            default -> aws.stubFor(zonesStub.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.valueOf(answer))));
        }
        var api = new ChallengeRecord("_acme-challenge.api.dev.example.com.", "api-digest", "api.dev.example.com");

        RhoaiException e = catchThrowableOfType(() -> provider().present(api, soon()), RhoaiException.class);

        assertThat(e).as("a RhoaiException, not a crash").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.REMOTE);
        assertThat(e.getMessage()).startsWith("route53: ").contains(aws.baseUrl()).doesNotContain("no public hosted zone")
                .doesNotContain("Exception:").doesNotContain("\n").doesNotContain(SECRET_KEY);
        assertThat(e.hint()).contains("AWS_ENDPOINT_URL_ROUTE53");
    }

    @Test
    void halfSetCredentialsAreRejectedNamingTheProvider() {
        assertThatThrownBy(() -> Route53Provider.Config.fromEnv(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")))
                .isInstanceOf(RhoaiException.class).hasMessageStartingWith("route53: only one of AWS_ACCESS_KEY_ID");
    }

    private static Deadline soon() {
        return Deadline.in(Duration.ofSeconds(30));
    }

    // ---- Route 53 XML ------------------------------------------------------------------------------------------

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", "8c6bdc4e-0000-4000-8000-000000000000").withBody(body);
    }

    private static String zones(String zones) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListHostedZonesByNameResponse xmlns=\"" + NS + "\"><HostedZones>" + zones
                + "</HostedZones><DNSName>example.com.</DNSName><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesByNameResponse>";
    }

    private static String zone(String id, String name, boolean isPrivate) {
        return "<HostedZone><Id>/hostedzone/" + id + "</Id><Name>" + name + "</Name><CallerReference>ref-" + id + "</CallerReference>"
                + "<Config><Comment>" + (isPrivate ? "VPC internal" : "public") + "</Comment><PrivateZone>" + isPrivate + "</PrivateZone></Config>"
                + "<ResourceRecordSetCount>4</ResourceRecordSetCount></HostedZone>";
    }

    private static String changeInfo(String element, String id, String status) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + element + " xmlns=\"" + NS + "\"><ChangeInfo><Id>/change/" + id + "</Id><Status>"
                + status + "</Status><SubmittedAt>2026-11-25T01:00:00.000Z</SubmittedAt><Comment>rhoai certs: ACME DNS-01</Comment></ChangeInfo></" + element + ">";
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>8c6bdc4e-0000-4000-8000-000000000001</RequestId></ErrorResponse>";
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    private Progress recording() {
        return new Progress() {
            @Override public void step(String m) { progressLines.add(m); }
            @Override public void done(String m) { progressLines.add(m); }
            @Override public void info(String m) { progressLines.add(m); }
            @Override public void warn(String m) { progressLines.add(m); }
            @Override public void debug(String m) { progressLines.add(m); }
        };
    }
}
