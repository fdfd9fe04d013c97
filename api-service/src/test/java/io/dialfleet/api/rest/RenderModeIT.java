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
import io.restassured.response.Response;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One renderer per server: {@code renderMode} in the fleet view and {@code PUT /api/v1/servers/{ip}/render-mode}, with
 * the bridge off (the mode is the server's, whether or not a bridge runs). Also {@code GET /api/v1/bridge} off.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class RenderModeIT {

    private static final String SERVER = "/api/v1/servers/{ip}";
    private static final String RENDER_MODE = "/api/v1/servers/{ip}/render-mode";

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
        Database.execute(List.of("UPDATE servers SET active_asterisk_server = 'Y', generate_vicidial_conf = 'Y'"));
    }

    @Test
    void serversStartRenderedByDialfleetAndShowTheirMode() {
        List<String> modes = given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/servers")
                .then().statusCode(200).extract().jsonPath().getList("renderMode");
        assertThat(modes).isNotEmpty().containsOnly("DIALFLEET");
    }

    @Test
    void aNewModeRaisesTheRevisionAndAsksTheAgentToRefresh() throws Exception {
        long before = revision("10.10.10.15");

        Response changed = put("10.10.10.15", "{\"renderMode\":\"VICIDIAL\"}");
        changed.then().statusCode(200);
        assertThat(changed.jsonPath().getString("renderMode")).isEqualTo("VICIDIAL");
        assertThat(changed.jsonPath().getLong("desiredRevision")).isEqualTo(before + 1);
        assertThat(Database.render("SELECT render_mode FROM servers WHERE server_ip = '10.10.10.15'"))
                .isEqualTo("VICIDIAL");
        UUID requestId = UUID.fromString(changed.header(NonAgentApiRoute.REQUEST_ID_HEADER));
        var request = given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/refreshes/{id}", requestId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(request.getList("servers.serverIp")).containsExactly("10.10.10.15");
        assertThat(request.getList("servers.revision", Long.class)).containsExactly(before + 1);
        assertThat(Database.render("SELECT count(*) FROM outbox WHERE payload::text LIKE '%" + requestId + "%'"))
                .as("one refresh request in the outbox").isEqualTo("1");

        Response again = put("10.10.10.15", "{\"renderMode\":\"VICIDIAL\"}");
        again.then().statusCode(200);
        assertThat(again.header(NonAgentApiRoute.REQUEST_ID_HEADER)).as("the same mode asks for nothing").isNull();
        assertThat(revision("10.10.10.15")).isEqualTo(before + 1);
        assertThat(given().auth().oauth2(Fixture.OPERATOR_TOKEN).get(SERVER, "10.10.10.16").then().statusCode(200)
                .extract().jsonPath().getString("renderMode")).as("other servers keep theirs").isEqualTo("DIALFLEET");

        put("10.10.10.15", "{\"renderMode\":\"DIALFLEET\"}").then().statusCode(200);
        assertThat(revision("10.10.10.15")).isEqualTo(before + 2);
    }

    @Test
    void badBodiesUnknownServersAndStrangersAreRefusedClearly() throws Exception {
        long before = revision("10.10.10.15");
        for (String body : List.of("{\"renderMode\":\"BOTH\"}", "{}", "not json")) {
            Response refused = put("10.10.10.15", body);
            refused.then().statusCode(400);
            assertThat(refused.jsonPath().getString("error")).contains("DIALFLEET").contains("VICIDIAL");
        }
        put("10.10.10.99", "{\"renderMode\":\"VICIDIAL\"}").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"renderMode\":\"VICIDIAL\"}").put(RENDER_MODE, "10.10.10.15")
                .then().statusCode(401);
        assertThat(revision("10.10.10.15")).isEqualTo(before);
        assertThat(Database.render("SELECT render_mode FROM servers WHERE server_ip = '10.10.10.15'"))
                .isEqualTo("DIALFLEET");
    }

    @Test
    void theBridgeIsReportedOffWithoutAMysqlUrl() {
        var status = given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/bridge")
                .then().statusCode(200).extract().jsonPath();
        assertThat(status.getBoolean("enabled")).isFalse();
        assertThat(status.getBoolean("connected")).isFalse();
        given().get("/api/v1/bridge").then().statusCode(401);
    }

    private static Response put(String serverIp, String body) {
        return given().auth().oauth2(Fixture.OPERATOR_TOKEN).contentType(ContentType.JSON).body(body)
                .put(RENDER_MODE, serverIp);
    }

    private static long revision(String serverIp) throws Exception {
        return Long.parseLong(Database.render("SELECT config_revision FROM servers WHERE server_ip = '" + serverIp + "'"));
    }
}
