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
import java.util.Map;
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
}
