package io.dialfleet.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet page's three resources: the operator check of the JSON API on each, the state it renders, and the
 * event stream that tells it the fleet changed. The page in a real browser is deploy/local's EndToEndIT.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class FleetPageIT {

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
        Database.execute(List.of("UPDATE servers SET active_asterisk_server = 'Y', generate_vicidial_conf = 'Y'"));
    }

    @Test
    void everyResourceAsksForTheOperatorsCredentials() {
        for (String path : List.of("/fleet", "/fleet/state", "/fleet/events")) {
            List<String> challenges = given().get(path).then().statusCode(401).extract().headers()
                    .getValues("WWW-Authenticate");
            assertThat(challenges).as("a browser asks for a user and password").anyMatch(
                    challenge -> challenge.startsWith("Basic "));
            given().auth().oauth2("not-the-token").get(path).then().statusCode(401);
        }
        String page = given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/fleet")
                .then().statusCode(200).contentType("text/html").header("Cache-Control", "no-store")
                .extract().asString();
        assertThat(page).contains("<title>dialfleet · fleet</title>", "new EventSource(");
    }

    @Test
    void theStateHasEveryServerAndTheRequestsMadeLastNewestFirst() {
        String first = renderMode("10.10.10.15", "VICIDIAL");
        String second = renderMode("10.10.10.16", "VICIDIAL");

        var state = given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/fleet/state")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertThat(state.getList("servers.serverIp")).contains("10.10.10.15", "10.10.10.16");
        assertThat(state.getList("servers.inSync", Boolean.class)).contains(false);
        assertThat(state.getList("refreshes.requestId")).startsWith(second, first);
        assertThat(state.getString("refreshes[0].servers[0].serverIp")).isEqualTo("10.10.10.16");
        assertThat(state.getString("refreshes[0].servers[0].status")).isEqualTo("pending");
    }

    @Test
    void theEventStreamSendsAFingerprintAtOnceAndAnotherWhenTheFleetChanges() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "fleet/events"))
                .header("Authorization", "Bearer " + Fixture.OPERATOR_TOKEN).GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            Iterator<String> data = lines.filter(line -> line.startsWith("data:")).iterator();
            String initial = next(data);

            renderMode("10.10.10.15", "VICIDIAL");

            assertThat(next(data)).as("after a change").isNotEqualTo(initial);
        }
    }

    /** The next event within 10 s (the stream polls every second). */
    private static String next(Iterator<String> data) throws Exception {
        return CompletableFuture.supplyAsync(data::next).get(10, TimeUnit.SECONDS);
    }

    /** A change with a refresh request: its id. */
    private static String renderMode(String serverIp, String mode) {
        return given().auth().oauth2(Fixture.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body("{\"renderMode\":\"" + mode + "\"}")
                .put("/api/v1/servers/{ip}/render-mode", serverIp)
                .then().statusCode(200).extract().header(NonAgentApiRoute.REQUEST_ID_HEADER);
    }
}
