package io.dialfleet.api.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What no admin-log row announces (VICIdial's bulk insert, hand-written SQL) is found by the reconcile, here every
 * two seconds; and what dialfleet cannot take is refused, counted and left alone. Also the bridge's health.
 */
@QuarkusTest
@TestProfile(BridgeTestProfiles.FastReconcile.class)
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
@WithTestResource(VicidialMariaDbResource.class)
@ExtendWith(MariaDbAvailable.class)
class VicidialReconcileIT {

    private static final String SERVER = "10.10.10.15";
    /** Two reconcile intervals and a tick. */
    private static final Duration WITHIN = Duration.ofSeconds(6);
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.resetOncePer(VicidialReconcileIT.class, base.getPort());
    }

    @Test
    void aPhoneAddedEditedAndDeletedBySqlIsFoundByTheReconcile() throws Exception {
        String extension = "rc" + (System.currentTimeMillis() % 100000) + NEXT.incrementAndGet();
        long revision = BridgeDatabase.revision(SERVER);
        VicidialAdmin.execute("""
                INSERT INTO phones (extension, dialplan_number, voicemail_id, server_ip, login, pass, status, active,
                    fullname, protocol, local_gmt, conf_secret, template_id)
                VALUES (?, ?, ?, ?, ?, 'pw', 'ACTIVE', 'Y', 'Bulk Inserted', 'SIP', '-5.00', 'BulkSecret1', '')""",
                extension, extension, extension, SERVER, extension);
        await().atMost(WITHIN).until(() -> "Bulk Inserted".equals(BridgeDatabase.phone(extension, SERVER, "fullname")));
        assertThat(BridgeDatabase.revision(SERVER)).isEqualTo(revision + 1);

        Instant edited = Instant.now();
        VicidialAdmin.execute("UPDATE phones SET fullname = 'Fixed By Hand' WHERE extension = ?", extension);
        await().atMost(WITHIN).until(() -> "Fixed By Hand".equals(BridgeDatabase.phone(extension, SERVER, "fullname")));
        assertThat(BridgeDatabase.revision(SERVER)).isEqualTo(revision + 2);

        VicidialAdmin.execute("DELETE FROM phones WHERE extension = ?", extension);
        await().atMost(WITHIN).until(() -> BridgeDatabase.phone(extension, SERVER, "login").isEmpty());

        List<JsonNode> events = BridgeDatabase.changes(SERVER + "/" + extension);
        assertThat(events).extracting(event -> event.get("action").asText())
                .containsExactly("ADDED", "UPDATED", "DELETED");
        assertThat(events).extracting(event -> event.get("actor").get("apiFunction").asText())
                .containsOnly("vicidial_reconcile");
        assertThat(events).extracting(event -> event.get("actor").get("source").asText()).containsOnly("vicidial");

        JsonPath bridge = bridge();
        assertThat(bridge.getBoolean("enabled")).isTrue();
        assertThat(bridge.getBoolean("connected")).isTrue();
        assertThat(Instant.parse(bridge.getString("lastReconcileAt"))).isAfter(edited);
        assertThat(bridge.getInt("driftSinceStart.vicidialChanges")).isGreaterThanOrEqualTo(3);
    }

    /**
     * A dialfleet change whose mirror write was lost (made here straight in PostgreSQL, so no event) is pushed; when
     * VICIdial changed the same phone too, dialfleet's row wins and the conflict is counted.
     */
    @Test
    void dialfleetRowsMysqlMissedArePushedAndWinConflicts() throws Exception {
        String extension = "cf" + (System.currentTimeMillis() % 100000) + NEXT.incrementAndGet();
        VicidialAdmin.adminAddsPhone("admin7", extension, SERVER, extension, "Both Sides");
        await().atMost(WITHIN).until(() -> "Both Sides".equals(BridgeDatabase.phone(extension, SERVER, "fullname")));
        JsonPath before = bridge();

        Database.execute(List.of("UPDATE phones SET email = 'dialfleet@example.com' WHERE extension = '" + extension + "'"));
        await().atMost(WITHIN).until(() -> "dialfleet@example.com".equals(
                VicidialAdmin.phone(extension, SERVER).orElseThrow().get("email")));
        assertThat(bridge().getInt("driftSinceStart.pushed")).isGreaterThan(before.getInt("driftSinceStart.pushed"));

        // Right after a reconcile, so that the next one sees both edits: two seconds away.
        String reconciled = bridge().getString("lastReconcileAt");
        await().atMost(WITHIN).until(() -> !reconciled.equals(bridge().getString("lastReconcileAt")));
        Database.execute(List.of("UPDATE phones SET fullname = 'Dialfleet Side' WHERE extension = '" + extension + "'"));
        VicidialAdmin.execute("UPDATE phones SET fullname = 'Vicidial Side' WHERE extension = ?", extension);
        await().atMost(WITHIN).until(() -> "Dialfleet Side".equals(
                VicidialAdmin.phone(extension, SERVER).orElseThrow().get("fullname")));
        assertThat(BridgeDatabase.phone(extension, SERVER, "fullname")).isEqualTo("Dialfleet Side");
        assertThat(bridge().getInt("driftSinceStart.conflicts"))
                .isGreaterThan(before.getInt("driftSinceStart.conflicts"));
        assertThat(BridgeDatabase.changes(SERVER + "/" + extension)).as("a push is not a dialfleet change")
                .extracting(event -> event.get("action").asText()).containsExactly("ADDED");
    }

    /** VICIdial allows two phones one login (D4); dialfleet does not, so that row stays VICIdial's alone. */
    @Test
    void aRowDialfleetCannotTakeIsRefusedCountedAndLeftAlone() throws Exception {
        String extension = "dup" + NEXT.incrementAndGet() + (System.currentTimeMillis() % 10000);
        int refusedBefore = bridge().getInt("driftSinceStart.refused");
        VicidialAdmin.execute("""
                INSERT INTO phones (extension, dialplan_number, voicemail_id, server_ip, login, pass, active, protocol,
                    template_id)
                VALUES (?, '9', '9', ?, '8001', 'pw', 'Y', 'SIP', '')""", extension, SERVER);

        await().atMost(WITHIN).until(() -> bridge().getInt("driftSinceStart.refused") > refusedBefore);
        assertThat(BridgeDatabase.phone(extension, SERVER, "login")).isEmpty();
        assertThat(BridgeDatabase.changes(SERVER + "/" + extension)).isEmpty();
        assertThat(VicidialAdmin.phone(extension, SERVER)).as("VICIdial's row is not deleted").isPresent();
        VicidialAdmin.execute("DELETE FROM phones WHERE extension = ?", extension);
    }

    @Test
    void theReadinessCheckShowsTheBridgeAndStaysUp() {
        var health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("checks.find { it.name == 'vicidial-bridge' }.status")).isEqualTo("UP");
        assertThat(health.getBoolean("checks.find { it.name == 'vicidial-bridge' }.data.connected")).isTrue();
    }

    private static JsonPath bridge() {
        return given().auth().oauth2(Fixture.OPERATOR_TOKEN).get("/api/v1/bridge").then().statusCode(200)
                .extract().jsonPath();
    }
}
