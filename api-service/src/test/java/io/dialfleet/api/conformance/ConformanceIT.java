package io.dialfleet.api.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.RawHttp;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every conformance vector recorded from VICIdial 2.14-194 against the running service, exactly as
 * shared/conformance/README.md prescribes: fixture reset through the seed endpoint, setup SQL, the raw request
 * from 127.0.0.1, the body byte for byte, then the database facts. Then dialfleet's own vectors
 * ({@code conformance/dialfleet-vectors.json}: written by hand, not recorded, in the same format) for what the
 * recording lacks; one of theirs may ask for a request line of {@code request_line_length} bytes, which the
 * replayer reaches by padding the query with an unknown parameter.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class ConformanceIT {

    static final String OPERATOR_TOKEN = "test-operator-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @TestFactory
    Stream<DynamicTest> everyVectorPasses() throws IOException {
        return replayAll(resource("conformance/vectors.json"));
    }

    @TestFactory
    Stream<DynamicTest> everyDialfleetVectorPasses() throws IOException {
        return replayAll(resource("conformance/dialfleet-vectors.json"));
    }

    private Stream<DynamicTest> replayAll(JsonNode vectors) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors) {
            tests.add(DynamicTest.dynamicTest(vector.get("id").asText() + " " + vector.get("notes").asText()
                    .lines().findFirst().orElse(""), () -> replay(vector)));
        }
        return tests.stream();
    }

    private void replay(JsonNode vector) throws Exception {
        resetFixture();
        Database.execute(List.of("DELETE FROM vicidial_admin_log", "DELETE FROM vicidial_api_log"));
        List<String> setup = new ArrayList<>();
        vector.get("setup_sql").forEach(sql -> setup.add(sql.asText()));
        Database.execute(setup);

        String query = vector.get("query").asText();
        String target = "/vicidial/non_agent_api.php" + (query.isEmpty() ? "" : "?" + query);
        if (vector.has("request_line_length")) {
            target = padded(vector.get("method").asText(), target, vector.get("request_line_length").asInt());
        }
        var response = RawHttp.send(base.getPort(), vector.get("method").asText(), target,
                vector.get("content_type").asText(), vector.get("body").asText().getBytes(StandardCharsets.UTF_8));

        String id = vector.get("id").asText();
        assertThat(response.status()).as("%s status", id).isEqualTo(vector.get("expected_status").asInt());
        assertBody(id, vector.get("expected_body").asText(), response.bodyText());
        for (JsonNode check : vector.get("expected_db")) {
            assertThat(Database.render(check.get("sql").asText()))
                    .as("%s: %s", id, check.get("sql").asText())
                    .isEqualTo(check.get("expect").asText());
        }
    }

    /** {@code target&pad=xxx…} long enough that {@code <method> <target> HTTP/1.1} is {@code length} bytes. */
    private static String padded(String method, String target, int length) {
        String pad = "&pad=";
        int missing = length - (method + " " + target + pad + " HTTP/1.1").length();
        assertThat(missing).as("request line length %d", length).isNotNegative();
        return target + pad + "x".repeat(missing);
    }

    /** {@code <NOW_TIME>} and {@code <EPOCH>} stand for the volatile parts of the version reply (G64). */
    private static void assertBody(String id, String expected, String actual) {
        if (!expected.contains("<NOW_TIME>") && !expected.contains("<EPOCH>")) {
            assertThat(actual).as("%s body", id).isEqualTo(expected);
            return;
        }
        String regex = Pattern.quote(expected)
                .replace("<NOW_TIME>", "\\E\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\Q")
                .replace("<EPOCH>", "\\E\\d+\\Q");
        assertThat(actual).as("%s body", id).matches(Pattern.compile(regex, Pattern.DOTALL));
    }

    private void resetFixture() throws Exception {
        JsonNode fixture = resource("conformance/fixture.json");
        String now = Database.render("SELECT to_char(LOCALTIMESTAMP(0), 'YYYY-MM-DD HH24:MI:SS')");
        replaceNowMarkers(fixture, now);
        var response = RawHttp.send(base.getPort(), "POST", "/api/v1/admin/seed?mode=replace&silent=true",
                "application/json", JSON.writeValueAsBytes(fixture), Map.of("Authorization", "Bearer " + OPERATOR_TOKEN));
        assertThat(response.status()).as("fixture reset: %s", response.bodyText()).isBetween(200, 299);
    }

    private static void replaceNowMarkers(JsonNode node, String now) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (field.getValue().isTextual() && "NOW()".equals(field.getValue().asText())) {
                    field.setValue(new TextNode(now));
                } else {
                    replaceNowMarkers(field.getValue(), now);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> replaceNowMarkers(child, now));
        }
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = ConformanceIT.class.getClassLoader().getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }
}
