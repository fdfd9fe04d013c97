package io.dialfleet.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.MirrorProgress;
import io.dialfleet.api.support.RawHttp;
import io.dialfleet.api.support.Vicidial;
import io.dialfleet.infra.DialfleetInfraResource;
import io.dialfleet.infra.MariaDbAvailable;
import io.dialfleet.infra.VicidialMariaDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance vectors of the phone and alias functions (every vector with a fact on the mirrored tables, but
 * server_refresh's), replayed with the bridge on: after each request has been mirrored, VICIdial's MySQL holds the
 * phone and alias rows (and the servers' rebuild flags) that VICIdial's own functions left in the recording — each
 * {@code expected_db} fact on {@code phones}, {@code phones_alias} and {@code servers}, translated to MariaDB
 * ({@link MariaDbDialect}), holds there.
 *
 * <p>Both sides start each vector from fixture F2024: dialfleet through the seed endpoint, MySQL by loading the
 * fixture's rows, as the recording's MySQL held them. The vector's set-up statements on {@code phones} run on both
 * (the recording ran them on MySQL). Every server is in {@code VICIDIAL} render mode, as in the recording, where
 * VICIdial rendered: only then does dialfleet raise MySQL's {@code rebuild_conf_files}.
 *
 * <p>Facts that do not carry over, by design: those on {@code vicidial_admin_log} and {@code vicidial_api_log}
 * (dialfleet keeps its own logs; the bridge mirrors phones and aliases only); server_refresh's flags on
 * {@code servers} (a refresh request, which the bridge does not mirror); the rebuild flags of a server in
 * {@code DIALFLEET} render mode (there VICIdial must not render, so the bridge never raises its flag); and, already
 * dropped from the vectors (D9), {@code install_directory}, which VICIdial's update_phone blanks and dialfleet keeps.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
@WithTestResource(VicidialMariaDbResource.class)
@ExtendWith(MariaDbAvailable.class)
class BridgeConformanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** server_refresh raises rebuild flags in dialfleet, a refresh request the bridge does not mirror. */
    private static final String NOT_MIRRORED = "server_refresh";
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @TestFactory
    Stream<DynamicTest> theMirroredRowsHoldVicidialsFacts() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors()) {
            if (!NOT_MIRRORED.equals(vector.get("group").asText()) && !mysqlFacts(vector).isEmpty()) {
                tests.add(DynamicTest.dynamicTest(vector.get("id").asText(), () -> replay(vector)));
            }
        }
        assertThat(tests).as("vectors with facts on phones, phones_alias or servers").hasSizeGreaterThan(70);
        return tests.stream();
    }

    private void replay(JsonNode vector) throws Exception {
        MirrorProgress.awaitCaughtUp(CATCH_UP);
        Fixture.reset(base.getPort());
        Database.execute(List.of("UPDATE servers SET render_mode = 'VICIDIAL'"));
        Vicidial.loadFixture();
        List<String> setup = new ArrayList<>();
        vector.get("setup_sql").forEach(sql -> setup.add(sql.asText()));
        Database.execute(setup);
        Vicidial.execute(setup.stream().filter(sql -> sql.startsWith("UPDATE phones ")).toList());

        String query = vector.get("query").asText();
        String target = "/vicidial/non_agent_api.php" + (query.isEmpty() ? "" : "?" + query);
        var response = RawHttp.send(base.getPort(), vector.get("method").asText(), target,
                vector.get("content_type").asText(), vector.get("body").asText().getBytes(StandardCharsets.UTF_8));
        String id = vector.get("id").asText();
        assertThat(response.bodyText()).as("%s body", id).isEqualTo(vector.get("expected_body").asText());

        MirrorProgress.awaitCaughtUp(CATCH_UP);
        for (JsonNode check : mysqlFacts(vector)) {
            String sql = MariaDbDialect.translate(check.get("sql").asText());
            assertThat(Vicidial.render(sql)).as("%s in MySQL: %s", id, sql).isEqualTo(check.get("expect").asText());
        }
    }

    /** The facts on the tables the bridge writes; the logs (vicidial_admin_log, vicidial_api_log) stay dialfleet's. */
    private static List<JsonNode> mysqlFacts(JsonNode vector) {
        List<JsonNode> facts = new ArrayList<>();
        for (JsonNode check : vector.get("expected_db")) {
            String sql = check.get("sql").asText();
            if (sql.matches("(?s).*\\bFROM (phones|phones_alias|servers)\\b.*")) {
                facts.add(check);
            }
        }
        return facts;
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in = BridgeConformanceIT.class.getClassLoader()
                .getResourceAsStream("conformance/vectors.json")) {
            return JSON.readTree(in);
        }
    }
}
