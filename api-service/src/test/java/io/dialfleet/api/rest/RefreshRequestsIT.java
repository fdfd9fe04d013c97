package io.dialfleet.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.StatusPublisher;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/refreshes/{requestId}}: a non_agent_api call's refresh request, pending on each targeted server
 * until that server's agent reports on it. Also the JSON API's authentication and its OpenAPI description.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class RefreshRequestsIT {

    private static final String SERVERS = "/api/v1/servers";
    private static final String REFRESHES = "/api/v1/refreshes/{id}";

    @TestHTTPResource("/")
    URL base;

    private ApiClient api;
    private StatusPublisher agents;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
        Database.execute(List.of("DELETE FROM server_refresh_state"));
        api = new ApiClient(base.getPort());
        agents = new StatusPublisher(DialfleetInfraResource.infrastructure().addresses().kafkaBootstrap());
    }

    @AfterEach
    void closeProducer() {
        if (agents != null) {
            agents.close();
        }
    }

    @Test
    void serverRefreshIsPendingOnEachTargetUntilItsAgentReports() throws Exception {
        Database.execute(List.of("UPDATE servers SET active_asterisk_server = 'Y', generate_vicidial_conf = 'Y'"));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var reply = api.call(Map.of("source", "test", "user", "6666", "pass", "1234", "function", "server_refresh",
                "stage", "REFRESH"));
        assertThat(reply.bodyText()).startsWith("SUCCESS: server_refresh");
        UUID requestId = UUID.fromString(reply.headers().get("x-dialfleet-request-id"));

        JsonPath pending = refresh(requestId);
        assertThat(pending.getString("requestId")).isEqualTo(requestId.toString());
        assertThat(Instant.parse(pending.getString("requestedAt"))).isAfterOrEqualTo(before);
        assertThat(pending.getBoolean("complete")).isFalse();
        assertThat(pending.getList("servers.serverIp")).containsExactly("10.10.10.15", "10.10.10.16", "10.10.10.17");
        assertThat(pending.getList("servers.status")).containsOnly("pending");
        assertThat(pending.getList("servers.revision", Long.class)).containsExactly(revision("10.10.10.15"),
                revision("10.10.10.16"), revision("10.10.10.17"));

        Instant finished = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        agents.publish(StatusPublisher.report("10.10.10.15", revision("10.10.10.15"), RefreshOutcome.APPLIED,
                List.of(requestId), finished, "agent-15", null));
        agents.publish(StatusPublisher.report("10.10.10.16", revision("10.10.10.16"), RefreshOutcome.FAILED,
                List.of(requestId), finished, "agent-16", "sip reload failed: reload in progress for 30 s"));

        JsonPath reported = awaitRefresh(requestId,
                json -> json.getList("servers.status").equals(List.of("APPLIED", "FAILED", "pending")));
        assertThat(reported.getBoolean("complete")).isFalse();
        assertThat(reported.getString("servers[0].agentId")).isEqualTo("agent-15");
        assertThat(reported.getString("servers[0].error")).isNull();
        assertThat(Instant.parse(reported.getString("servers[0].finishedAt"))).isEqualTo(finished);
        assertThat(reported.getLong("servers[0].appliedRevision")).isEqualTo(revision("10.10.10.15"));
        assertThat(reported.getString("servers[1].error")).isEqualTo("sip reload failed: reload in progress for 30 s");
        assertThat(reported.getString("servers[2].agentId")).isNull();

        // The failed server's agent tries again and succeeds; the third reports its files unchanged.
        agents.publish(StatusPublisher.report("10.10.10.16", revision("10.10.10.16"), RefreshOutcome.APPLIED,
                List.of(requestId), finished.plusSeconds(2), "agent-16", null));
        agents.publish(StatusPublisher.report("10.10.10.17", revision("10.10.10.17"), RefreshOutcome.UNCHANGED,
                List.of(requestId), finished.plusSeconds(2), "agent-17", null));
        JsonPath complete = awaitRefresh(requestId, json -> json.getBoolean("complete"));
        assertThat(complete.getList("servers.status")).containsExactly("APPLIED", "APPLIED", "UNCHANGED");
        assertThat(complete.getString("servers[1].error")).isNull();

        // A late failure of a run that covered the request again (a redelivery) does not undo the success; an
        // older report does not replace a newer one.
        agents.publish(StatusPublisher.report("10.10.10.15", revision("10.10.10.15"), RefreshOutcome.FAILED,
                List.of(requestId), finished.plusSeconds(4), "agent-15", "sip reload failed"));
        agents.publish(StatusPublisher.report("10.10.10.17", revision("10.10.10.17"), RefreshOutcome.APPLIED,
                List.of(requestId), finished.minusSeconds(4), "agent-17-old", null));
        // Reports of one server are consumed in order: once the server's state shows a later one, these were too.
        agents.publish(StatusPublisher.report("10.10.10.17", revision("10.10.10.17"), RefreshOutcome.UNCHANGED,
                List.of(), finished.plusSeconds(6), "agent-17-marker", null));
        awaitServer("10.10.10.15", json -> "FAILED".equals(json.getString("lastOutcome")));
        awaitServer("10.10.10.17", json -> "agent-17-marker".equals(json.getString("agentId")));
        JsonPath after = refresh(requestId);
        assertThat(after.getList("servers.status")).containsExactly("APPLIED", "APPLIED", "UNCHANGED");
        assertThat(after.getString("servers[2].agentId")).isEqualTo("agent-17");
    }

    @Test
    void aPhoneChangeRequestsItsOwnServerOnly() throws Exception {
        var reply = api.addPhone("rr7101");
        UUID requestId = UUID.fromString(reply.headers().get("x-dialfleet-request-id"));

        JsonPath pending = refresh(requestId);
        assertThat(pending.getList("servers.serverIp")).containsExactly("10.10.10.15");
        assertThat(pending.getLong("servers[0].revision")).isEqualTo(revision("10.10.10.15"));

        agents.publish(StatusPublisher.report("10.10.10.15", revision("10.10.10.15"), RefreshOutcome.APPLIED,
                List.of(UUID.randomUUID(), requestId), Instant.now(), "agent-15", null));
        JsonPath done = awaitRefresh(requestId, json -> json.getBoolean("complete"));
        assertThat(done.getList("servers.status")).containsExactly("APPLIED");
    }

    @Test
    void unknownOrMalformedRequestIdsAnswer404() {
        given().auth().oauth2(Fixture.OPERATOR_TOKEN).get(REFRESHES, UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(Fixture.OPERATOR_TOKEN).get(REFRESHES, "not-a-uuid").then().statusCode(404);
        given().auth().oauth2(Fixture.OPERATOR_TOKEN).get(SERVERS + "/10.10.10.99").then().statusCode(404);
    }

    @Test
    void theJsonApiWantsTheOperatorTokenOrAnAdminUser() {
        given().get(SERVERS).then().statusCode(401);
        given().auth().oauth2("not-the-token").get(SERVERS).then().statusCode(401);
        given().auth().oauth2("test-internal-token").get(SERVERS).then().statusCode(401);
        given().get(REFRESHES, UUID.randomUUID()).then().statusCode(401);
        given().get(SERVERS + "/10.10.10.15").then().statusCode(401);
        // Level 9 with ast_admin_access; 6002 is level 7, 6005 lacks ast_admin_access.
        given().auth().preemptive().basic("6666", "1234").get(SERVERS).then().statusCode(200);
        given().auth().preemptive().basic("6666", "1234").get(SERVERS + "/10.10.10.15").then().statusCode(200);
        given().auth().preemptive().basic("6666", "wrong").get(SERVERS).then().statusCode(401);
        // Known to the Non-Agent API's login, but not operators: authenticated, and refused.
        given().auth().preemptive().basic("6002", "1234").get(SERVERS).then().statusCode(403);
        given().auth().preemptive().basic("6005", "1234").get(SERVERS).then().statusCode(403);
    }

    @Test
    void openApiDescribesTheJsonAndInternalEndpoints() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> paths = openApi.getMap("paths");
        assertThat(paths).containsKeys(SERVERS, SERVERS + "/{server_ip}", "/api/v1/refreshes/{requestId}",
                "/internal/v1/servers/{server_ip}/peer-config");
        Map<String, Object> schemas = openApi.getMap("components.schemas");
        assertThat(schemas).containsKeys("ServerStatus", "RefreshRequestStatus", "RefreshTargetStatus",
                "PeerConfigSnapshot", "Error");
        assertThat(openApi.getMap("components.schemas.ServerStatus.properties")).containsKeys("serverIp",
                "desiredRevision", "appliedRevision", "inSync", "rebuildConfFiles", "generatesConf", "lastOutcome",
                "lastError", "agentId", "lastRefreshAt");
        assertThat(openApi.getMap("components.securitySchemes")).containsKeys("operatorToken", "adminUser",
                "agentKey");
    }

    private static JsonPath refresh(UUID requestId) {
        return given().auth().oauth2(Fixture.OPERATOR_TOKEN).get(REFRESHES, requestId).then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath awaitRefresh(UUID requestId, Predicate<JsonPath> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> refresh(requestId), condition::test);
    }

    private static void awaitServer(String serverIp, Predicate<JsonPath> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(Fixture.OPERATOR_TOKEN).get(SERVERS + "/" + serverIp).then()
                        .statusCode(200).extract().jsonPath(), condition::test);
    }

    private static long revision(String serverIp) throws Exception {
        return Long.parseLong(Database.render("SELECT config_revision FROM servers WHERE server_ip = '" + serverIp
                + "'"));
    }
}
