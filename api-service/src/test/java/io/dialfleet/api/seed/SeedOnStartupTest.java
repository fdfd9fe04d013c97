package io.dialfleet.api.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code dialfleet.seed.file}: the fixture imported while the service starts. */
@QuarkusTest
@TestProfile(SeedOnStartupTest.WithSeedFile.class)
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class SeedOnStartupTest {

    /** The fixture, its time marker set to a fixed date, in a file of its own. */
    public static class WithSeedFile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("conformance/fixture.json")) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("\"NOW()\"", "\"2024-10-04 15:18:00\"");
                Path file = Files.createTempFile("dialfleet-seed", ".json");
                file.toFile().deleteOnExit();
                Files.writeString(file, json);
                return Map.of("dialfleet.seed.file", file.toString(), "dialfleet.seed.mode", "replace",
                        "dialfleet.seed.silent", "true");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    Pool pool;

    @Inject
    SeedOnStartup startup;

    @Inject
    SeedConfig config;

    @Test
    void theFileWasImportedBeforeTheServiceAnswered() {
        var row = pool.query("""
                        SELECT (SELECT count(*) FROM phones) AS phones, (SELECT count(*) FROM vicidial_users) AS users,
                               (SELECT last_login_date::text FROM vicidial_users WHERE "user" = '6008') AS locked_at""")
                .execute().await().indefinitely().iterator().next();

        assertThat(row.getLong("phones")).isEqualTo(4);
        assertThat(row.getLong("users")).isEqualTo(11);
        assertThat(row.getString("locked_at")).isEqualTo("2024-10-04 15:18:00");
    }

    @Test
    void aFileThatCannotBeImportedNamesItselfAndTheProblem() throws IOException {
        Path file = Files.createTempFile("dialfleet-bad-seed", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, "{\"vicidial_users\": [{\"user\": \"x\", \"pass\": \"Secret99\", \"shoe_size\": 42}]}");

        assertThatThrownBy(() -> startup.importFile(file, SeedMode.MERGE, true))
                .hasMessage("dialfleet.seed.file " + file
                        + ": rejected, nothing imported: unknown column vicidial_users.shoe_size")
                .hasMessageNotContaining("Secret99");
        assertThatThrownBy(() -> startup.importFile(Path.of("/nonexistent/seed.json"), SeedMode.MERGE, true))
                .hasMessage("dialfleet.seed.file /nonexistent/seed.json: no such file");
    }

    @Test
    void ifEmptyImportsNothingIntoADatabaseThatHoldsAFleet() throws IOException {
        Path file = Files.createTempFile("dialfleet-other-seed", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, "{\"servers\": [{\"server_ip\": \"10.77.0.1\", \"server_id\": \"other\"}]}");

        SeedSummary summary = startup.importFile(file, SeedMode.IF_EMPTY, true);

        assertThat(summary.imported()).isFalse();
        assertThat(summary.rows()).isEmpty();
        assertThat(count("SELECT count(*) FROM servers WHERE server_ip = '10.77.0.1'")).isZero();
    }

    /**
     * Two replicas starting at once with the same file, on one PostgreSQL: each import runs on its own connection
     * and thread, as in two processes; the second to take the import's table lock finds the first one's fleet.
     * Without the check under the lock both would import (merge mode does).
     */
    @Test
    void twoStartsAtOnceIntoAnEmptyDatabaseImportOnce() throws Exception {
        List<String> tables = Arrays.stream(SeedTable.values())
                .filter(table -> !table.isSingleRow())
                .map(SeedTable::tableName)
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(tables);
        for (String table : tables) {
            pool.query("DELETE FROM " + table).execute().await().indefinitely();
        }
        assertThat(count("SELECT count(*) FROM servers") + count("SELECT count(*) FROM vicidial_users")).isZero();
        Path file = Path.of(config.seed().file().orElseThrow());

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Callable<SeedSummary> replica = () -> {
                start.await();
                return startup.importFile(file, SeedMode.IF_EMPTY, false);
            };
            Future<SeedSummary> first = replicas.submit(replica);
            Future<SeedSummary> second = replicas.submit(replica);
            start.countDown();

            assertThat(List.of(first.get(60, TimeUnit.SECONDS).imported(), second.get(60, TimeUnit.SECONDS).imported()))
                    .as("imported by each start").containsExactlyInAnyOrder(true, false);
        } finally {
            replicas.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM phones")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM vicidial_users")).isEqualTo(11);
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }
}
