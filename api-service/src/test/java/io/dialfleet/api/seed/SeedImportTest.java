package io.dialfleet.api.seed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialfleet.events.CloudEvents;
import io.dialfleet.events.Topics;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/admin/seed} against the real PostgreSQL, with the conformance fixture F2024. */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class SeedImportTest {

    private static final String PATH = "/api/v1/admin/seed";
    private static final String TOKEN = "test-operator-token";
    private static final String TABLE_COUNTS = """
            SELECT (SELECT count(*) FROM system_settings) || ' ' || (SELECT count(*) FROM vicidial_user_groups) || ' '
                || (SELECT count(*) FROM vicidial_users) || ' ' || (SELECT count(*) FROM servers) || ' '
                || (SELECT count(*) FROM vicidial_conf_templates) || ' ' || (SELECT count(*) FROM phones) || ' '
                || (SELECT count(*) FROM phones_alias)""";
    private static final String FIXTURE_COUNTS = "1 2 11 3 2 4 1";

    @Inject
    Pool pool;

    @BeforeEach
    void resetToFixture() throws IOException {
        seed("replace", true, fixture()).statusCode(200);
    }

    @Test
    void replaceLoadsTheFixture() throws IOException {
        seed("replace", true, fixture())
                .statusCode(200)
                .body("mode", equalTo("replace"))
                .body("silent", equalTo(true))
                .body("rows.phones", equalTo(4))
                .body("rows.vicidial_users", equalTo(11))
                .body("rows.system_settings", equalTo(1));

        assertThat(query(TABLE_COUNTS)).containsExactly(FIXTURE_COUNTS);
        assertThat(query("SELECT pass_cost || '|' || pass_key || '|' || default_local_gmt FROM system_settings"))
                .containsExactly("2||-5.00");
        assertThat(query("SELECT extension || '@' || server_ip || '|' || login || '|' || template_id"
                + " || '|' || phone_ring_timeout FROM phones ORDER BY server_ip, extension"))
                .containsExactly("8001@10.10.10.15|8001||60", "8002@10.10.10.15|8002||60",
                        "8001@10.10.10.16|8001b||60", "8003@10.10.10.16|8003||60");
        assertThat(query("SELECT last_login_date > LOCALTIMESTAMP(0) - INTERVAL '1 minute' FROM vicidial_users"
                + " WHERE \"user\" = '6008'")).containsExactly("true");
    }

    @Test
    void storesBcryptHashesAndNeverThePlainPassword() {
        List<String> hashes = query("SELECT pass_hash FROM vicidial_users ORDER BY \"user\"");
        assertThat(hashes).hasSize(11).allSatisfy(hash -> assertThat(hash).matches("\\$2a\\$\\d\\d\\$.{53}"));
        assertThat(hashes).doesNotHaveDuplicates();
        assertThat(query("SELECT count(*) FROM vicidial_users WHERE pass_hash LIKE '%1234%'")).containsExactly("0");
    }

    @Test
    void storesAGivenPassHashAsItIs() {
        String bcrypt = "$2a$04$abcdefghijklmnopqrstuuJ3Ahr0c0qQbHpbf9P9yRmh5.1nWpUfS";
        seed("merge", true, """
                {"vicidial_users": [{"user": "7001", "pass_hash": "%s", "user_group": "ADMIN"}]}""".formatted(bcrypt))
                .statusCode(200);

        assertThat(query("SELECT pass_hash FROM vicidial_users WHERE \"user\" = '7001'")).containsExactly(bcrypt);
    }

    @Test
    void announcesAChangedAlias() {
        long mark = Long.parseLong(query("SELECT coalesce(max(id), 0) FROM outbox").get(0));

        seed("merge", false, """
                {"phones_alias": [{"alias_id": "al100", "logins_list": "8001,8002,8003"}]}""")
                .statusCode(200);

        assertThat(query("SELECT record_key || '|' || ce_type FROM outbox WHERE id > " + mark + " ORDER BY id"))
                .containsExactly("alias/al100|io.dialfleet.alias.updated");
    }

    @Test
    void unknownColumnIsRefusedByNameAndChangesNothing() {
        seed("replace", true, """
                {"phones": [{"extension": "9001", "server_ip": "10.10.10.15", "ring_colour": "red"}],
                 "campaigns": []}""")
                .statusCode(400)
                .body("problems", hasItem("unknown column phones.ring_colour"))
                .body("problems", hasItem("unknown table campaigns"));
        seed("merge", true, """
                {"servers": [{"server_ip": "10.10.10.15", "server_id": "vici1", "config_revision": 99}]}""")
                .statusCode(400)
                .body("error", containsString("servers.config_revision"));

        assertThat(query(TABLE_COUNTS)).containsExactly(FIXTURE_COUNTS);
    }

    @Test
    void mergeUpdatesTheGivenColumnsOfOnePhoneAndKeepsTheRest() {
        List<String> before = query("SELECT phones::text FROM phones ORDER BY phone_id");

        seed("merge", true, """
                {"phones": [{"extension": "8002", "server_ip": "10.10.10.15", "fullname": "Renamed", "active": "n"}]}""")
                .statusCode(200)
                .body("mode", equalTo("merge"))
                .body("rows.phones", equalTo(1));

        assertThat(query("SELECT fullname || '|' || active || '|' || user_group || '|' || login FROM phones"
                + " WHERE extension = '8002'")).containsExactly("Renamed|N|ADMIN|8002");
        List<String> after = query("SELECT phones::text FROM phones ORDER BY phone_id");
        assertThat(after).hasSize(4);
        assertThat(after).containsAll(before.stream().filter(row -> !row.contains("8002")).toList());
    }

    @Test
    void aLoginAnotherPhoneHoldsIsRefusedNamingThePhone() {
        seed("merge", true, """
                {"phones": [{"extension": "8009", "server_ip": "10.10.10.15", "login": "8001B"}]}""")
                .statusCode(400)
                .body("error", equalTo(
                        "phones[0] (extension 8009, server_ip 10.10.10.15): login 8001B is already held by another phone"));

        assertThat(query(TABLE_COUNTS)).containsExactly(FIXTURE_COUNTS);
    }

    @Test
    void aFailingRowRollsBackTheRowsBeforeIt() {
        seed("merge", true, """
                {"servers": [{"server_ip": "10.10.10.99", "server_id": "vici9"},
                             {"server_ip": "10.10.10.98", "server_id": "S1"}]}""")
                .statusCode(400)
                .body("error", equalTo("servers[1] (server_ip 10.10.10.98): duplicates a unique key (servers_server_id_key)"));

        assertThat(query("SELECT count(*) FROM servers")).containsExactly("3");
    }

    @Test
    void refusesAMissingOrUnknownMode() throws IOException {
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(fixture())
                .post(PATH)
                .then().statusCode(400).body("error", equalTo("mode must be replace, merge or if-empty"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(fixture())
                .queryParam("mode", "upsert")
                .post(PATH)
                .then().statusCode(400);
    }

    @Test
    void asksForCredentials() {
        List<String> challenges = given().contentType(ContentType.JSON).body("{}").queryParam("mode", "merge")
                .post(PATH)
                .then().statusCode(401)
                .extract().headers().getValues("WWW-Authenticate");
        assertThat(challenges).containsExactlyInAnyOrder("Basic realm=\"dialfleet admin\", charset=\"UTF-8\"",
                "Bearer realm=\"dialfleet admin\"");
        given().auth().oauth2("not-the-token").contentType(ContentType.JSON).body("{}").queryParam("mode", "merge")
                .post(PATH)
                .then().statusCode(401);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{}").queryParam("mode", "merge")
                .post(PATH)
                .then().statusCode(200);
    }

    @Test
    void letsInLevel9AdminsWithBasicCredentials() {
        merge("6666", "1234").statusCode(200);
        merge("6666", "12345").statusCode(401);
        merge("6006", "1234").statusCode(401); // level 6
        merge("6005", "1234").statusCode(403); // no ast_admin_access: a good login, but not an operator
        merge("6007", "1234").statusCode(401); // inactive
        merge("nobody", "1234").statusCode(401);
    }

    @Test
    void announcesAnAddedPhoneUnlessSilent() throws IOException {
        long mark = Long.parseLong(query("SELECT coalesce(max(id), 0) FROM outbox").get(0));
        String revision = serverRevision("10.10.10.15");

        seed("merge", false, """
                {"phones": [{"extension": "8009", "server_ip": "10.10.10.15", "login": "8009", "pass": "PhonePass9",
                             "conf_secret": "RegSecret9", "fullname": "Seeded"}]}""")
                .statusCode(200);

        List<String> rows = query("SELECT topic || '|' || record_key || '|' || ce_type FROM outbox WHERE id > "
                + mark + " ORDER BY id");
        assertThat(rows).containsExactly(
                Topics.PHONE_CHANGES + "|10.10.10.15/8009|io.dialfleet.phone.added",
                Topics.REFRESH_REQUESTS + "|10.10.10.15|" + CloudEvents.TYPE_REFRESH_REQUESTED);
        String payload = query("SELECT payload FROM outbox WHERE id > " + mark + " ORDER BY id LIMIT 1").get(0);
        assertThat(payload).doesNotContain("PhonePass9", "RegSecret9");
        JsonNode actor = new ObjectMapper().readTree(payload).get("actor");
        assertThat(actor.get("user").asText()).isEqualTo("operator");
        assertThat(actor.get("source").asText()).isEqualTo("seed");
        assertThat(actor.get("apiFunction").asText()).isEqualTo("seed_import");
        assertThat(Long.parseLong(serverRevision("10.10.10.15"))).isEqualTo(Long.parseLong(revision) + 1);

        long silentMark = Long.parseLong(query("SELECT coalesce(max(id), 0) FROM outbox").get(0));
        seed("merge", true, """
                {"phones": [{"extension": "8010", "server_ip": "10.10.10.15", "login": "8010"}]}""")
                .statusCode(200);
        assertThat(query("SELECT count(*) FROM outbox WHERE id > " + silentMark)).containsExactly("0");
        assertThat(Long.parseLong(serverRevision("10.10.10.15"))).isEqualTo(Long.parseLong(revision) + 1);
    }

    @Test
    void aTemplateChangeRequestsARefreshOfEveryServerWithAPhoneUsingIt() {
        seed("merge", true, """
                {"phones": [{"extension": "8001", "server_ip": "10.10.10.15", "template_id": "tpl1"},
                            {"extension": "8003", "server_ip": "10.10.10.16", "template_id": "TPL1"}]}""")
                .statusCode(200);
        long mark = Long.parseLong(query("SELECT coalesce(max(id), 0) FROM outbox").get(0));
        long revision15 = Long.parseLong(serverRevision("10.10.10.15"));
        long revision16 = Long.parseLong(serverRevision("10.10.10.16"));
        long revision17 = Long.parseLong(serverRevision("10.10.10.17"));

        seed("merge", false, """
                {"vicidial_conf_templates": [{"template_id": "TPL1", "template_contents": "type=friend\\nhost=dynamic"},
                                             {"template_id": "WEBRTC", "template_name": "renamed only"}]}""")
                .statusCode(200);

        // Both servers with a phone on TPL1 get a new revision; only 10.10.10.15 generates conf, so only it gets a
        // refresh request. WEBRTC's content did not change and no phone uses it: nothing for 10.10.10.17.
        assertThat(query("SELECT topic || '|' || record_key || '|' || ce_type FROM outbox WHERE id > " + mark
                + " ORDER BY id")).containsExactly(
                        Topics.REFRESH_REQUESTS + "|10.10.10.15|" + CloudEvents.TYPE_REFRESH_REQUESTED);
        assertThat(Long.parseLong(serverRevision("10.10.10.15"))).isEqualTo(revision15 + 1);
        assertThat(Long.parseLong(serverRevision("10.10.10.16"))).isEqualTo(revision16 + 1);
        assertThat(Long.parseLong(serverRevision("10.10.10.17"))).isEqualTo(revision17);
        String request = query("SELECT payload FROM outbox WHERE id > " + mark).get(0);
        assertThat(request).contains("\"revision\":" + (revision15 + 1) + ",", "\"reason\":\"PHONE_CHANGED\"",
                "\"force\":false");
        assertThat(query("SELECT count(*) FROM refresh_request_targets WHERE server_ip = '10.10.10.15' AND revision = "
                + (revision15 + 1))).containsExactly("1");
        assertThat(query("SELECT rebuild_conf_files FROM servers WHERE server_ip = '10.10.10.15'"))
                .containsExactly("Y");

        long silentMark = Long.parseLong(query("SELECT coalesce(max(id), 0) FROM outbox").get(0));
        seed("merge", true, """
                {"vicidial_conf_templates": [{"template_id": "TPL1", "template_contents": "type=peer"}]}""")
                .statusCode(200);
        assertThat(query("SELECT count(*) FROM outbox WHERE id > " + silentMark)).containsExactly("0");
        assertThat(Long.parseLong(serverRevision("10.10.10.15"))).isEqualTo(revision15 + 1);
    }

    @Test
    void aServerWhosePhoneChangedIsNotAnnouncedTwiceForItsTemplate() {
        seed("merge", true, """
                {"phones": [{"extension": "8001", "server_ip": "10.10.10.15", "template_id": "TPL1"}]}""")
                .statusCode(200);
        long mark = Long.parseLong(query("SELECT coalesce(max(id), 0) FROM outbox").get(0));
        long revision = Long.parseLong(serverRevision("10.10.10.15"));

        seed("merge", false, """
                {"vicidial_conf_templates": [{"template_id": "TPL1", "template_contents": "type=friend\\nhost=dynamic"}],
                 "phones": [{"extension": "8002", "server_ip": "10.10.10.15", "fullname": "Changed too"}]}""")
                .statusCode(200);

        assertThat(query("SELECT record_key || '|' || ce_type FROM outbox WHERE id > " + mark + " ORDER BY id"))
                .containsExactly("10.10.10.15/8002|io.dialfleet.phone.updated",
                        "10.10.10.15|" + CloudEvents.TYPE_REFRESH_REQUESTED);
        assertThat(Long.parseLong(serverRevision("10.10.10.15"))).isEqualTo(revision + 1);
    }

    @Test
    void replaceAnnouncesRemovedPhonesAndKeepsServerRevisions() throws IOException {
        execute("UPDATE servers SET config_revision = 41 WHERE server_ip = '10.10.10.16'");
        seed("replace", true, fixture()).statusCode(200);
        assertThat(serverRevision("10.10.10.16")).isEqualTo("41");

        long mark = Long.parseLong(query("SELECT coalesce(max(id), 0) FROM outbox").get(0));
        ObjectNode document = (ObjectNode) new ObjectMapper().readTree(fixture());
        ArrayNode phones = (ArrayNode) document.get("phones");
        for (int i = 0; i < phones.size(); i++) {
            if (phones.get(i).get("extension").asText().equals("8003")) {
                phones.remove(i);
            }
        }
        seed("replace", false, document.toString()).statusCode(200).body("rows.phones", equalTo(3));

        // 10.10.10.16 does not generate conf: an audit event, no refresh request.
        assertThat(query("SELECT record_key || '|' || ce_type FROM outbox WHERE id > " + mark + " ORDER BY id"))
                .containsExactly("10.10.10.16/8003|io.dialfleet.phone.deleted");
        assertThat(serverRevision("10.10.10.16")).isEqualTo("42");
    }

    private ValidatableResponse merge(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return given().header("Authorization", "Basic " + credentials).contentType(ContentType.JSON).body("{}")
                .queryParam("mode", "merge")
                .post(PATH)
                .then();
    }

    private static ValidatableResponse seed(String mode, boolean silent, String json) {
        return given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(json)
                .queryParam("mode", mode).queryParam("silent", silent)
                .post(PATH)
                .then();
    }

    /** F2024 with its time marker replaced, as the conformance replayer does. */
    private String fixture() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("conformance/fixture.json")) {
            String now = query("SELECT to_char(LOCALTIMESTAMP(0), 'YYYY-MM-DD HH24:MI:SS')").get(0);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"NOW()\"", "\"" + now + "\"");
        }
    }

    private String serverRevision(String serverIp) {
        return query("SELECT config_revision FROM servers WHERE server_ip = '" + serverIp + "'").get(0);
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().indefinitely();
    }

    /** The first column of each row, as text. */
    private List<String> query(String sql) {
        List<String> values = new ArrayList<>();
        for (Row row : pool.query(sql).execute().await().indefinitely()) {
            Object value = row.getValue(0);
            values.add(value == null ? null : value.toString());
        }
        return values;
    }
}
