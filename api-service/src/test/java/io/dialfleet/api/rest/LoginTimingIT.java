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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wrong password costs the same time whether the user exists or not, on the JSON API and on the Non-Agent API, so
 * user names cannot be enumerated by timing (issue 9: 65 ms against 0.5 ms before). With the production bcrypt cost:
 * at the tests' usual cost 4 bcrypt is too cheap to tell.
 */
@QuarkusTest
@TestProfile(LoginTimingIT.ProductionCost.class)
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class LoginTimingIT {

    private static final int SAMPLES = 11;
    private static final double FACTOR = 3.0;

    public static class ProductionCost implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dialfleet.auth.bcrypt-cost", "10");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void oneUser() throws Exception {
        Fixture.seed(base.getPort(), "replace", """
                {"system_settings": {"pass_key": "", "pass_cost": 2, "allow_ip_lists": "0"},
                 "vicidial_user_groups": [{"user_group": "ADMIN", "group_name": "Admins",
                   "admin_viewable_groups": " ---ALL--- "}],
                 "vicidial_users": [{"user": "7777", "pass": "right-one", "user_level": 9, "user_group": "ADMIN",
                   "active": "Y", "ast_admin_access": "1", "vdc_agent_api_access": "1"}]}
                """);
    }

    @Test
    void anUnknownUserCostsAboutAsMuchAsAWrongPasswordOnTheJsonApi() throws Exception {
        long known = medianNanos(() -> given().auth().preemptive().basic("7777", "wrong").get("/api/v1/servers")
                .then().statusCode(401));
        long unknown = medianNanos(() -> given().auth().preemptive().basic("nobody", "wrong").get("/api/v1/servers")
                .then().statusCode(401));

        System.out.printf("JSON API login: known user %.1f ms, unknown %.1f ms (medians of %d)%n", known / 1e6,
                unknown / 1e6, SAMPLES);
        assertThat((double) unknown).isBetween(known / FACTOR, known * FACTOR);
    }

    @Test
    void anUnknownUserCostsAboutAsMuchAsAWrongPasswordOnTheNonAgentApi() throws Exception {
        ApiClient api = new ApiClient(base.getPort());
        long known = medianNanos(() -> api.call(Map.of("source", "test", "user", "7777", "pass", "wrong",
                "function", "update_phone")));
        long unknown = medianNanos(() -> api.call(Map.of("source", "test", "user", "nobody", "pass", "wrong",
                "function", "update_phone")));

        System.out.printf("Non-Agent API login: known user %.1f ms, unknown %.1f ms (medians of %d)%n", known / 1e6,
                unknown / 1e6, SAMPLES);
        assertThat((double) unknown).isBetween(known / FACTOR, known * FACTOR);
    }

    interface Login {
        void run() throws Exception;
    }

    /** The failure count is reset before each attempt, so the known user never reaches the lockout. */
    private static long medianNanos(Login login) throws Exception {
        login.run();
        long[] samples = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            Database.execute(List.of("UPDATE vicidial_users SET failed_login_count = 0"));
            long start = System.nanoTime();
            login.run();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples[SAMPLES / 2];
    }
}
