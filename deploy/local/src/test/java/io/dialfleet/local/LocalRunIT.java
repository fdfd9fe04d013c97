package io.dialfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.infra.MariaDbAvailable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the README's first command, {@code deploy/local/run}, as a user would: it reaches READY, an add_phone by
 * HTTP shows up in the simulated telco server's file, the JSON API reports the server in sync, and SIGTERM stops
 * every process it started within 15 seconds.
 */
class LocalRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    private Process run;
    private Process ownAgent;

    @AfterEach
    void killLeftovers() {
        if (run != null && run.isAlive()) {
            run.destroyForcibly();
        }
        if (ownAgent != null && ownAgent.isAlive()) {
            ownAgent.destroyForcibly();
        }
        processesOf(directory).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void theLocalRunServesTheApiFeedsItsAgentsAndStopsCleanly() throws Exception {
        Path root = LocalPaths.projectRoot();
        int port = Ports.free();
        run = new ProcessBuilder(root.resolve("deploy/local/run").toString(), "--dir", directory.toString(),
                "--http-port", String.valueOf(port), "--no-agent", "10.10.10.16")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<String> ready = readUntilReady(run, output);
        String readyLine;
        try {
            readyLine = ready.get(240, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no READY within 240 s; output so far:\n" + output + logTails(), e);
        }
        assertThat(readyLine).as(output.toString()).isEqualTo("READY http://127.0.0.1:" + port);

        Map<String, String> env = runEnv(directory.resolve("run.env"));
        assertThat(env).containsKeys("DIALFLEET_URL", "DIALFLEET_ADMIN_TOKEN", "DIALFLEET_PG_URL", "KAFKA_BOOTSTRAP_SERVERS",
                "DIALFLEET_API_URL", "DIALFLEET_INTERNAL_TOKEN", "DIALFLEET_AGENT_REFRESH_REQUESTS_TOPIC",
                "DIALFLEET_AGENT_REFRESH_STATUS_TOPIC");
        assertThat(env.get("DIALFLEET_PG_URL")).startsWith("postgresql://");
        assertThat(env.get("DIALFLEET_SERVER_IPS")).isEqualTo("10.10.10.15,10.10.10.16");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("run.env"))))
                .as("run.env holds the tokens").isEqualTo("rw-------");
        String url = env.get("DIALFLEET_URL");
        assertThat(output.toString()).contains("user=6666 pass=1234", "curl ",
                "telco server 10.10.10.15: local agent, Asterisk files in " + directory.resolve("agents/10.10.10.15"),
                "telco server 10.10.10.16: no local agent");
        assertThat(directory.resolve("agents/10.10.10.15")).isDirectory();
        assertThat(directory.resolve("agents/10.10.10.16")).doesNotExist();

        // An agent started by hand, as the welcome text says, with only run.env and its own server's settings.
        Path ownConf = Files.createDirectories(directory.resolve("own-asterisk"));
        ProcessBuilder agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlocalrun.directory=" + directory, "-jar", ServiceKind.REFRESH_AGENT.runnerJar().toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("logs/own-agent.log").toFile());
        agent.environment().putAll(env);
        agent.environment().put("DIALFLEET_AGENT_SERVER_IP", "10.10.10.16");
        agent.environment().put("DIALFLEET_AGENT_CONF_DIR", ownConf.toString());
        agent.environment().put("DIALFLEET_AGENT_RELOAD_MODE", "none");
        agent.environment().put("DIALFLEET_AGENT_HTTP_PORT", String.valueOf(Ports.free()));
        ownAgent = agent.start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode server = getJson(url + "/api/v1/servers/10.10.10.16", env.get("DIALFLEET_ADMIN_TOKEN"));
            return server.get("inSync").asBoolean() && server.get("appliedRevision").asLong() > 0;
        });
        assertThat(Files.readString(ownConf.resolve("dialfleet-pjsip.conf"))).contains("[cc201]");
        // The run stops only what it started; the agent of your own is yours to stop.
        ownAgent.destroy();
        assertThat(ownAgent.waitFor(15, TimeUnit.SECONDS)).as("own agent stopped").isTrue();

        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(url
                + "/vicidial/non_agent_api.php?source=test&user=6666&pass=1234&function=add_phone&extension=cc150"
                + "&dialplan_number=150&voicemail_id=150&phone_login=cc150&phone_pass=vm150&server_ip=10.10.10.15"
                + "&protocol=SIP&registration_password=Local150pw&phone_full_name=Agent+150&local_gmt=-5.00"
                + "&outbound_cid=3125551150")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.body()).isEqualTo("SUCCESS: add_phone PHONE HAS BEEN ADDED - 6666|cc150|10.10.10.15|SIP|150\n");

        Path sipFile = directory.resolve("agents/10.10.10.15/dialfleet-sip.conf");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(sipFile)
                && Files.readString(sipFile).contains("[cc150]"));
        assertThat(Files.readString(sipFile)).contains("secret=Local150pw");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode server = getJson(url + "/api/v1/servers/10.10.10.15", env.get("DIALFLEET_ADMIN_TOKEN"));
            return server.get("inSync").asBoolean() && server.get("appliedRevision").asLong() > 0;
        });
        // The metrics the welcome text points at, on both services.
        assertThat(output.toString()).contains("curl " + url + "/q/metrics");
        Matcher agentMetrics = Pattern.compile("telco server 10\\.10\\.10\\.15: .*, metrics (http://\\S+/q/metrics)")
                .matcher(output);
        assertThat(agentMetrics.find()).as(output.toString()).isTrue();
        Scrape apiMetrics = Scrape.of(HTTP, URI.create(url).getPort());
        assertThat(apiMetrics.value("dialfleet_api_requests_seconds_count", "function", "add_phone", "result",
                "SUCCESS")).isEqualTo(1);
        assertThat(apiMetrics.value("dialfleet_server_desired_revision", "server", "10.10.10.15")).isPositive();
        Scrape agentScrape = Scrape.of(HTTP, URI.create(agentMetrics.group(1)).getPort());
        assertThat(agentScrape.value("dialfleet_agent_runs_seconds_count", "outcome", "APPLIED")).isPositive();
        assertThat(processesOf(directory)).as("services started for this run").isNotEmpty();

        Instant stopAsked = Instant.now();
        run.destroy();
        assertThat(run.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s").isTrue();
        assertThat(Duration.between(stopAsked, Instant.now())).isLessThan(Duration.ofSeconds(15));
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> processesOf(directory).isEmpty());
    }

    /**
     * {@code deploy/local/run --vicidial}: a MariaDB with VICIdial's tables beside the run, the demo phones mirrored
     * into it, and an edit made there the way VICIdial's admin.php makes it back in the agent's file.
     */
    @Test
    @ExtendWith(MariaDbAvailable.class)
    void theVicidialRunMirrorsThePhonesAndTakesBackAnAdminEdit() throws Exception {
        Path root = LocalPaths.projectRoot();
        int port = Ports.free();
        run = new ProcessBuilder(root.resolve("deploy/local/run").toString(), "--dir", directory.toString(),
                "--http-port", String.valueOf(port), "--vicidial")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuffer output = new StringBuffer();
        String readyLine;
        try {
            readyLine = readUntilReady(run, output).get(240, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no READY within 240 s; output so far:\n" + output + logTails(), e);
        }
        assertThat(readyLine).as(output.toString()).isEqualTo("READY http://127.0.0.1:" + port);
        Map<String, String> env = runEnv(directory.resolve("run.env"));
        assertThat(env).containsKeys("VICIDIAL_DB_URL", "VICIDIAL_DB_PORT", "VICIDIAL_DB_USER", "VICIDIAL_DB_PASSWORD");
        assertThat(env.get("VICIDIAL_DB_URL")).startsWith("jdbc:mariadb://127.0.0.1:").endsWith("/asterisk");
        assertThat(output.toString()).as("the client commands read the password from run.env")
                .contains(env.get("VICIDIAL_DB_URL")).contains("vicidial_admin_log").contains("$VICIDIAL_DB_PASSWORD")
                .doesNotContain("-p" + env.get("VICIDIAL_DB_PASSWORD"));

        try (Connection mysql = DriverManager.getConnection(env.get("VICIDIAL_DB_URL"), env.get("VICIDIAL_DB_USER"),
                env.get("VICIDIAL_DB_PASSWORD"))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(mysql,
                    "SELECT count(*) FROM phones WHERE extension IN ('cc101', 'cc102', 'cc201')") == 3);

            Path sipFile = directory.resolve("agents/10.10.10.15/dialfleet-sip.conf");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(sipFile)
                    && Files.readString(sipFile).contains("[cc101]"));
            try (Statement statement = mysql.createStatement()) {
                statement.executeUpdate("UPDATE phones SET fullname = 'Edited In VICIdial' WHERE extension = 'cc101'");
                statement.executeUpdate("""
                        INSERT INTO vicidial_admin_log SET event_date = NOW(), user = '6666', ip_address = '127.0.0.1',
                            event_section = 'PHONES', event_type = 'MODIFY', record_id = 'cc101',
                            event_code = 'ADMIN MODIFY PHONE'""");
            }
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.readString(sipFile).contains("Edited In VICIdial"));
        }
        JsonNode bridge = getJson(env.get("DIALFLEET_URL") + "/api/v1/bridge", env.get("DIALFLEET_ADMIN_TOKEN"));
        assertThat(bridge.get("enabled").asBoolean()).isTrue();
        assertThat(bridge.get("connected").asBoolean()).isTrue();

        run.destroy();
        assertThat(run.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s").isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> processesOf(directory).isEmpty());
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aComponentThatCannotStartEndsTheRunWithItsNameAndReason() throws Exception {
        Path root = LocalPaths.projectRoot();
        Path badSeed = Files.writeString(directory.resolve("bad-seed.json"), "{\"no_such_table\": []}");
        run = new ProcessBuilder(root.resolve("deploy/local/run").toString(), "--dir", directory.resolve("run").toString(),
                "--http-port", String.valueOf(Ports.free()), "--seed", badSeed.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isNotZero();
        assertThat(output).contains("api-service did not start").contains("no_such_table");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> processesOf(directory).isEmpty());
    }

    /**
     * Reads the run's output on a thread of its own until the process ends, so the pipe never fills; completes with
     * the READY line.
     */
    private static CompletableFuture<String> readUntilReady(Process process, StringBuffer output) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("READY ")) {
                        ready.complete(line);
                    }
                }
                ready.complete("exited before READY");
            } catch (IOException e) {
                ready.complete("output unreadable: " + e.getMessage());
            }
        }, "local-run-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    /** The last lines of every service log of the run, for a failure's message. */
    private String logTails() {
        StringBuilder tails = new StringBuilder();
        try (var logs = Files.list(directory.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                tails.append("\n--- ").append(log.getFileName()).append(" (last 30 lines) ---\n");
                lines.subList(Math.max(0, lines.size() - 30), lines.size())
                        .forEach(line -> tails.append(line).append('\n'));
            }
        } catch (IOException e) {
            tails.append("\n(no service logs: ").append(e.getMessage()).append(')');
        }
        return tails.toString();
    }

    /** Every live process whose command line names this run's directory: the services and PostgreSQL. */
    private static List<ProcessHandle> processesOf(Path directory) {
        String marker = directory.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .toList();
    }

    private static Map<String, String> runEnv(Path file) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                env.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return env;
    }

    private static JsonNode getJson(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
