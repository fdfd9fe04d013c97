package io.dialfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.infra.LocalPostgres;
import io.dialfleet.infra.MariaDbAvailable;
import io.dialfleet.infra.PostgresDurability;
import io.dialfleet.infra.PostgresOptions;
import io.dialfleet.infra.PostgresServer;
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
        int port = Ports.free();
        String output = startUntilReady(port, "--no-agent", "10.10.10.16");

        Map<String, String> env = runEnv(directory.resolve("run.env"));
        assertThat(env).containsKeys("DIALFLEET_URL", "DIALFLEET_ADMIN_TOKEN", "DIALFLEET_PG_URL", "KAFKA_BOOTSTRAP_SERVERS",
                "DIALFLEET_API_URL", "DIALFLEET_AGENT_REFRESH_REQUESTS_TOPIC",
                "DIALFLEET_AGENT_REFRESH_STATUS_TOPIC");
        assertThat(env.get("DIALFLEET_PG_URL")).startsWith("postgresql://");
        assertThat(env.get("DIALFLEET_SERVER_IPS")).isEqualTo("10.10.10.15,10.10.10.16");
        // Agents have keys of their own: no shared agent token to hand around.
        assertThat(env).doesNotContainKey("DIALFLEET_INTERNAL_TOKEN");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("run.env"))))
                .as("run.env holds the tokens").isEqualTo("rw-------");
        String url = env.get("DIALFLEET_URL");
        assertThat(output).contains("user=6666 pass=1234", "curl ",
                "telco server 10.10.10.15: local agent, Asterisk files in " + directory.resolve("agents/10.10.10.15"),
                "telco server 10.10.10.16: no local agent", "/api/v1/servers/10.10.10.16/agent-keys");
        assertThat(directory.resolve("agents/10.10.10.15")).isDirectory();
        assertThat(directory.resolve("agents/10.10.10.16")).doesNotExist();

        // An agent started by hand, as the welcome text says, with only run.env, its own server's settings and the key
        // the operator issues for it.
        HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(URI.create(url
                        + "/api/v1/servers/10.10.10.16/agent-keys"))
                .header("Authorization", "Bearer " + env.get("DIALFLEET_ADMIN_TOKEN"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String credential = new ObjectMapper().readTree(issued.body()).get("credential").asText();
        Path ownConf = Files.createDirectories(directory.resolve("own-asterisk"));
        ProcessBuilder agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlocalrun.directory=" + directory, "-jar", ServiceKind.REFRESH_AGENT.runnerJar().toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("logs/own-agent.log").toFile());
        agent.environment().putAll(env);
        agent.environment().put("DIALFLEET_AGENT_SERVER_IP", "10.10.10.16");
        agent.environment().put("DIALFLEET_AGENT_CREDENTIAL", credential);
        agent.environment().put("DIALFLEET_AGENT_CONF_DIR", ownConf.toString());
        agent.environment().put("DIALFLEET_AGENT_RELOAD_MODE", "none");
        agent.environment().put("DIALFLEET_AGENT_HTTP_PORT", String.valueOf(Ports.free()));
        ownAgent = agent.start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode server = getJson(url + "/api/v1/servers/10.10.10.16", env.get("DIALFLEET_ADMIN_TOKEN"));
            return server.path("inSync").asBoolean() && server.path("appliedRevision").asLong() > 0;
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
            return server.path("inSync").asBoolean() && server.path("appliedRevision").asLong() > 0;
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
        assertNoSecretOnACommandLine(List.of(env.get("DIALFLEET_ADMIN_TOKEN")));

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
        int port = Ports.free();
        String output = startUntilReady(port, "--vicidial");
        Map<String, String> env = runEnv(directory.resolve("run.env"));
        assertThat(env).containsKeys("VICIDIAL_DB_URL", "VICIDIAL_DB_PORT", "VICIDIAL_DB_USER", "VICIDIAL_DB_PASSWORD");
        assertThat(env.get("VICIDIAL_DB_URL")).startsWith("jdbc:mariadb://127.0.0.1:").endsWith("/asterisk");
        assertThat(output).as("the client commands read the password from run.env")
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
        assertNoSecretOnACommandLine(List.of(env.get("DIALFLEET_ADMIN_TOKEN")));

        run.destroy();
        assertThat(run.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s").isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> processesOf(directory).isEmpty());
    }

    /**
     * Issue 9: the local run's PostgreSQL commits synchronously, so killing it (SIGKILL, postmaster and backends) while
     * add_phone calls run loses none that was answered SUCCESS: each is there when PostgreSQL starts again on the run's
     * data. With {@code synchronous_commit=off} the same kill lost eight.
     */
    @Test
    void killingPostgresLosesNoAcknowledgedWrite() throws Exception {
        int port = Ports.free();
        startUntilReady(port, "--no-agents");
        Path data = directory.resolve("data/postgres");
        try (Connection connection = DriverManager.getConnection(runEnvJdbcUrl(), "dialfleet", "dialfleet");
                Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("SHOW synchronous_commit")) {
            setting.next();
            assertThat(setting.getString(1)).isEqualTo("on");
        }

        AcknowledgedWrites writes = new AcknowledgedWrites("http://127.0.0.1:" + port, 8);
        writes.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> writes.acknowledged().size() >= 50);
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        List<Long> killed = killWithDescendants(postmaster);
        List<String> acknowledged = writes.stop();
        run.destroy();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("the run stops without its PostgreSQL").isTrue();
        assertThat(killed).as("postmaster and backends killed").hasSizeGreaterThan(2);

        try (PostgresServer restarted = LocalPostgres.start(PostgresOptions.defaults().withDataDirectory(data)
                .withDurability(PostgresDurability.DURABLE));
                Connection connection = DriverManager.getConnection(restarted.address().jdbcUrl(), "dialfleet",
                        "dialfleet");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT extension FROM phones WHERE extension LIKE 'ack%'")) {
            List<String> stored = new java.util.ArrayList<>();
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
            System.out.printf("PostgreSQL killed (%d processes) after %d acknowledged add_phone; %d phones stored%n",
                    killed.size(), acknowledged.size(), stored.size());
            assertThat(stored).as("every add_phone answered SUCCESS before the kill survived it")
                    .containsAll(acknowledged);
        }
    }

    private String runEnvJdbcUrl() throws Exception {
        String libpq = runEnv(directory.resolve("run.env")).get("DIALFLEET_PG_URL");
        URI uri = URI.create(libpq);
        return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    /** SIGKILL, as a crash does it: the postmaster first, then every process it started. */
    private static List<Long> killWithDescendants(long pid) throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        for (ProcessHandle process : all) {
            new ProcessBuilder("kill", "-KILL", String.valueOf(process.pid())).start().waitFor();
        }
        return all.stream().map(ProcessHandle::pid).toList();
    }

    /**
     * No service of the run carries a secret on its command line, which every user of the machine reads in
     * {@code ps}: no token or password value, no {@code -D...token=} or {@code -D...password=} option.
     */
    private void assertNoSecretOnACommandLine(List<String> secrets) throws IOException {
        List<ProcessHandle> processes = processesOf(directory);
        assertThat(processes).isNotEmpty();
        for (ProcessHandle process : processes) {
            String commandLine = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()),
                    "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
            for (String secret : secrets) {
                assertThat(commandLine).as("command line of pid " + process.pid()).doesNotContain(secret);
            }
            assertThat(commandLine.toLowerCase(java.util.Locale.ROOT)).as("command line of pid " + process.pid())
                    .doesNotContain("token=").doesNotContain("password=").doesNotContain("secret=")
                    .doesNotContain("credential=");
            assertThat(commandLine).as("an agent key on the command line of pid " + process.pid())
                    .doesNotContainPattern("ak_[0-9a-f]{16}\\.");
        }
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

    /** Starts {@code deploy/local/run} on this test's directory and port; @return its output up to READY. */
    private String startUntilReady(int port, String... options) throws IOException, InterruptedException,
            java.util.concurrent.ExecutionException {
        Path root = LocalPaths.projectRoot();
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("deploy/local/run").toString(), "--dir",
                directory.toString(), "--http-port", String.valueOf(port)));
        command.addAll(List.of(options));
        run = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        String readyLine;
        try {
            readyLine = readUntilReady(run, output).get(240, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no READY within 240 s; output so far:\n" + output + logTails(), e);
        }
        assertThat(readyLine).as(output.toString()).isEqualTo("READY http://127.0.0.1:" + port);
        return output.toString();
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
