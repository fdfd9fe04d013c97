package io.dialfleet.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.api.repository.PeerConfigRepository;
import io.dialfleet.api.support.AgentKeyIssuer;
import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.events.AgentCredential;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.RenderMode;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /internal/v1/servers/{server_ip}/peer-config}: what a refresh-agent renders from. */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class PeerConfigIT {

    private static final String PATH = "/internal/v1/servers/{ip}/peer-config";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Inject
    PeerConfigRepository peerConfig;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
    }

    @Test
    void refusesRequestsWithoutAnAgentKey() {
        AgentCredential key = AgentKeyIssuer.issue("10.10.10.15");
        given().get(PATH, "10.10.10.15").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"dialfleet internal\"");
        given().auth().oauth2("not-the-token").get(PATH, "10.10.10.15").then().statusCode(401);
        // The shared token of the development mode opens nothing in the default per-agent mode.
        given().auth().oauth2("test-internal-token").get(PATH, "10.10.10.15").then().statusCode(401);
        given().auth().oauth2(key.keyId() + "." + "A".repeat(43)).get(PATH, "10.10.10.15").then().statusCode(401);
        given().header("Authorization", key.token()).get(PATH, "10.10.10.15").then().statusCode(401);
        // The operator's token and credentials open the JSON API, not the phones' secrets.
        given().auth().oauth2(Fixture.OPERATOR_TOKEN).get(PATH, "10.10.10.15").then().statusCode(403);
        given().auth().preemptive().basic("6666", "1234").get(PATH, "10.10.10.15").then().statusCode(403);
    }

    @Test
    void anAgentKeyReadsItsOwnServerOnlyUntilRevoked() {
        AgentCredential fifteen = AgentKeyIssuer.issue("10.10.10.15");
        AgentCredential rotated = AgentKeyIssuer.issue("10.10.10.15");

        given().auth().oauth2(fifteen.token()).get(PATH, "10.10.10.15").then().statusCode(200);
        given().auth().oauth2(rotated.token()).get(PATH, "10.10.10.15").then().statusCode(200);
        String refusal = given().auth().oauth2(fifteen.token()).get(PATH, "10.10.10.16").then().statusCode(403)
                .extract().asString();
        assertThat(refusal).doesNotContain(fifteen.secret()).doesNotContain("sip");
        given().auth().oauth2(fifteen.token()).get(PATH, "10.10.10.99").then().statusCode(403);

        AgentKeyIssuer.revoke("10.10.10.15", fifteen.keyId());
        given().auth().oauth2(fifteen.token()).get(PATH, "10.10.10.15").then().statusCode(401);
        given().auth().oauth2(rotated.token()).get(PATH, "10.10.10.15").then().statusCode(200);
    }

    @Test
    void theOperatorSeesKeysWithoutSecretsAndCannotIssueForAnUnknownServer() {
        AgentCredential key = AgentKeyIssuer.issue("10.10.10.16");
        String listed = given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/servers/10.10.10.16/agent-keys")
                .then().statusCode(200).extract().asString();
        assertThat(listed).contains(key.keyId()).doesNotContain(key.secret());
        given().auth().oauth2(Fixture.OPERATOR_TOKEN).post("/api/v1/servers/10.10.10.99/agent-keys")
                .then().statusCode(404);
        given().auth().oauth2(Fixture.OPERATOR_TOKEN).delete("/api/v1/servers/10.10.10.15/agent-keys/" + key.keyId())
                .then().statusCode(404);
        given().auth().oauth2(key.token()).post("/api/v1/servers/10.10.10.16/agent-keys").then().statusCode(403);
    }

    @Test
    void answers404WhenTheKeysServerIsGone() throws Exception {
        Database.execute(List.of("INSERT INTO servers (server_id, server_ip, active) VALUES ('GONE', '10.10.10.98', 'Y')"));
        AgentCredential key = AgentKeyIssuer.issue("10.10.10.98");
        Database.execute(List.of("DELETE FROM servers WHERE server_ip = '10.10.10.98'"));

        given().auth().oauth2(key.token()).get(PATH, "10.10.10.98").then().statusCode(404);
    }

    @Test
    void aPhoneAddedThroughTheApiIsInTheNextSnapshotWithItsSecretsAndTheNewRevision() throws Exception {
        var reply = new ApiClient(base.getPort()).addPhone("pc7101");
        assertThat(reply.bodyText()).startsWith("SUCCESS: add_phone");

        PeerConfigSnapshot snapshot = snapshot("10.10.10.15");

        assertThat(snapshot.schemaVersion()).isEqualTo(1);
        assertThat(snapshot.revision()).isEqualTo(Long.parseLong(
                Database.render("SELECT config_revision FROM servers WHERE server_ip = '10.10.10.15'")));
        assertThat(snapshot.server()).isEqualTo(new PeerConfigSnapshot.Server("S1", "10.10.10.15", "1.4.21.2",
                "test", "Y"));
        assertThat(snapshot.phones()).extracting(PeerConfigSnapshot.Phone::extension)
                .containsExactly("8001", "8002", "pc7101");
        PeerConfigSnapshot.Phone phone = snapshot.phones().get(2);
        assertThat(phone.pass()).isEqualTo("PhonePass1");
        assertThat(phone.confSecret()).isEqualTo("RegPass1");
        assertThat(phone.protocol()).isEqualTo("SIP");
        assertThat(phone.dialplanNumber()).isEqualTo("pc7101");
        assertThat(phone.voicemailId()).isEqualTo("pc7101");
        assertThat(phone.fullname()).isEqualTo("Phone pc7101");
        assertThat(phone.outboundCid()).isEqualTo("3125551212");
        assertThat(phone.phoneRingTimeout()).isEqualTo(60);
        assertThat(snapshot.templates()).isEmpty();

        // Each change raises the revision the next snapshot reports.
        new ApiClient(base.getPort()).addPhone("pc7102");
        assertThat(snapshot("10.10.10.15").revision()).isEqualTo(snapshot.revision() + 1);
    }

    @Test
    void holdsOnlyTheServersActiveSipIax2AndPjsipPhonesOrderedByExtensionCaseInsensitively() throws Exception {
        Database.execute(List.of(
                "UPDATE system_settings SET default_codecs = 'ulaw,gsm'",
                phone("b100", "SIP", "Y", "tpl1"),
                phone("A200", "IAX2", "Y", ""),
                phone("a100", "PJSIP", "Y", "--NONE--"),
                phone("Z9", "SIP", "Y", ""),
                phone("c300", "SIP", "N", "WEBRTC"),
                phone("zap1", "Zap", "Y", "WEBRTC"),
                phone("ext1", "EXTERNAL", "Y", "WEBRTC")));

        PeerConfigSnapshot snapshot = snapshot("10.10.10.15");

        assertThat(snapshot.phones()).extracting(PeerConfigSnapshot.Phone::extension)
                .containsExactly("8001", "8002", "a100", "A200", "b100", "Z9");
        assertThat(snapshot.phones()).extracting(PeerConfigSnapshot.Phone::protocol)
                .containsExactly("SIP", "SIP", "PJSIP", "IAX2", "SIP", "SIP");
        assertThat(snapshot.phones().get(4).templateId()).isEqualTo("tpl1");
        // Only the template an included phone names, however it spells it; --NONE-- names none.
        assertThat(snapshot.templates()).containsExactly(new PeerConfigSnapshot.Template("TPL1", "type=friend"));
        assertThat(snapshot.defaultCodecs()).isEqualTo("ulaw,gsm");

        assertThat(snapshot("10.10.10.16").phones()).extracting(PeerConfigSnapshot.Phone::extension)
                .containsExactly("8001", "8003");
    }

    @Test
    void carriesWhoRendersTheServersPhones() throws Exception {
        Database.execute(List.of("UPDATE servers SET render_mode = 'VICIDIAL' WHERE server_ip = '10.10.10.16'"));

        assertThat(snapshot("10.10.10.16").server().renderMode()).isEqualTo(RenderMode.VICIDIAL);
        assertThat(snapshot("10.10.10.15").server().renderMode()).isEqualTo(RenderMode.DIALFLEET);
    }

    @Test
    void theAnswerIsTheSnapshotRecordsJsonAndIsNotCached() throws Exception {
        var response = given().auth().oauth2(AgentKeyIssuer.issue("10.10.10.15").token()).get(PATH, "10.10.10.15").then().statusCode(200)
                .contentType("application/json").header("Cache-Control", "no-store").extract().asString();
        JsonNode json = new ObjectMapper().readTree(response);
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("schemaVersion", "revision", "server", "defaultCodecs", "templates", "phones");
        assertThat(json.get("phones").get(0).get("pass").asText()).isEqualTo("test");
    }

    @Test
    void theSnapshotIsReadInOneRepeatableReadReadOnlyTransaction() {
        String settings = pool.withTransaction(connection -> peerConfig.readConsistently(connection)
                        .chain(() -> connection.query("SELECT current_setting('transaction_isolation') || ' '"
                                + " || current_setting('transaction_read_only') AS settings").execute()))
                .map(rows -> rows.iterator().next().getString("settings"))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(settings).isEqualTo("repeatable read on");
    }

    private static PeerConfigSnapshot snapshot(String serverIp) {
        String json = given().auth().oauth2(AgentKeyIssuer.issue(serverIp).token()).get(PATH, serverIp).then().statusCode(200)
                .extract().asString();
        return EventJson.read(json, PeerConfigSnapshot.class);
    }

    private static String phone(String extension, String protocol, String active, String templateId) {
        return "INSERT INTO phones (extension, server_ip, login, pass, protocol, active, template_id, fullname) "
                + "VALUES ('" + extension + "', '10.10.10.15', 'login" + extension + "', 'secret" + extension + "', '"
                + protocol + "', '" + active + "', '" + templateId + "', 'Phone " + extension + "')";
    }
}
