package io.dialfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.agent.asterisk.FakeAmiServer;
import io.dialfleet.agent.asterisk.FakeAsterisk;
import io.dialfleet.events.Topics;
import io.dialfleet.infra.Infrastructure;
import io.dialfleet.infra.TopicTail;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop with real parts: PostgreSQL and Kafka, the packaged api-service and two packaged refresh-agents
 * as processes (telco servers 10.10.10.15 on chan_sip and 10.10.10.16 on Asterisk 21 with PJSIP), each agent
 * reloading its own stand-in Asterisk over real AMI. The scenario builds on itself, step by step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "e2e-operator-token";
    private static final String FIFTEEN = "10.10.10.15";
    private static final String SIXTEEN = "10.10.10.16";
    private static final Duration STATUS_WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static Infrastructure infrastructure;
    private static ServiceProcess api;
    private static final Map<String, Telco> telcos = new HashMap<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    /** Everything published on the three topics from the start, for the contract check of the last step. */
    private static final Map<String, TopicTail> published = new LinkedHashMap<>();

    /** A simulated telco server: its conf directory, its stand-in Asterisk and its agent process. */
    private static final class Telco {
        final String serverIp;
        final Path confDir;
        final FakeAsterisk asterisk;
        final FakeAmiServer ami;
        ServiceProcess agent;

        Telco(String serverIp, Path confDir) throws IOException {
            this.serverIp = serverIp;
            this.confDir = Files.createDirectories(confDir);
            this.asterisk = new FakeAsterisk(confDir).boot();
            this.ami = new FakeAmiServer(asterisk);
        }

        String file(String name) throws IOException {
            Path path = confDir.resolve(name);
            return Files.exists(path) ? Files.readString(path) : "";
        }
    }

    @BeforeAll
    static void startFleet() throws Exception {
        infrastructure = Infrastructure.start();
        for (String topic : List.of(Topics.PHONE_CHANGES, Topics.REFRESH_REQUESTS, Topics.REFRESH_STATUS)) {
            published.put(topic, new TopicTail(infrastructure.addresses().kafkaBootstrap(), topic));
        }
        api = ServiceProcess.start("api-service", ServiceKind.API_SERVICE, Ports.free(),
                apiProperties(), work.resolve("logs/api-service.log")).awaitReady(Duration.ofSeconds(90));
        seed();
        for (String serverIp : List.of(FIFTEEN, SIXTEEN)) {
            Telco telco = new Telco(serverIp, work.resolve("agents").resolve(serverIp));
            telcos.put(serverIp, telco);
        }
        try (var status = statusTail()) {
            for (Telco telco : telcos.values()) {
                startAgent(telco);
            }
            for (Telco telco : telcos.values()) {
                awaitStatus(status, telco.serverIp, List.of());
            }
        }
    }

    @AfterAll
    static void stopFleet() throws IOException {
        for (Telco telco : telcos.values()) {
            if (telco.agent != null) {
                telco.agent.close();
            }
            telco.ami.close();
        }
        if (api != null) {
            api.close();
        }
        published.values().forEach(TopicTail::close);
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    @Order(1)
    void addPhoneReachesOnlyItsServerAndIsApplied() throws Exception {
        Telco fifteen = telcos.get(FIFTEEN);
        Telco sixteen = telcos.get(SIXTEEN);
        Map<String, String> sixteenBefore = snapshot(sixteen);
        int sixteenCommands = sixteen.asterisk.commands().size();
        int fifteenReloads = fifteen.asterisk.reloads().size();
        Scrape apiBefore = Scrape.of(http, api.httpPort());
        Scrape agentBefore = Scrape.of(http, fifteen.agent.httpPort());
        try (var status = statusTail()) {
            var reply = callApi(addPhone("cc101", FIFTEEN, "Reg101secret"));
            long replied = System.nanoTime();
            assertThat(reply.body()).isEqualTo("SUCCESS: add_phone PHONE HAS BEEN ADDED - 6666|cc101|10.10.10.15|SIP|101\n");
            String requestId = reply.headers().firstValue("X-Dialfleet-Request-Id").orElseThrow();

            JsonNode applied = awaitStatus(status, FIFTEEN, List.of(requestId));
            long millis = (System.nanoTime() - replied) / 1_000_000;
            System.out.printf("add_phone reply -> APPLIED status: %d ms%n", millis);
            Files.writeString(work.resolve("add-phone-to-applied-ms.txt"), Long.toString(millis));

            assertThat(applied.get("outcome").asText()).isEqualTo("APPLIED");
            assertThat(fifteen.file("dialfleet-sip.conf")).contains("[cc101]", "secret=Reg101secret");
            assertThat(fifteen.file("dialfleet-extensions.conf")).contains("exten => 101,1,Dial(SIP/cc101,60,)");
            assertThat(fifteen.asterisk.reloads().subList(fifteenReloads, fifteen.asterisk.reloads().size()))
                    .contains("module reload chan_sip.so")
                    .doesNotContain("module reload res_pjsip.so", "module reload chan_iax2.so");
            assertThat(snapshot(sixteen)).isEqualTo(sixteenBefore);
            assertThat(sixteen.asterisk.commands()).hasSize(sixteenCommands);

            awaitServer(FIFTEEN, server -> server.get("inSync").asBoolean()
                    && "APPLIED".equals(server.get("lastOutcome").asText()));
            awaitJson("/api/v1/refreshes/" + requestId, refresh -> refresh.get("complete").asBoolean()
                    && refresh.toString().contains("APPLIED"));
            theMetricsMoved(apiBefore, agentBefore, fifteen);
            oneGrepFollowsTheChange(requestId, fifteen);
        }
    }

    /** Both services' /q/metrics as Prometheus scrapes them, before and after the add_phone was applied. */
    private static void theMetricsMoved(Scrape apiBefore, Scrape agentBefore, Telco fifteen) throws Exception {
        Scrape apiAfter = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Scrape.of(http, api.httpPort()),
                        now -> now.value("dialfleet_server_in_sync", "server", FIFTEEN) == 1);
        assertThat(apiAfter.increase(apiBefore, "dialfleet_api_requests_seconds_count", "function", "add_phone",
                "result", "SUCCESS")).isEqualTo(1);
        assertThat(apiAfter.increase(apiBefore, "dialfleet_outbox_published_total")).isGreaterThanOrEqualTo(2);
        assertThat(apiAfter.value("dialfleet_server_applied_revision", "server", FIFTEEN))
                .isEqualTo(apiAfter.value("dialfleet_server_desired_revision", "server", FIFTEEN)).isPositive();
        assertThat(apiAfter.increase(apiBefore, "dialfleet_status_reports_total", "result", "stored"))
                .isGreaterThanOrEqualTo(1);

        Scrape agentAfter = Scrape.of(http, fifteen.agent.httpPort());
        assertThat(agentAfter.increase(agentBefore, "dialfleet_agent_runs_seconds_count", "outcome", "APPLIED"))
                .isEqualTo(1);
        for (String phase : List.of("fetch", "render", "install", "reload", "verify")) {
            assertThat(agentAfter.increase(agentBefore, "dialfleet_agent_phase_seconds_count", "phase", phase))
                    .as("phase %s", phase).isGreaterThanOrEqualTo(1);
        }
        assertThat(agentAfter.value("dialfleet_agent_rollbacks_total")).isZero();
    }

    /**
     * The services log JSON lines here, as in deploy/k8s: the API's line of the call and the agent's lines of the
     * run that applied it carry the call's request id as a field of their own.
     */
    private static void oneGrepFollowsTheChange(String requestId, Telco fifteen) throws Exception {
        List<JsonNode> apiLines = jsonLinesWith(api.log(), requestId);
        assertThat(apiLines).anySatisfy(line -> {
            assertThat(line.path("requestId").asText()).isEqualTo(requestId);
            assertThat(line.path("message").asText()).startsWith("add_phone by 6666");
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jsonLinesWith(fifteen.agent.log(), requestId)).anySatisfy(line -> {
                    assertThat(line.path("requestId").asText()).contains(requestId);
                    assertThat(line.path("message").asText()).contains("module reload chan_sip.so");
                }).anySatisfy(line -> assertThat(line.path("message").asText())
                        .startsWith("refresh of 10.10.10.15 at revision").contains("APPLIED")));
        assertThat(String.join("\n", Files.readAllLines(fifteen.agent.log())))
                .as("the agent's log is JSON lines with no secret").doesNotContain("Reg101secret");
    }

    /** The JSON lines of a service's log whose text mentions the id. */
    private static List<JsonNode> jsonLinesWith(Path log, String id) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{") && line.contains(id)) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    @Order(2)
    void anUpdateThatChangesNothingIsUnchangedWithoutReload() throws Exception {
        Telco fifteen = telcos.get(FIFTEEN);
        int reloads = fifteen.asterisk.reloads().size();
        try (var status = statusTail()) {
            var reply = callApi(Map.of("source", "e2e", "user", "6666", "pass", "1234", "function", "update_phone",
                    "extension", "cc101", "server_ip", FIFTEEN, "phone_full_name", "Agent cc101"));
            assertThat(reply.body()).isEqualTo("SUCCESS: update_phone PHONE HAS BEEN UPDATED - 6666|cc101|10.10.10.15|\n");
            String requestId = reply.headers().firstValue("X-Dialfleet-Request-Id").orElseThrow();

            JsonNode unchanged = awaitStatus(status, FIFTEEN, List.of(requestId));
            assertThat(unchanged.get("outcome").asText()).isEqualTo("UNCHANGED");
            assertThat(fifteen.asterisk.reloads()).hasSize(reloads);
            awaitServer(FIFTEEN, server -> server.get("inSync").asBoolean()
                    && "UNCHANGED".equals(server.get("lastOutcome").asText()));
        }
    }

    @Test
    @Order(3)
    void serverRefreshForcesEveryAgentUnderOneRequestId() throws Exception {
        Map<String, Integer> reloadsBefore = new HashMap<>();
        telcos.forEach((ip, telco) -> reloadsBefore.put(ip, telco.asterisk.reloads().size()));
        try (var status = statusTail()) {
            var reply = callApi(Map.of("source", "e2e", "user", "6666", "pass", "1234", "function", "server_refresh",
                    "stage", "REFRESH"));
            assertThat(reply.body()).startsWith("SUCCESS: server_refresh SERVER REFRESH HAS BEEN TRIGGERED - 6666|");
            String requestId = reply.headers().firstValue("X-Dialfleet-Request-Id").orElseThrow();

            for (Telco telco : telcos.values()) {
                JsonNode applied = awaitStatus(status, telco.serverIp, List.of(requestId));
                assertThat(applied.get("outcome").asText()).isEqualTo("APPLIED");
                List<String> reloads = telco.asterisk.reloads();
                assertThat(reloads.subList(reloadsBefore.get(telco.serverIp), reloads.size()))
                        .as("forced reloads on %s", telco.serverIp)
                        .contains("module reload pbx_config.so", "module reload chan_iax2.so",
                                "module reload app_voicemail.so",
                                telco.serverIp.equals(FIFTEEN) ? "module reload chan_sip.so" : "module reload res_pjsip.so");
            }
            awaitJson("/api/v1/refreshes/" + requestId, refresh -> refresh.get("complete").asBoolean());
        }
    }

    @Test
    @Order(4)
    void aReloadErrorIsReportedFailedAndTheFilesAreRestored() throws Exception {
        Telco fifteen = telcos.get(FIFTEEN);
        String sipBefore = fifteen.file("dialfleet-sip.conf");
        fifteen.asterisk.failNextReloads(1);
        try (var status = statusTail()) {
            var reply = callApi(Map.of("source", "e2e", "user", "6666", "pass", "1234", "function", "update_phone",
                    "extension", "cc101", "server_ip", FIFTEEN, "registration_password", "NewSecret42"));
            String requestId = reply.headers().firstValue("X-Dialfleet-Request-Id").orElseThrow();

            JsonNode failed = awaitStatus(status, FIFTEEN, List.of(requestId));
            assertThat(failed.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(failed.get("rolledBack").asBoolean()).isTrue();
            assertThat(failed.get("error").asText()).isNotBlank().doesNotContain("NewSecret42");
            assertThat(fifteen.file("dialfleet-sip.conf")).isEqualTo(sipBefore).doesNotContain("NewSecret42");

            awaitServer(FIFTEEN, server -> !server.get("inSync").asBoolean()
                    && "FAILED".equals(server.get("lastOutcome").asText()));
        }
    }

    @Test
    @Order(5)
    void aStoppedAgentCatchesUpWhenItStartsAgain() throws Exception {
        Telco sixteen = telcos.get(SIXTEEN);
        sixteen.agent.close();
        var missed = callApi(addPhone("cc201", SIXTEEN, "Reg201secret"));
        assertThat(missed.body()).startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED");
        String missedRequest = missed.headers().firstValue("X-Dialfleet-Request-Id").orElseThrow();
        assertThat(sixteen.file("dialfleet-pjsip.conf")).doesNotContain("[cc201]");
        try (var status = statusTail()) {
            startAgent(sixteen);
            JsonNode reconciled = awaitStatus(status, SIXTEEN, List.of());
            assertThat(reconciled.get("outcome").asText()).isEqualTo("APPLIED");
        }
        assertThat(sixteen.file("dialfleet-pjsip.conf")).contains("[cc201]", "type=wizard",
                "inbound_auth/password=Reg201secret");
        assertThat(sixteen.asterisk.commands()).contains("Action: PJSIPShowEndpoints");
        awaitServer(SIXTEEN, server -> server.get("inSync").asBoolean());
        // The start-up run names no request but applies the revision the missed request asked for; the request,
        // consumed afterwards from the agent's backlog, may then be answered UNCHANGED.
        awaitJson("/api/v1/refreshes/" + missedRequest, refresh -> refresh.get("complete").asBoolean()
                && List.of("APPLIED", "UNCHANGED").contains(refresh.get("servers").get(0).get("status").asText()));
    }

    @Test
    @Order(6)
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheAgentCarriesOn() throws Exception {
        String bootstrap = infrastructure.addresses().kafkaBootstrap();
        try (var deadLetters = new TopicTail(bootstrap, Topics.REFRESH_REQUESTS + Topics.DEAD_LETTER_SUFFIX);
                var status = statusTail();
                var producer = new KafkaProducer<String, String>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.REFRESH_REQUESTS, FIFTEEN, "{not json")).get();

            assertThat(deadLetters.await(record -> "{not json".equals(record.value()), 1, STATUS_WAIT)).hasSize(1);
            var reply = callApi(addPhone("cc102", FIFTEEN, "Reg102secret"));
            String requestId = reply.headers().firstValue("X-Dialfleet-Request-Id").orElseThrow();
            assertThat(awaitStatus(status, FIFTEEN, List.of(requestId)).get("outcome").asText()).isEqualTo("APPLIED");
        }
        assertThat(telcos.get(FIFTEEN).file("dialfleet-sip.conf")).contains("[cc102]");
    }

    /**
     * The fleet page in a real headless Chromium: loaded once, it shows 10.10.10.15 go out of sync when an add_phone
     * raises its revision while its agent is stopped, and back in sync with the request APPLIED when the agent
     * starts again and catches up — through its event stream, the document never reloaded. The screenshot is
     * target/fleet-page.png.
     */
    @Test
    @Order(7)
    void theFleetPageFollowsAnAddPhoneLiveInChromium() throws Exception {
        var chromium = HeadlessChromium.binary();
        if (chromium.isEmpty() && !HeadlessChromium.required()) {
            System.out.println("SKIPPED fleet page test: no chromium on the PATH (apt-get install chromium; "
                    + HeadlessChromium.REQUIRED_VARIABLE + "=required makes this a failure)");
            Assumptions.abort("no chromium on the PATH");
        }
        assertThat(chromium).as("chromium on the PATH (" + HeadlessChromium.REQUIRED_VARIABLE + "=required)")
                .isPresent();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(apiUri("/fleet")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("the page without credentials").isEqualTo(401);

        Telco fifteen = telcos.get(FIFTEEN);
        try (HeadlessChromium browser = HeadlessChromium.start(chromium.get(), work.resolve("chromium"))) {
            browser.send("Network.enable", Map.of());
            browser.send("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Authorization", "Bearer " + ADMIN_TOKEN)));
            browser.send("Page.navigate", Map.of("url", apiUri("/fleet").toString()));
            String row = "document.querySelector('#servers tr[data-server-ip=\"" + FIFTEEN + "\"]')";
            awaitPage(browser, row + "?.dataset.inSync", "true");
            assertThat(browser.evaluate("document.querySelectorAll('#servers tbody tr').length").asInt())
                    .as("a row per server").isEqualTo(2);
            browser.evaluate("window.loadedOnce = performance.timeOrigin");

            fifteen.agent.close();
            var reply = callApi(addPhone("cc104", FIFTEEN, "Reg104secret"));
            assertThat(reply.body()).startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED");
            String requestId = reply.headers().firstValue("X-Dialfleet-Request-Id").orElseThrow();
            String result = "document.querySelector('#refreshes tr[data-request-id=\"" + requestId
                    + "\"] li[data-server-ip=\"" + FIFTEEN + "\"]')?.dataset.status";

            awaitPage(browser, row + "?.dataset.inSync", "false");
            assertThat(browser.evaluate(result).asText()).as("the request on the page").isEqualTo("pending");
            assertThat(browser.evaluate(row + ".querySelector('.sync').textContent").asText())
                    .isEqualTo("out of sync");

            startAgent(fifteen);
            awaitPage(browser, row + "?.dataset.inSync", "true");
            // The agent's start-up run applies the revision and settles the request; the request itself, consumed
            // after it, may then be answered UNCHANGED (as in step 5).
            awaitPage(browser, result, "APPLIED", "UNCHANGED");
            assertThat(browser.evaluate(row + ".querySelector('.desired').textContent").asText())
                    .as("desired revision").isEqualTo(browser.evaluate(row + ".querySelector('.applied').textContent")
                            .asText());
            assertThat(browser.evaluate("window.loadedOnce === performance.timeOrigin").asBoolean())
                    .as("the same document all along: no reload").isTrue();
            browser.screenshot(Path.of("target/fleet-page.png"));
        }
        assertThat(fifteen.file("dialfleet-sip.conf")).contains("[cc104]");
    }

    /** Polls an expression in the page until it has the value (the page updates itself; the test never reloads). */
    private static void awaitPage(HeadlessChromium browser, String expression, String... expected) {
        Awaitility.await(expression + " in " + List.of(expected)).atMost(STATUS_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    JsonNode value = browser.evaluate(expression);
                    return value != null && List.of(expected).contains(value.asText());
                });
    }

    /**
     * Issue 9: no secret at rest outside the tables that must hold it. Phones provisioned with known passwords — by
     * add_phone, by a failed add_phone (whose reply echoes them, as VICIdial's does), by update_phone, by a seed import
     * with a {@code conf_override} holding {@code secret=}, plus a wrong login — and then every table, every record of
     * every topic and every service log of the whole run are searched for them. Only {@code phones} may hold them: the
     * agents render its {@code pass}, {@code conf_secret} and {@code conf_override} into Asterisk's files. (API
     * users' passwords are kept as bcrypt hashes, so {@code vicidial_users} is searched too.)
     */
    @Test
    @Order(8)
    void noSecretIsKeptOutsideThePhonesTable() throws Exception {
        SecretSearch secrets = new SecretSearch(List.of("Ua7LeakUserPass", "Wg3WrongGuessE2E", "Pp5LeakPhonePass",
                "Rr5LeakRegSecret", "Pf6FailedPhonePass", "Rf6FailedRegSecret", "Pu7UpdatedPhonePass",
                "Ru7UpdatedRegSecret", "Ov5OverrideSecret", "Ps8SeedPhonePass", "Cs8SeedConfSecret"));
        HttpResponse<String> seeded = http.send(HttpRequest.newBuilder(apiUri("/api/v1/admin/seed?mode=merge"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"vicidial_users": [{"user": "leak7", "pass": "Ua7LeakUserPass", "user_level": 9,
                           "user_group": "ADMIN", "ast_admin_access": "1", "ast_delete_phones": "1",
                           "vdc_agent_api_access": "1"}],
                         "phones": [{"extension": "cc171", "server_ip": "10.10.10.15", "protocol": "SIP",
                           "dialplan_number": "171", "voicemail_id": "171", "login": "cc171",
                           "pass": "Ps8SeedPhonePass", "conf_secret": "Cs8SeedConfSecret",
                           "conf_override": "secret=Ov5OverrideSecret\\nqualify=yes"}]}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(200);

        Map<String, String> add = addPhone("cc172", FIFTEEN, "Rr5LeakRegSecret");
        add.put("user", "leak7");
        add.put("pass", "Ua7LeakUserPass");
        add.put("phone_pass", "Pp5LeakPhonePass");
        assertThat(callApi(add).body()).startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED");
        add.put("phone_pass", "Pf6FailedPhonePass");
        add.put("registration_password", "Rf6FailedRegSecret");
        assertThat(callApi(add).body()).as("a duplicate, refused").startsWith("ERROR: add_phone");
        assertThat(callApi(Map.of("source", "e2e", "user", "leak7", "pass", "Ua7LeakUserPass", "function",
                "update_phone", "extension", "cc172", "server_ip", FIFTEEN, "phone_pass", "Pu7UpdatedPhonePass",
                "registration_password", "Ru7UpdatedRegSecret")).body())
                .startsWith("SUCCESS: update_phone PHONE HAS BEEN UPDATED");
        assertThat(callApi(Map.of("source", "e2e", "user", "leak7", "pass", "Wg3WrongGuessE2E", "function",
                "update_phone")).body()).startsWith("ERROR: Login incorrect");
        awaitServer(FIFTEEN, server -> server.get("inSync").asBoolean());
        assertThat(telcos.get(FIFTEEN).file("dialfleet-sip.conf")).as("the secrets did reach Asterisk's files")
                .contains("Ru7UpdatedRegSecret");

        List<String> found = new ArrayList<>();
        try (var database = java.sql.DriverManager.getConnection(infrastructure.addresses().jdbcUrl(),
                infrastructure.addresses().dbUser(), infrastructure.addresses().dbPassword());
                var statement = database.createStatement();
                var phone = statement.executeQuery("SELECT conf_override FROM phones WHERE extension = 'cc171'")) {
            assertThat(phone.next()).as("the seed's phone").isTrue();
            assertThat(phone.getString(1)).as("its conf_override, kept where it must be").contains("Ov5OverrideSecret");
            found.addAll(secrets.inTables(database, List.of("phones")));
        }
        found.addAll(secrets.inTopics(infrastructure.addresses().kafkaBootstrap()));
        found.addAll(secrets.inFiles(work.resolve("logs")));
        assertThat(found).as("secrets found outside the phones table").isEmpty();
        assertThat(secrets.searched()).as("tables, topics and logs searched").contains("table phones_alias",
                "table outbox", "table vicidial_api_log", "topic " + Topics.PHONE_CHANGES, "log api-service.log");
    }

    /**
     * events.md: the AsyncAPI document is "kept in sync by a test that checks the records the services really
     * produce". Every record of the scenario above must match docs/asyncapi.yaml (headers, key, payload schema), and
     * each of the three messages must have been seen.
     */
    @Test
    @Order(99)
    void everyRecordMatchesTheAsyncApiDocument() throws Exception {
        AsyncApiContract contract = AsyncApiContract.load(LocalPaths.projectRoot().resolve("docs/asyncapi.yaml"));
        Map<String, Integer> seen = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (TopicTail tail : published.values()) {
            // Step 6's poison record is the test's own, not the services'.
            for (var record : tail.drain(candidate -> !"{not json".equals(candidate.value()), Duration.ofSeconds(3))) {
                checked++;
                AsyncApiContract.Verdict verdict = contract.check(record);
                verdict.message().ifPresent(message -> seen.merge(message, 1, Integer::sum));
                verdict.problems().forEach(problem -> problems.add(record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " " + verdict.message().orElse("?") + ": " + problem));
            }
        }
        System.out.printf("contract check: %d records against docs/asyncapi.yaml: %s%n", checked, seen);
        assertThat(problems).as("records that disagree with docs/asyncapi.yaml").isEmpty();
        assertThat(seen).containsKeys("PhoneChanged", "ServerRefreshRequested", "ServerRefreshCompleted");
    }

    // ---------------------------------------------------------------- the fleet

    private static Map<String, String> apiProperties() {
        Map<String, String> properties = new LinkedHashMap<>(infrastructure.addresses().quarkusConfig());
        properties.put("dialfleet.admin.token", ADMIN_TOKEN);
        properties.put("dialfleet.auth.bcrypt-cost", "4");
        properties.put("dialfleet.metrics.refresh-interval", "PT0.5S");
        properties.put("quarkus.log.console.json.enabled", "true");
        return properties;
    }

    private static void startAgent(Telco telco) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", infrastructure.addresses().kafkaBootstrap());
        properties.put("dialfleet.agent.server-ip", telco.serverIp);
        properties.put("dialfleet.agent.agent-id", "e2e-agent-" + telco.serverIp);
        properties.put("dialfleet.agent.api.url", "http://127.0.0.1:" + api.httpPort());
        properties.put("dialfleet.agent.credential", issueAgentKey(telco.serverIp));
        properties.put("dialfleet.agent.conf.directory", telco.confDir.toString());
        properties.put("dialfleet.agent.reload.mode", "ami");
        properties.put("dialfleet.agent.reload.ami.port", String.valueOf(telco.ami.port()));
        properties.put("dialfleet.agent.reload.ami.username", FakeAmiServer.USERNAME);
        properties.put("dialfleet.agent.reload.ami.secret", FakeAmiServer.SECRET);
        // The stand-in has applied a reload when it answers, and has no SIP port to probe: the check polls briefly.
        properties.put("dialfleet.agent.reload.sip-address", "none");
        properties.put("dialfleet.agent.reload.settle-timeout", "PT5S");
        properties.put("quarkus.log.console.json.enabled", "true");
        telco.agent = ServiceProcess.start("refresh-agent " + telco.serverIp, ServiceKind.REFRESH_AGENT,
                Ports.free(), properties, work.resolve("logs/agent-" + telco.serverIp + ".log"));
    }

    /** Each agent its own key, issued by the operator as docs/operations.md says. */
    private static String issueAgentKey(String serverIp) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            apiUri("/api/v1/servers/" + serverIp + "/agent-keys"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JSON.readTree(response.body()).get("credential").asText();
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the agent key of " + serverIp, e);
        }
    }

    private static void seed() throws Exception {
        String seed = """
                {
                  "vicidial_user_groups": [{"user_group": "ADMIN", "group_name": "Admins", "admin_viewable_groups": " ---ALL--- "}],
                  "vicidial_users": [{"user": "6666", "pass": "1234", "user_level": 9, "user_group": "ADMIN",
                    "ast_admin_access": "1", "ast_delete_phones": "1", "vdc_agent_api_access": "1"}],
                  "servers": [
                    {"server_id": "telco15", "server_ip": "10.10.10.15", "active": "Y", "active_asterisk_server": "Y",
                     "generate_vicidial_conf": "Y", "rebuild_conf_files": "N", "asterisk_version": "18.21.0"},
                    {"server_id": "telco16", "server_ip": "10.10.10.16", "active": "Y", "active_asterisk_server": "Y",
                     "generate_vicidial_conf": "Y", "rebuild_conf_files": "N", "asterisk_version": "21.4.1"}
                  ]
                }
                """;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(apiUri("/api/v1/admin/seed?mode=replace"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(seed)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static Map<String, String> addPhone(String extension, String serverIp, String registrationPassword) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("source", "e2e");
        parameters.put("user", "6666");
        parameters.put("pass", "1234");
        parameters.put("function", "add_phone");
        parameters.put("extension", extension);
        parameters.put("dialplan_number", extension.substring(2));
        parameters.put("voicemail_id", extension.substring(2));
        parameters.put("phone_login", extension);
        parameters.put("phone_pass", "Vm" + extension);
        parameters.put("server_ip", serverIp);
        parameters.put("protocol", "SIP");
        parameters.put("registration_password", registrationPassword);
        parameters.put("phone_full_name", "Agent " + extension);
        parameters.put("local_gmt", "-5.00");
        parameters.put("outbound_cid", "3125551212");
        return parameters;
    }

    private static HttpResponse<String> callApi(Map<String, String> parameters) throws Exception {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(apiUri("/vicidial/non_agent_api.php?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(apiUri(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The JSON API follows the agents' status events asynchronously: wait until it shows what they reported. */
    private static void awaitServer(String serverIp, Predicate<JsonNode> condition) {
        awaitJson("/api/v1/servers/" + serverIp, condition);
    }

    private static void awaitJson(String path, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                last.set(getJson(path));
                return condition.test(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(path + " never matched; last answer: " + last.get(), e);
        }
    }

    private static URI apiUri(String path) {
        return URI.create("http://127.0.0.1:" + api.httpPort() + path);
    }

    private static TopicTail statusTail() {
        return new TopicTail(infrastructure.addresses().kafkaBootstrap(), Topics.REFRESH_STATUS);
    }

    /**
     * The first status of this server covering all the given request ids (an empty list: the start-up status,
     * which covers none).
     */
    private static JsonNode awaitStatus(TopicTail status, String serverIp, List<String> requestIds) throws IOException {
        var records = status.await(record -> serverIp.equals(record.key()) && covers(record, requestIds), 1, STATUS_WAIT);
        assertThat(records).as("status of %s for %s; agent log:%n%s", serverIp, requestIds,
                telcos.get(serverIp).agent.logTail()).isNotEmpty();
        return JSON.readTree(records.get(0).value());
    }

    private static boolean covers(ConsumerRecord<String, String> record, List<String> requestIds) {
        try {
            JsonNode ids = JSON.readTree(record.value()).get("requestIds");
            if (requestIds.isEmpty()) {
                return ids.isEmpty();
            }
            List<String> covered = new java.util.ArrayList<>();
            ids.forEach(id -> covered.add(id.asText()));
            return covered.containsAll(requestIds);
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> snapshot(Telco telco) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (var list = Files.list(telco.confDir)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }
}
