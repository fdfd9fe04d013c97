package io.dialfleet.api.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialfleet.api.support.AgentKeyIssuer;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.VicidialAdmin;
import io.dialfleet.infra.DialfleetInfraResource;
import io.dialfleet.infra.MariaDbAvailable;
import io.dialfleet.infra.VicidialMariaDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * VICIdial admins' edits, made as admin.php makes them (the row, then its vicidial_admin_log row), reach dialfleet
 * through the admin-log tail within 5 s as dialfleet changes: revision, audit event with the VICIdial admin as
 * actor, refresh request, the agent's peer-config. The reconcile runs only at start here, so the tail is what finds
 * them; an edit without an admin-log row is left for the reconcile (VicidialReconcileIT).
 */
@QuarkusTest
@TestProfile(BridgeTestProfiles.TailOnly.class)
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
@WithTestResource(VicidialMariaDbResource.class)
@ExtendWith(MariaDbAvailable.class)
class VicidialAdminEditsIT {

    private static final String SERVER = "10.10.10.15";
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.resetOncePer(VicidialAdminEditsIT.class, base.getPort());
        Database.execute(List.of("UPDATE servers SET active_asterisk_server = 'Y', generate_vicidial_conf = 'Y'"));
        // The tail starts at the admin log's end: wait until it has started, or a row written now would be skipped.
        await().atMost(Duration.ofSeconds(30)).until(() -> !Database.render(
                "SELECT value FROM vicidial_bridge_state WHERE name = 'admin_log_id'").isEmpty());
    }

    @Test
    void aPhoneAddedInAdminPhpBecomesADialfleetPhoneWithRevisionEventAndRefresh() throws Exception {
        String extension = extension();
        long revision = BridgeDatabase.revision(SERVER);
        long outbox = BridgeDatabase.lastOutboxId();

        VicidialAdmin.adminAddsPhone("admin7", extension, SERVER, extension, "Added In Vicidial");

        await().atMost(WITHIN).until(() -> !BridgeDatabase.phone(extension, SERVER, "fullname").isEmpty());
        assertThat(BridgeDatabase.phone(extension, SERVER, "fullname")).isEqualTo("Added In Vicidial");
        assertThat(BridgeDatabase.phone(extension, SERVER, "login")).isEqualTo(extension);
        assertThat(BridgeDatabase.revision(SERVER)).isEqualTo(revision + 1);
        List<JsonNode> events = BridgeDatabase.changes(SERVER + "/" + extension);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("action").asText()).isEqualTo("ADDED");
        assertThat(events.get(0).get("actor").get("user").asText()).isEqualTo("admin7");
        assertThat(events.get(0).get("actor").get("source").asText()).isEqualTo("vicidial");
        assertThat(events.get(0).get("actor").get("clientIp").asText()).isEqualTo("10.9.9.9");
        assertThat(events.get(0).get("actor").get("apiFunction").asText()).isEqualTo("vicidial_admin");
        assertThat(events.get(0).get("after").get("conf_secret").asText()).as("secrets stay masked").isEqualTo("***");
        assertThat(BridgeDatabase.refreshRequests(SERVER, outbox)).hasSize(1);
        assertThat(peerConfig()).contains("\"extension\":\"" + extension + "\"");
    }

    @Test
    void anEditInAdminPhpRaisesTheRevisionRefreshesTheAgentAndNeverEchoes() throws Exception {
        String extension = vicidialPhone();
        long revision = BridgeDatabase.revision(SERVER);
        long outbox = BridgeDatabase.lastOutboxId();

        VicidialAdmin.adminModifiesPhone("admin8", extension, SERVER,
                "fullname = 'Renamed Agent', conf_secret = 'NewSecret99', phone_ring_timeout = 45", extension);

        await().atMost(WITHIN).until(() -> "Renamed Agent".equals(BridgeDatabase.phone(extension, SERVER, "fullname")));
        assertThat(BridgeDatabase.phone(extension, SERVER, "conf_secret")).isEqualTo("NewSecret99");
        assertThat(BridgeDatabase.phone(extension, SERVER, "phone_ring_timeout")).isEqualTo("45");
        assertThat(BridgeDatabase.revision(SERVER)).isEqualTo(revision + 1);
        assertThat(BridgeDatabase.refreshRequests(SERVER, outbox)).hasSize(1);
        String snapshot = peerConfig();
        assertThat(snapshot).contains("Renamed Agent").contains("NewSecret99");

        // Ticks of the tail and the forward mirror's write-back later: still one change, the revision unmoved.
        Thread.sleep(3000);
        List<JsonNode> events = BridgeDatabase.changes(SERVER + "/" + extension);
        assertThat(events).extracting(event -> event.get("action").asText()).containsExactly("ADDED", "UPDATED");
        assertThat(events.get(1).get("changedFields")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("fullname", "conf_secret", "phone_ring_timeout");
        assertThat(events.get(1).get("actor").get("user").asText()).isEqualTo("admin8");
        assertThat(BridgeDatabase.revision(SERVER)).isEqualTo(revision + 1);
        assertThat(VicidialAdmin.phone(extension, SERVER).orElseThrow()).containsEntry("fullname", "Renamed Agent");
    }

    @Test
    void aPhoneDeletedInAdminPhpIsDeletedInDialfleet() throws Exception {
        String extension = vicidialPhone();
        long revision = BridgeDatabase.revision(SERVER);

        VicidialAdmin.adminDeletesPhone("admin9", extension, SERVER);

        await().atMost(WITHIN).until(() -> BridgeDatabase.phone(extension, SERVER, "login").isEmpty());
        assertThat(BridgeDatabase.revision(SERVER)).isEqualTo(revision + 1);
        assertThat(BridgeDatabase.changes(SERVER + "/" + extension)).extracting(event -> event.get("action").asText())
                .containsExactly("ADDED", "DELETED");
        assertThat(peerConfig()).doesNotContain("\"extension\":\"" + extension + "\"");
    }

    /** admin.php lets the admin change a phone's extension: the old phone is deleted, the new one added. */
    @Test
    void anExtensionChangedInAdminPhpIsADeleteAndAnAdd() throws Exception {
        String before = vicidialPhone();
        String after = extension();

        VicidialAdmin.adminModifiesPhone("admin7", before, SERVER, "extension = '" + after + "'", after);

        await().atMost(WITHIN).until(() -> !BridgeDatabase.phone(after, SERVER, "login").isEmpty()
                && BridgeDatabase.phone(before, SERVER, "login").isEmpty());
        assertThat(BridgeDatabase.phone(after, SERVER, "login")).as("the login moved with the phone").isEqualTo(before);
        assertThat(BridgeDatabase.changes(SERVER + "/" + before)).extracting(event -> event.get("action").asText())
                .containsExactly("ADDED", "DELETED");
        assertThat(BridgeDatabase.changes(SERVER + "/" + after)).extracting(event -> event.get("action").asText())
                .containsExactly("ADDED");
    }

    @Test
    void aliasesAddedChangedAndDeletedInAdminPhpFollow() throws Exception {
        String login = vicidialPhone();
        String alias = "al" + login;
        VicidialAdmin.execute("INSERT INTO phones_alias (alias_id, alias_name, logins_list, user_group) VALUES (?, ?, ?, ?)",
                alias, "Front desk", login, "---ALL---");
        VicidialAdmin.adminLog("admin7", "PHONEALIASES", "ADD", alias, "ADMIN ADD PHONE ALIAS", "");
        await().atMost(WITHIN).until(() -> "Front desk".equals(Database.render(
                "SELECT alias_name FROM phones_alias WHERE alias_id = '" + alias + "'")));

        VicidialAdmin.execute("UPDATE phones_alias SET alias_name = 'Back desk' WHERE alias_id = ?", alias);
        VicidialAdmin.adminLog("admin7", "PHONEALIASES", "MODIFY", alias, "ADMIN MODIFY PHONE ALIAS", "");
        await().atMost(WITHIN).until(() -> "Back desk".equals(Database.render(
                "SELECT alias_name FROM phones_alias WHERE alias_id = '" + alias + "'")));

        VicidialAdmin.execute("DELETE FROM phones_alias WHERE alias_id = ?", alias);
        VicidialAdmin.adminLog("admin7", "PHONEALIASES", "DELETE", alias, "ADMIN DELETE PHONE ALIAS", "");
        await().atMost(WITHIN).until(() -> Database.render(
                "SELECT alias_name FROM phones_alias WHERE alias_id = '" + alias + "'").isEmpty());
        assertThat(BridgeDatabase.changes("alias/" + alias)).extracting(event -> event.get("action").asText())
                .containsExactly("ADDED", "UPDATED", "DELETED");
    }

    @Test
    void anEditWithoutAnAdminLogRowIsNotTheTailsToFind() throws Exception {
        String extension = vicidialPhone();
        VicidialAdmin.execute("UPDATE phones SET fullname = 'Edited By Hand' WHERE extension = ? AND server_ip = ?",
                extension, SERVER);
        Thread.sleep(3000);
        assertThat(BridgeDatabase.phone(extension, SERVER, "fullname")).isEqualTo("Agent " + extension);
    }

    /** A phone added in VICIdial and taken over: the starting point of the edit tests. */
    private String vicidialPhone() throws Exception {
        String extension = extension();
        VicidialAdmin.adminAddsPhone("admin7", extension, SERVER, extension, "Agent " + extension);
        await().atMost(WITHIN).until(() -> !BridgeDatabase.phone(extension, SERVER, "login").isEmpty());
        return extension;
    }

    private static String extension() {
        return "br" + (System.currentTimeMillis() % 100000) + NEXT.incrementAndGet();
    }

    private static String peerConfig() {
        return given().auth().oauth2(AgentKeyIssuer.issue(SERVER).token())
                .get("/internal/v1/servers/{ip}/peer-config", SERVER)
                .then().statusCode(200).extract().asString();
    }
}
