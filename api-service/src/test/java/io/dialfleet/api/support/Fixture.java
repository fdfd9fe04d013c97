package io.dialfleet.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Loads the conformance fixture F2024 through the seed endpoint, as the conformance replayer does. */
public final class Fixture {

    public static final String OPERATOR_TOKEN = "test-operator-token";
    /** Always with seconds: {@code LocalDateTime.toString()} leaves out ":00", which the seed format refuses. */
    private static final java.time.format.DateTimeFormatter NOW =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Fixture() {
    }

    private static final java.util.Set<Class<?>> RESET_FOR = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@link #reset} before the first test of a class only: its tests build on one another's phones. */
    public static void resetOncePer(Class<?> testClass, int port) throws Exception {
        if (RESET_FOR.add(testClass)) {
            reset(port);
        }
    }

    public static void reset(int port) throws Exception {
        seed(port, "replace", fixtureJson());
        Database.execute(java.util.List.of("DELETE FROM vicidial_admin_log", "DELETE FROM vicidial_api_log"));
    }

    public static RawHttp.Response seed(int port, String mode, String json) throws IOException {
        var response = RawHttp.send(port, "POST", "/api/v1/admin/seed?mode=" + mode + "&silent=true",
                "application/json", json.getBytes(StandardCharsets.UTF_8),
                java.util.Map.of("Authorization", "Bearer " + OPERATOR_TOKEN));
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("seed " + mode + " answered " + response.status() + ": " + response.bodyText());
        }
        return response;
    }

    /** The fixture with its one time marker (user 6008's last login) set to now, on the UTC clock the tests share. */
    public static String fixtureJson() throws IOException {
        try (InputStream in = Fixture.class.getClassLoader().getResourceAsStream("conformance/fixture.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"NOW()\"", "\"" + NOW.format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC))
                            + "\"");
        }
    }
}
