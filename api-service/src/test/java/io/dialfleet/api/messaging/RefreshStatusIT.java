package io.dialfleet.api.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.StatusPublisher;
import io.dialfleet.infra.TopicTail;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.events.Topics;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh-status consumer through a real broker: reports published as an agent would, read back through the
 * JSON API. Where a report must change nothing, a marker report on the same server (same partition, so consumed
 * after it) tells when it was consumed: an old FAILED report for a request of its own, which moves no server state.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class RefreshStatusIT {

    private static final String SERVER = "10.10.10.15";
    private static final String AGENT = "telco-15-refresh-agent";
    private static final Duration CONSUMED = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    private ApiClient api;
    private StatusPublisher agent;
    private String bootstrap;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
        Database.execute(List.of("DELETE FROM server_refresh_state", "DELETE FROM refresh_request_targets"));
        api = new ApiClient(base.getPort());
        bootstrap = DialfleetInfraResource.infrastructure().addresses().kafkaBootstrap();
        agent = new StatusPublisher(bootstrap);
    }

    @AfterEach
    void closeProducer() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void appliedAtTheDesiredRevisionBringsTheServerInSyncAndClearsTheRebuildFlag() throws Exception {
        var reply = api.addPhone("st7101");
        UUID requestId = UUID.fromString(reply.headers().get("x-dialfleet-request-id"));
        long desired = desiredRevision();
        JsonPath before = server(SERVER);
        assertThat(before.getLong("desiredRevision")).isEqualTo(desired);
        assertThat(before.getObject("appliedRevision", Long.class)).isNull();
        assertThat(before.getBoolean("inSync")).isFalse();
        assertThat(before.getBoolean("rebuildConfFiles")).isTrue();
        assertThat(before.getBoolean("generatesConf")).isTrue();
        assertThat(before.getString("lastOutcome")).isNull();

        Instant finished = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        agent.publish(StatusPublisher.report(SERVER, desired, RefreshOutcome.APPLIED, List.of(requestId), finished,
                AGENT, null));

        JsonPath after = awaitServer(SERVER, state -> state.getBoolean("inSync"));
        assertThat(after.getLong("appliedRevision")).isEqualTo(desired);
        assertThat(after.getBoolean("rebuildConfFiles")).isFalse();
        assertThat(after.getString("lastOutcome")).isEqualTo("APPLIED");
        assertThat(after.getString("lastError")).isNull();
        assertThat(after.getString("agentId")).isEqualTo(AGENT);
        assertThat(Instant.parse(after.getString("lastRefreshAt"))).isEqualTo(finished);
        assertThat(Database.render("SELECT rebuild_conf_files FROM servers WHERE server_ip = '" + SERVER + "'"))
                .isEqualTo("N");

        List<Map<String, Object>> fleet = given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/servers")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(fleet).extracting(server -> server.get("serverIp"))
                .containsExactly("10.10.10.15", "10.10.10.16", "10.10.10.17");
        assertThat(fleet.get(0)).containsEntry("inSync", true).containsEntry("serverId", "S1");
        assertThat(fleet.get(1)).containsEntry("appliedRevision", null).containsEntry("inSync", false)
                .containsEntry("generatesConf", false).containsEntry("lastOutcome", null);
        assertThat(fleet.get(2)).containsEntry("generatesConf", false).containsEntry("rebuildConfFiles", true);
    }

    @Test
    void aDuplicateReportChangesNothing() throws Exception {
        long desired = desiredRevision();
        ServerRefreshCompleted applied = StatusPublisher.report(SERVER, desired, RefreshOutcome.APPLIED, List.of(),
                Instant.now(), AGENT, null);
        agent.publish(applied);
        awaitServer(SERVER, state -> state.getBoolean("inSync") && !state.getBoolean("rebuildConfFiles"));

        // server_refresh flags the server again without a new revision; only a new report may clear the flag.
        var refresh = api.call(Map.of("source", "test", "user", "6666", "pass", "1234", "function", "server_refresh",
                "stage", "REFRESH"));
        assertThat(refresh.bodyText()).startsWith("SUCCESS: server_refresh");
        assertThat(server(SERVER).getBoolean("rebuildConfFiles")).isTrue();

        agent.publish(applied);
        awaitMarker();

        JsonPath state = server(SERVER);
        assertThat(state.getBoolean("rebuildConfFiles")).isTrue();
        assertThat(state.getLong("appliedRevision")).isEqualTo(desired);
        assertThat(state.getString("lastOutcome")).isEqualTo("APPLIED");
    }

    @Test
    void anOutOfOrderReportNeverMovesTheAppliedRevisionBack() throws Exception {
        api.addPhone("st7201");
        api.addPhone("st7202");
        long desired = desiredRevision();
        Instant finished = Instant.now();
        agent.publish(StatusPublisher.report(SERVER, desired, RefreshOutcome.APPLIED, List.of(), finished, AGENT,
                null));
        awaitServer(SERVER, state -> state.getBoolean("inSync"));

        // An earlier run's report delivered late: older revision, finished before.
        agent.publish(StatusPublisher.report(SERVER, desired - 1, RefreshOutcome.APPLIED, List.of(),
                finished.minusSeconds(5), "earlier-agent", null));
        awaitMarker();
        JsonPath state = server(SERVER);
        assertThat(state.getLong("appliedRevision")).isEqualTo(desired);
        assertThat(state.getString("agentId")).isEqualTo(AGENT);
        assertThat(state.getBoolean("inSync")).isTrue();

        // A report of an older revision that finished later (a replaced agent, say) is the last outcome, but the
        // applied revision stays the highest ever applied.
        agent.publish(StatusPublisher.report(SERVER, desired - 1, RefreshOutcome.UNCHANGED, List.of(),
                finished.plusSeconds(5), "replacement-agent", null));
        state = awaitServer(SERVER, current -> "replacement-agent".equals(current.getString("agentId")));
        assertThat(state.getString("lastOutcome")).isEqualTo("UNCHANGED");
        assertThat(state.getLong("appliedRevision")).isEqualTo(desired);
    }

    @Test
    void aFailedRunKeepsTheAppliedRevision() throws Exception {
        long applied = desiredRevision();
        Instant finished = Instant.now();
        agent.publish(StatusPublisher.report(SERVER, applied, RefreshOutcome.APPLIED, List.of(), finished, AGENT,
                null));
        awaitServer(SERVER, state -> state.getBoolean("inSync"));

        api.addPhone("st7301");
        long desired = desiredRevision();
        agent.publish(StatusPublisher.report(SERVER, desired, RefreshOutcome.FAILED, List.of(),
                finished.plusSeconds(1), AGENT, "sip reload: peers missing after reload; previous files restored"));

        JsonPath state = awaitServer(SERVER, current -> "FAILED".equals(current.getString("lastOutcome")));
        assertThat(state.getLong("appliedRevision")).isEqualTo(applied);
        assertThat(state.getLong("desiredRevision")).isEqualTo(desired);
        assertThat(state.getBoolean("inSync")).isFalse();
        assertThat(state.getBoolean("rebuildConfFiles")).isTrue();
        assertThat(state.getString("lastError")).isEqualTo("sip reload: peers missing after reload; previous files restored");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndLaterReportsAreStillStored() throws Exception {
        long desired = desiredRevision();
        try (var deadLetters = new TopicTail(bootstrap, Topics.REFRESH_STATUS + Topics.DEAD_LETTER_SUFFIX)) {
            String poison = "poison-" + UUID.randomUUID();
            agent.send(SERVER, "{not json " + poison, UUID.randomUUID().toString());
            String incomplete = "{\"schemaVersion\":1,\"serverIp\":\"" + SERVER + "\",\"note\":\"" + poison + "\"}";
            agent.send(SERVER, incomplete, UUID.randomUUID().toString());
            agent.publish(StatusPublisher.report(SERVER, desired, RefreshOutcome.APPLIED, List.of(), Instant.now(),
                    AGENT, null));

            awaitServer(SERVER, state -> state.getBoolean("inSync"));
            var dead = deadLetters.await(record -> record.value().contains(poison), 2, CONSUMED);
            assertThat(dead).extracting(record -> record.value())
                    .containsExactly("{not json " + poison, incomplete);
            assertThat(dead).allSatisfy(record -> assertThat(record.key()).isEqualTo(SERVER));
        }
    }

    @Test
    void serverAddressesAreMatchedCaseInsensitivelyAsVicidialDoes() throws Exception {
        // server_ip is citext: a report may spell the address otherwise than the servers row does.
        Database.execute(List.of("INSERT INTO servers (server_id, server_ip, active, rebuild_conf_files) "
                + "VALUES ('SA', 'TelcoA', 'Y', 'Y')"));
        agent.publish(StatusPublisher.report("telcoa", 0, RefreshOutcome.APPLIED, List.of(), Instant.now(), AGENT,
                null));

        JsonPath state = awaitServer("TELCOA", current -> current.getBoolean("inSync"));
        assertThat(state.getString("serverIp")).isEqualTo("TelcoA");
        assertThat(state.getBoolean("rebuildConfFiles")).isFalse();
        List<Map<String, Object>> fleet = given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/servers")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(fleet).filteredOn(server -> "TelcoA".equals(server.get("serverIp")))
                .singleElement()
                .satisfies(server -> assertThat(server).containsEntry("appliedRevision", 0)
                        .containsEntry("agentId", AGENT));
    }

    @Test
    void warningsAndExclusionsAreShownPerServerAndPerRequest() throws Exception {
        var reply = api.addPhone("st7401");
        UUID requestId = UUID.fromString(reply.headers().get("x-dialfleet-request-id"));
        long desired = desiredRevision();
        assertThat(server(SERVER).getList("excluded")).isEmpty();
        assertThat(server(SERVER).getList("warnings")).isEmpty();
        assertThat(refresh(requestId).getList("servers[0].excluded")).isEmpty();

        Instant finished = Instant.now();
        List<ServerRefreshCompleted.ExcludedPhone> excluded = List.of(
                new ServerRefreshCompleted.ExcludedPhone("st7401", "SIP",
                        "the secret (conf_secret, or the template's or override's secret) is empty"),
                new ServerRefreshCompleted.ExcludedPhone("odd\0ext", "IAX2", "extension is not 1 to 255 characters"));
        List<String> warnings = List.of("phone st7402: dialplan number 7402 already belongs to phone st7400");
        agent.publish(withDetails(StatusPublisher.report(SERVER, desired, RefreshOutcome.APPLIED, List.of(requestId),
                finished, AGENT, null), warnings, excluded));

        JsonPath state = awaitServer(SERVER, current -> !current.getList("excluded").isEmpty());
        assertThat(state.getBoolean("inSync")).isTrue();
        assertThat(state.getList("warnings", String.class)).isEqualTo(warnings);
        assertThat(state.getList("excluded.extension", String.class)).containsExactly("st7401", "odd\uFFFDext");
        assertThat(state.getList("excluded.protocol", String.class)).containsExactly("SIP", "IAX2");
        assertThat(state.getString("excluded[0].reason")).contains("secret").contains("is empty");
        JsonPath request = refresh(requestId);
        assertThat(request.getString("servers[0].status")).isEqualTo("APPLIED");
        assertThat(request.getList("servers[0].warnings", String.class)).isEqualTo(warnings);
        assertThat(request.getList("servers[0].excluded.extension", String.class))
                .containsExactly("st7401", "odd\uFFFDext");

        // A later run without exclusions is the server's latest report; the request keeps the report it got.
        agent.publish(StatusPublisher.report(SERVER, desired, RefreshOutcome.UNCHANGED, List.of(),
                finished.plusSeconds(1), AGENT, null));
        state = awaitServer(SERVER, current -> current.getList("excluded").isEmpty());
        assertThat(state.getList("warnings")).isEmpty();
        assertThat(refresh(requestId).getList("servers[0].excluded")).hasSize(2);

        // An older report delivered late changes neither.
        agent.publish(withDetails(StatusPublisher.report(SERVER, desired, RefreshOutcome.APPLIED, List.of(),
                finished.minusSeconds(5), AGENT, null), warnings, excluded));
        awaitMarker();
        assertThat(server(SERVER).getList("excluded")).isEmpty();
    }

    @Test
    void aReportWithoutTheFieldsOfNewerAgentsShowsEmptyLists() throws Exception {
        var reply = api.addPhone("st7501");
        UUID requestId = UUID.fromString(reply.headers().get("x-dialfleet-request-id"));
        ServerRefreshCompleted report = StatusPublisher.report(SERVER, desiredRevision(), RefreshOutcome.APPLIED,
                List.of(requestId), Instant.now(), AGENT, null);
        agent.publish(withDetails(report, null, null));

        JsonPath state = awaitServer(SERVER, current -> current.getBoolean("inSync"));
        assertThat(state.getList("warnings")).isEmpty();
        assertThat(state.getList("excluded")).isEmpty();
        assertThat(refresh(requestId).getList("servers[0].excluded")).isEmpty();
    }

    private static ServerRefreshCompleted withDetails(ServerRefreshCompleted report, List<String> warnings,
            List<ServerRefreshCompleted.ExcludedPhone> excluded) {
        return new ServerRefreshCompleted(report.schemaVersion(), report.eventId(), report.serverIp(),
                report.agentId(), report.requestIds(), report.revision(), report.outcome(), report.peers(),
                report.files(), report.reloads(), report.rolledBack(), report.error(), warnings, excluded,
                report.startedAt(), report.finishedAt(), report.durationMs());
    }

    static JsonPath refresh(UUID requestId) {
        return given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/refreshes/" + requestId)
                .then().statusCode(200).extract().jsonPath();
    }

    /**
     * Reports a run that finished long ago, for a request of its own, and waits until it is recorded. The marker asks
     * for a revision no report of these tests reaches, so no successful report settles it first.
     */
    private void awaitMarker() throws Exception {
        UUID marker = UUID.randomUUID();
        Database.execute(List.of("INSERT INTO refresh_request_targets (request_id, server_ip, revision, requested_at) "
                + "VALUES ('" + marker + "', '" + SERVER + "', 1000000000, now())"));
        agent.publish(StatusPublisher.report(SERVER, 0, RefreshOutcome.FAILED, List.of(marker),
                Instant.parse("2001-01-01T00:00:00Z"), "marker", "marker"));
        await().atMost(CONSUMED).until(() -> given().auth().oauth2(Fixture.OPERATOR_TOKEN)
                .get("/api/v1/refreshes/" + marker).then().statusCode(200).extract().jsonPath()
                .getString("servers[0].status").equals("FAILED"));
    }

    static JsonPath server(String serverIp) {
        return given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/servers/" + serverIp)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitServer(String serverIp, java.util.function.Predicate<JsonPath> condition) {
        return await().atMost(CONSUMED).pollInterval(Duration.ofMillis(100))
                .until(() -> server(serverIp), condition::test);
    }

    static long desiredRevision() throws Exception {
        return Long.parseLong(Database.render("SELECT config_revision FROM servers WHERE server_ip = '" + SERVER + "'"));
    }
}
