package io.dialfleet.api.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.FrozenPostgres;
import io.dialfleet.api.support.RawHttp;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hung PostgreSQL (postmaster and backends stopped with SIGSTOP) answers 503 to every caller within
 * {@code dialfleet.database.request-timeout}: the requests holding a connection in the middle of their transaction,
 * those queued for one, and the JSON API's reads and writes. Nothing they began is written, and the service works
 * again once PostgreSQL runs again.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class DatabaseFreezeIT {

    /** Thread scheduling and the HTTP round trip on a busy test machine, on top of the configured bound. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final String UNAVAILABLE = "ERROR: add_phone DATABASE IS UNAVAILABLE, TRY AGAIN LATER: |6666|\n";
    private static final Map<String, String> OPERATOR = Map.of("Authorization", "Bearer " + Fixture.OPERATOR_TOKEN);
    private static final int IN_FLIGHT = 4;

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "dialfleet.database.request-timeout")
    Duration requestTimeout;

    private final ExecutorService callers = Executors.newFixedThreadPool(16);

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** A call and how long it took. */
    private record Answer(String what, int status, String body, Duration took) {
    }

    @Test
    void everyCallerGets503WithinTheBoundAndNothingHalfWrittenStays() throws Exception {
        ApiClient api = new ApiClient(base.getPort());
        assertThat(serversStatus()).as("the fleet view answers before the freeze (and its queries are compiled)")
                .isEqualTo(200);
        List<Future<Answer>> inFlight = new ArrayList<>();
        List<Future<Answer>> afterFreeze = new ArrayList<>();
        try (Connection blocker = Database.connect(); Statement lock = blocker.createStatement()) {
            // add_phone locks its server's row before it writes the revision and the outbox rows: with the row
            // locked here, these calls hold a connection in the middle of their transaction when PostgreSQL freezes.
            blocker.setAutoCommit(false);
            lock.execute("SELECT 1 FROM servers WHERE server_ip = '10.10.10.15' FOR UPDATE");
            for (int i = 1; i <= IN_FLIGHT; i++) {
                String extension = "frz0" + i;
                inFlight.add(callers.submit(timed("in-flight add_phone " + extension, () -> api.addPhone(extension))));
            }
            awaitLockWaiters(IN_FLIGHT);

            try (FrozenPostgres frozen = FrozenPostgres.freeze()) {
                assertThat(frozen.processes()).as("postmaster and backends stopped").isGreaterThan(IN_FLIGHT);
                for (int i = 1; i <= 6; i++) {
                    String extension = "frz1" + i;
                    afterFreeze.add(callers.submit(timed("new add_phone " + extension, () -> api.addPhone(extension))));
                }
                afterFreeze.add(callers.submit(timed("GET /api/v1/servers", () -> RawHttp.send(base.getPort(), "GET",
                        "/api/v1/servers", "", new byte[0], OPERATOR))));
                afterFreeze.add(callers.submit(timed("PUT render-mode", () -> RawHttp.send(base.getPort(), "PUT",
                        "/api/v1/servers/10.10.10.16/render-mode", "application/json",
                        "{\"renderMode\":\"VICIDIAL\"}".getBytes(StandardCharsets.UTF_8), OPERATOR))));

                Duration bound = requestTimeout.plus(SLACK);
                for (Future<Answer> call : concat(inFlight, afterFreeze)) {
                    Answer answer = call.get();
                    assertThat(answer.status()).as(answer.what() + ": " + answer.body()).isEqualTo(503);
                    assertThat(answer.took()).as(answer.what() + " answered within the bound").isLessThan(bound);
                    if (answer.what().contains("add_phone")) {
                        assertThat(answer.body()).as(answer.what()).isEqualTo(UNAVAILABLE);
                    }
                }
            }
            blocker.rollback();
        }

        assertThat(awaitNoAbandonedTransaction()).as("the connections of the calls answered 503 were closed: their "
                + "backends ended instead of waiting, idle in their transaction, for a client that has given up").isZero();
        assertThat(eventuallySucceeds(api)).as("the service works again once PostgreSQL runs").startsWith(
                "SUCCESS: add_phone PHONE HAS BEEN ADDED");
        assertThat(serversStatus()).as("the fleet view answers again").isEqualTo(200);
        assertThat(Database.render("SELECT extension FROM phones WHERE extension LIKE 'frz%' ORDER BY extension"))
                .as("only the call made after the thaw wrote a phone").isEqualTo("frz99");
        assertThat(Database.render("SELECT count(*) FROM vicidial_api_log row WHERE row::text ~ 'frz[01]'"))
                .as("no API log row of the calls answered 503").isEqualTo("0");
        assertThat(Database.render("SELECT count(*) FROM vicidial_admin_log row WHERE row::text ~ 'frz[01]'")).as("no admin log row").isEqualTo("0");
        assertThat(Database.render("SELECT count(*) FROM outbox row WHERE row::text ~ 'frz[01]'")).as("no event").isEqualTo("0");
        assertThat(Database.render("SELECT render_mode FROM servers WHERE server_ip = '10.10.10.16'"))
                .as("the render-mode change answered 503 did not happen").isEqualTo("DIALFLEET");
        assertThat(afterRecovery(api)).as("the pool has its full size again: as many calls at once as it holds")
                .allMatch(body -> body.startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED"));
    }

    private int serversStatus() throws Exception {
        return RawHttp.send(base.getPort(), "GET", "/api/v1/servers", "", new byte[0], OPERATOR).status();
    }

    private Callable<Answer> timed(String what, Callable<RawHttp.Response> call) {
        return () -> {
            long started = System.nanoTime();
            RawHttp.Response response = call.call();
            return new Answer(what, response.status(), response.bodyText(),
                    Duration.ofNanos(System.nanoTime() - started));
        };
    }

    private static void awaitLockWaiters(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Integer.parseInt(Database.render("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event_type = 'Lock' AND datname = current_database()")) >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(expected + " add_phone calls never waited on the server's row lock");
    }

    /** Sessions idle inside a transaction, once the blocker's lock is gone and PostgreSQL had time to resume them. */
    private static int awaitNoAbandonedTransaction() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int abandoned;
        do {
            Thread.sleep(200);
            abandoned = Integer.parseInt(Database.render("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND (state = 'idle in transaction' OR wait_event_type = 'Lock')"));
        } while (abandoned > 0 && System.nanoTime() < deadline);
        return abandoned;
    }

    /** The backends of the abandoned connections end as PostgreSQL resumes; the first call may still meet one. */
    private static String eventuallySucceeds(ApiClient api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = api.addPhone("frz99").bodyText();
            if (!body.equals(UNAVAILABLE)) {
                return body;
            }
            Thread.sleep(200);
        }
        return body;
    }

    private List<String> afterRecovery(ApiClient api) throws Exception {
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String extension = "rec" + i;
            calls.add(callers.submit(() -> api.addPhone(extension).bodyText()));
        }
        List<String> bodies = new ArrayList<>();
        for (Future<String> call : calls) {
            bodies.add(call.get());
        }
        return bodies;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
