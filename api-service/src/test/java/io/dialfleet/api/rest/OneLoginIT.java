package io.dialfleet.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One authentication for every door (issue 9): the JSON API's Basic login and the seed import meet the Non-Agent
 * API's lockout, IP lists and failure counting, and are refused with the Non-Agent API's own reply line.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class OneLoginIT {

    private static final String SERVERS = "/api/v1/servers";
    private static final String SEED = "/api/v1/admin/seed";

    @TestHTTPResource("/")
    URL base;

    private ApiClient nonAgentApi;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
        nonAgentApi = new ApiClient(base.getPort());
    }

    @Test
    void aLockedOutUserIsRefusedTheSameOnEveryDoor() throws Exception {
        // 6008 has ten failures within the last fifteen minutes: locked, even with the right password.
        String line = nonAgentLogin("6008", "1234");
        assertThat(line).isEqualTo("ERROR: Too many login attempts, try again in 15 minutes: |6008|LOCK|\n");

        assertThat(jsonRefusal("6008", "1234")).isEqualTo(line.strip());
        assertThat(seedRefusal("6008", "1234")).isEqualTo(line.strip());
    }

    /** VICIdial's lock window runs from the last good login: one first, then ten wrong passwords. */
    @Test
    void wrongPasswordsOnTheJsonApiAreCountedAndLockTheUserEverywhere() throws Exception {
        given().auth().preemptive().basic("6001", "1234").get(SERVERS).then().statusCode(200);
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(jsonRefusal("6001", "wrong" + attempt))
                    .isEqualTo("ERROR: Login incorrect, please try again: |6001||BAD|");
            assertThat(Database.render("SELECT failed_login_count FROM vicidial_users WHERE \"user\" = '6001'"))
                    .isEqualTo(String.valueOf(attempt));
        }

        String locked = "ERROR: Too many login attempts, try again in 15 minutes: |6001|LOCK|";
        assertThat(jsonRefusal("6001", "1234")).isEqualTo(locked);
        assertThat(nonAgentLogin("6001", "1234")).isEqualTo(locked + "\n");
    }

    @Test
    void aGoodLoginOnTheJsonApiResetsTheCountAsTheNonAgentApiDoes() throws Exception {
        jsonRefusal("6001", "wrong");
        given().auth().preemptive().basic("6001", "1234").get(SERVERS).then().statusCode(200);

        assertThat(Database.render("SELECT failed_login_count || ' ' || last_ip FROM vicidial_users "
                + "WHERE \"user\" = '6001'")).isEqualTo("0 127.0.0.1");
    }

    @Test
    void anIpRefusedUserIsRefusedTheSameOnEveryDoor() throws Exception {
        Database.execute(List.of(
                "UPDATE system_settings SET allow_ip_lists = '1'",
                "INSERT INTO vicidial_ip_lists (ip_list_id, ip_list_name, active) VALUES ('APIONLY', 'API', 'Y')",
                "INSERT INTO vicidial_ip_list_entries (ip_list_id, ip_address) VALUES ('APIONLY', '10.1.1.1')",
                "UPDATE vicidial_user_groups SET api_ip_list = 'APIONLY' WHERE user_group = 'ADMIN'"));
        try {
            String line = nonAgentLogin("6666", "1234");
            assertThat(line).isEqualTo("ERROR: Your IP Address is not allowed: 127.0.0.1: ||IPBLOCK|\n");

            assertThat(jsonRefusal("6666", "1234")).isEqualTo(line.strip());
            assertThat(seedRefusal("6666", "1234")).isEqualTo(line.strip());
            // The operator token is not a VICIdial user: the lists do not apply to it.
            given().auth().oauth2(Fixture.OPERATOR_TOKEN).get(SERVERS).then().statusCode(200);
        } finally {
            Database.execute(List.of("UPDATE system_settings SET allow_ip_lists = '0'",
                    "DELETE FROM vicidial_ip_list_entries", "DELETE FROM vicidial_ip_lists"));
        }
    }

    @Test
    void theNonAgentApiIgnoresAnAuthorizationHeader() throws Exception {
        var reply = given().auth().preemptive().basic("nobody", "x")
                .queryParams(Map.of("source", "test", "user", "6666", "pass", "1234", "function", "version"))
                .get("/vicidial/non_agent_api.php").then().statusCode(200).extract().asString();
        assertThat(reply).startsWith("VERSION: ");
    }

    private String nonAgentLogin(String user, String pass) throws Exception {
        return nonAgentApi.call(Map.of("source", "test", "user", user, "pass", pass, "function", "update_phone"))
                .bodyText();
    }

    private static String jsonRefusal(String user, String pass) {
        var refusal = given().auth().preemptive().basic(user, pass).get(SERVERS).then().statusCode(401).extract();
        assertThat(refusal.headers().getValues("WWW-Authenticate")).anyMatch(challenge -> challenge.startsWith("Basic"));
        return refusal.path("error");
    }

    private static String seedRefusal(String user, String pass) {
        return given().auth().preemptive().basic(user, pass).contentType("application/json").body("{}")
                .queryParam("mode", "merge").post(SEED)
                .then().statusCode(401).extract().path("error");
    }
}
