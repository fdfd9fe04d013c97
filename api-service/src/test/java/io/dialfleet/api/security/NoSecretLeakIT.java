package io.dialfleet.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.api.support.AgentKeyIssuer;
import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.RawHttp;
import io.dialfleet.infra.TopicTail;
import io.dialfleet.events.Topics;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs requests that carry distinctive passwords through every path that handles one — seed import, add and
 * update, a wrong login, rejected imports, the agents' peer-config snapshot — and checks that none of them shows up
 * in a log line (as logged, and in the JSON lines of the file log), an audit event, an outbox row or a log table.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class NoSecretLeakIT {

    private static final String API_PASSWORD = "Zq8ApiUserSecret";
    private static final String PHONE_PASSWORD = "Pv3PhoneSecret";
    private static final String REGISTRATION_SECRET = "Rk7RegSecret";
    private static final String NEW_PHONE_PASSWORD = "Pv4PhoneSecretB";
    private static final String NEW_REGISTRATION_SECRET = "Rk8RegSecretB";
    private static final String WRONG_GUESS = "Wg5WrongGuess";
    private static final String REJECTED_SEED_SECRET = "Ck9CheckSecret";
    private static final List<String> SECRETS = List.of(API_PASSWORD, PHONE_PASSWORD, REGISTRATION_SECRET,
            NEW_PHONE_PASSWORD, NEW_REGISTRATION_SECRET, WRONG_GUESS, REJECTED_SEED_SECRET);

    @TestHTTPResource("/")
    URL base;

    /** The JSON-lines file log of the test profile: the format deploy/k8s runs with, as its formatter wrote it. */
    private static final Path JSON_LOG = Path.of("target/api-service-test.log.json");

    private final CapturingHandler captured = new CapturingHandler();
    private long jsonLogStart;

    @BeforeEach
    void captureLogs() throws Exception {
        captured.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(captured);
        jsonLogStart = Files.exists(JSON_LOG) ? Files.size(JSON_LOG) : 0;
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(captured);
    }

    @Test
    void noSecretReachesLogsEventsOrTables() throws Exception {
        int port = base.getPort();
        Fixture.reset(port);
        Fixture.seed(port, "merge", """
                {"vicidial_users": [{"user": "leakuser", "pass": "%s", "user_level": 9, "user_group": "ADMIN",
                  "ast_admin_access": "1", "ast_delete_phones": "1", "vdc_agent_api_access": "1"}]}
                """.formatted(API_PASSWORD));
        String bootstrap = DialfleetInfraResource.infrastructure().addresses().kafkaBootstrap();
        ApiClient api = new ApiClient(port);
        List<ConsumerRecord<String, String>> events;
        String addRequestId;
        try (var changes = new TopicTail(bootstrap, Topics.PHONE_CHANGES)) {
            var add = ApiClient.addPhoneParameters("leak01");
            add.put("user", "leakuser");
            add.put("pass", API_PASSWORD);
            add.put("phone_pass", PHONE_PASSWORD);
            add.put("registration_password", REGISTRATION_SECRET);
            var added = api.call(add);
            assertThat(added.bodyText()).startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED");
            addRequestId = added.headers().get("x-dialfleet-request-id");

            var update = api.call(Map.of("source", "test", "user", "leakuser", "pass", API_PASSWORD,
                    "function", "update_phone", "extension", "leak01", "server_ip", "10.10.10.15",
                    "phone_pass", NEW_PHONE_PASSWORD, "registration_password", NEW_REGISTRATION_SECRET));
            assertThat(update.bodyText()).startsWith("SUCCESS: update_phone PHONE HAS BEEN UPDATED");

            var wrong = api.call(Map.of("source", "test", "user", "leakuser", "pass", WRONG_GUESS,
                    "function", "update_phone"));
            assertThat(wrong.bodyText()).isEqualTo("ERROR: Login incorrect, please try again: |leakuser||BAD|\n");

            events = changes.await(r -> r.key().equals("10.10.10.15/leak01"), 2, Duration.ofSeconds(20));
        }
        assertThat(events).hasSize(2);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(events.get(1).value()).get("changedFields"))
                .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("pass", "conf_secret");

        // The agents' peer-config snapshot carries the secrets by design; nothing may log it.
        RawHttp.Response snapshot = RawHttp.send(port, "GET", "/internal/v1/servers/10.10.10.15/peer-config", "",
                new byte[0], Map.of("Authorization", "Bearer " + AgentKeyIssuer.issue("10.10.10.15").token()));
        assertThat(snapshot.status()).isEqualTo(200);
        assertThat(snapshot.bodyText()).contains(NEW_PHONE_PASSWORD, NEW_REGISTRATION_SECRET);

        RawHttp.Response unknownColumn = seedExpectingRejection(port, """
                {"phones": [{"extension": "leak02", "server_ip": "10.10.10.15", "pass": "%s", "no_such_column": 1}]}
                """.formatted(REJECTED_SEED_SECRET));
        RawHttp.Response badValue = seedExpectingRejection(port, """
                {"phones": [{"extension": "leak03", "server_ip": "10.10.10.15", "conf_secret": "%s", "protocol": "BOGUS"}]}
                """.formatted(REJECTED_SEED_SECRET));

        Logger.getLogger(NoSecretLeakIT.class.getName()).info("capture-marker");
        String jsonLog = jsonLogSinceStart();
        for (String secret : SECRETS) {
            assertThat(captured.text()).as("log output").doesNotContain(secret);
            assertThat(jsonLog).as("JSON log lines").doesNotContain(secret);
            events.forEach(event -> assertThat(event.value()).as("audit event").doesNotContain(secret));
            assertThat(unknownColumn.bodyText() + badValue.bodyText()).as("import errors").doesNotContain(secret);
            assertThat(Database.render("SELECT * FROM vicidial_api_log")).as("api log").doesNotContain(secret);
            assertThat(Database.render("SELECT * FROM vicidial_admin_log")).as("admin log").doesNotContain(secret);
            assertThat(Database.render("SELECT payload FROM outbox")).as("outbox").doesNotContain(secret);
            assertThat(Database.render("SELECT pass_hash FROM vicidial_users")).as("stored API passwords")
                    .doesNotContain(secret);
        }
        assertThat(captured.text()).as("the capture works").contains("capture-marker");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> lines = jsonLog.lines().map(line -> {
            try {
                return json.readTree(line);
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
        assertThat(lines).as("the JSON capture works")
                .anySatisfy(line -> assertThat(line.path("message").asText()).isEqualTo("capture-marker"));
        assertThat(lines).as("the add_phone call's line carries its request id")
                .anySatisfy(line -> {
                    assertThat(line.path("requestId").asText()).isEqualTo(addRequestId);
                    assertThat(line.path("message").asText()).startsWith("add_phone by leakuser");
                });
    }

    /**
     * What the JSON file log got since the test started (the handler writes each line as it is logged). When the
     * file was rotated meanwhile, the start is in the previous file ({@code .1}).
     */
    private String jsonLogSinceStart() throws Exception {
        byte[] current = Files.readAllBytes(JSON_LOG);
        if (current.length >= jsonLogStart) {
            return new String(current, (int) jsonLogStart, current.length - (int) jsonLogStart, StandardCharsets.UTF_8);
        }
        byte[] previous = Files.readAllBytes(JSON_LOG.resolveSibling(JSON_LOG.getFileName() + ".1"));
        return new String(previous, (int) jsonLogStart, previous.length - (int) jsonLogStart, StandardCharsets.UTF_8)
                + new String(current, StandardCharsets.UTF_8);
    }

    private static RawHttp.Response seedExpectingRejection(int port, String json) throws Exception {
        var response = RawHttp.send(port, "POST", "/api/v1/admin/seed?mode=merge", "application/json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + Fixture.OPERATOR_TOKEN));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(400);
        return response;
    }

    /** Keeps every formatted log record, stack traces included. */
    private static final class CapturingHandler extends Handler {

        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(record.getLoggerName()).append(' ').append(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(String.valueOf(parameter));
                }
            }
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            lines.add(text.toString());
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
