package io.dialfleet.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.events.Topics;
import io.dialfleet.infra.InfraMode;
import io.dialfleet.infra.InfraSettings;
import io.dialfleet.infra.Infrastructure;
import io.dialfleet.infra.KafkaOptions;
import io.dialfleet.infra.MariaDb;
import io.dialfleet.infra.MariaDbOptions;
import io.dialfleet.infra.MariaDbServer;
import io.dialfleet.infra.PostgresDurability;
import io.dialfleet.infra.PostgresOptions;
import io.dialfleet.infra.VicidialSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine, with no Docker: a real PostgreSQL and Kafka from Maven artifacts, the packaged
 * api-service loading a fleet seed, and one refresh-agent per server of the seed, each a simulated telco server
 * writing into {@code <dir>/agents/<server_ip>/}. With {@code --vicidial}, also a MariaDB with VICIdial's tables
 * standing in for a VICIdial cluster's MySQL, and the VICIdial bridge on. Ready when everything answers its readiness
 * check; Ctrl-C or SIGTERM stops every process it started.
 */
public final class LocalRun {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final String RUN_DIRECTORY_PROPERTY = "localrun.directory";

    private final LocalRunOptions options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private Infrastructure infrastructure;
    private MariaDbServer vicidial;

    private LocalRun(LocalRunOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        LocalRunOptions options;
        try {
            options = LocalRunOptions.parse(args, LocalPaths.projectRoot());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
            return;
        }
        LocalRun run = new LocalRun(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.stop();
            stopped.countDown();
        }, "local-run-stop"));
        try {
            run.start();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() {
        Path directory = options.directory();
        JsonNode seed = readSeed(options.seed());
        for (String serverIp : options.withoutAgent()) {
            if (!serverIps(seed).contains(serverIp)) {
                throw new IllegalArgumentException("--no-agent " + serverIp + ": not a server of " + options.seed()
                        + " (its servers: " + String.join(", ", serverIps(seed)) + ")");
            }
        }
        String adminToken = options.adminToken().orElseGet(LocalRun::randomToken);
        resetDirectory(directory);

        infrastructure = step("PostgreSQL and Kafka", () -> Infrastructure.start(new InfraSettings(InfraMode.EMBEDDED,
                // Durable: a reply the API sent survives a killed PostgreSQL, as in production.
                PostgresOptions.defaults().withDataDirectory(directory.resolve("data/postgres"))
                        .withDurability(PostgresDurability.DURABLE),
                KafkaOptions.defaults().withLogDirectory(directory.resolve("data/kafka")))));

        if (options.vicidial()) {
            vicidial = step("MariaDB with VICIdial's tables", () -> startVicidial(directory, seed));
        }

        Map<String, String> api = new LinkedHashMap<>(infrastructure.addresses().quarkusConfig());
        if (vicidial != null) {
            api.put("dialfleet.vicidial.url", vicidial.jdbcUrl());
            api.put("dialfleet.vicidial.username", vicidial.user());
            api.put("dialfleet.vicidial.password", vicidial.password());
        }
        api.put("dialfleet.admin.token", adminToken);
        api.put("dialfleet.seed.file", options.seed().toString());
        api.put("dialfleet.seed.mode", "replace");
        ServiceProcess apiService = step("api-service", () -> launch(ServiceProcess.start("api-service",
                ServiceKind.API_SERVICE, options.httpPort(), tagged(api), directory.resolve("logs/api-service.log"))));

        String url = "http://127.0.0.1:" + apiService.httpPort();
        List<String> agentServers = new ArrayList<>();
        Map<String, Integer> agentPorts = new LinkedHashMap<>();
        for (String serverIp : serverIps(seed)) {
            if (options.agents() && !options.withoutAgent().contains(serverIp)) {
                Path confDir = directory.resolve("agents").resolve(serverIp);
                // Each agent its own key, bound to its server, as in production.
                ServiceProcess agent = step("refresh-agent " + serverIp, () -> launch(ServiceProcess.start(
                        "refresh-agent " + serverIp, ServiceKind.REFRESH_AGENT, Ports.free(),
                        tagged(agentProperties(serverIp, confDir, AgentKeyRequest.issue(url, adminToken, serverIp))),
                        directory.resolve("logs/agent-" + serverIp + ".log"))));
                agentServers.add(serverIp);
                agentPorts.put(serverIp, agent.httpPort());
            }
        }

        writeRunEnv(directory.resolve("run.env"), url, adminToken, serverIps(seed));
        printWelcome(seed, url, adminToken, directory, agentServers, agentPorts);
        if (vicidial != null) {
            printVicidial(vicidial, directory, url);
        }
        System.out.println("READY " + url);
        System.out.flush();
    }

    private Map<String, String> agentProperties(String serverIp, Path confDir, String credential) {
        Map<String, String> agent = new LinkedHashMap<>();
        agent.put("kafka.bootstrap.servers", infrastructure.addresses().kafkaBootstrap());
        agent.put("dialfleet.agent.server-ip", serverIp);
        agent.put("dialfleet.agent.agent-id", "local-agent-" + serverIp);
        agent.put("dialfleet.agent.api.url", "http://127.0.0.1:" + options.httpPort());
        agent.put("dialfleet.agent.credential", credential);
        agent.put("dialfleet.agent.conf.directory", confDir.toString());
        agent.put("dialfleet.agent.state-file", confDir.resolveSibling(serverIp + ".state.json").toString());
        agent.put("dialfleet.agent.reload.mode", options.reloadCommand().isPresent() ? "cli" : "none");
        options.reloadCommand().ifPresent(command -> agent.put("dialfleet.agent.reload.asterisk-binary", command));
        return agent;
    }

    /**
     * Every service of this run carries the run directory on its command line, so that {@code pgrep -f <dir>} finds
     * all of them (PostgreSQL names its data directory there anyway).
     */
    private Map<String, String> tagged(Map<String, String> properties) {
        Map<String, String> withRun = new LinkedHashMap<>(properties);
        withRun.put(RUN_DIRECTORY_PROPERTY, options.directory().toString());
        // A demo on a laptop answers on loopback only.
        withRun.put("quarkus.http.host", "127.0.0.1");
        return withRun;
    }

    private ServiceProcess launch(ServiceProcess process) {
        services.add(process);
        return process.awaitReady(START_TIMEOUT);
    }

    /** Runs one start-up step; a failure names the component and why, and the run ends. */
    private static <T> T step(String component, java.util.function.Supplier<T> start) {
        System.out.println("starting " + component + " ...");
        try {
            return start.get();
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError: the build was replaced under a running launcher; still name the component and stop.
            throw new IllegalStateException(component + " did not start: " + e, e);
        }
    }

    private synchronized void stop() {
        services.forEach(ServiceProcess::terminate);
        services.forEach(ServiceProcess::close);
        services.clear();
        if (vicidial != null) {
            vicidial.close();
            vicidial = null;
        }
        if (infrastructure != null) {
            infrastructure.close();
            infrastructure = null;
        }
    }

    /**
     * What scripts and an agent started by hand need: the API, the operator token (which issues an agent's key),
     * PostgreSQL, Kafka and its topics, and the seed's servers. Readable by the user only: it holds the token.
     */
    private void writeRunEnv(Path file, String url, String adminToken, List<String> servers) {
        String env = "DIALFLEET_URL=" + url + "\n"
                + "DIALFLEET_ADMIN_TOKEN=" + adminToken + "\n"
                + "DIALFLEET_PG_URL=" + infrastructure.addresses().libpqUrl() + "\n"
                + "KAFKA_BOOTSTRAP_SERVERS=" + infrastructure.addresses().kafkaBootstrap() + "\n"
                + "DIALFLEET_API_URL=" + url + "\n"
                + "DIALFLEET_AGENT_REFRESH_REQUESTS_TOPIC=" + Topics.REFRESH_REQUESTS + "\n"
                + "DIALFLEET_AGENT_REFRESH_STATUS_TOPIC=" + Topics.REFRESH_STATUS + "\n"
                + "DIALFLEET_SERVER_IPS=" + String.join(",", servers) + "\n";
        if (vicidial != null) {
            env += "VICIDIAL_DB_URL=" + vicidial.jdbcUrl() + "\n"
                    + "VICIDIAL_DB_PORT=" + port(vicidial.jdbcUrl()) + "\n"
                    + "VICIDIAL_DB_USER=" + vicidial.user() + "\n"
                    + "VICIDIAL_DB_PASSWORD=" + vicidial.password() + "\n";
        }
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, env);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void printWelcome(JsonNode seed, String url, String adminToken, Path directory,
            List<String> agentServers, Map<String, Integer> agentPorts) {
        Path runEnv = directory.resolve("run.env");
        System.out.println();
        System.out.println("dialfleet is running. Logs: " + directory.resolve("logs") + "; settings: " + runEnv);
        JsonNode apiUser = null;
        for (JsonNode user : seed.path("vicidial_users")) {
            if (user.has("pass")) {
                apiUser = apiUser == null ? user : apiUser;
                System.out.println("API user from the seed: user=" + user.get("user").asText() + " pass="
                        + user.get("pass").asText());
            }
        }
        System.out.println("Operator token (admin API): " + adminToken);
        for (String serverIp : serverIps(seed)) {
            if (agentServers.contains(serverIp)) {
                System.out.println("telco server " + serverIp + ": local agent, Asterisk files in "
                        + directory.resolve("agents").resolve(serverIp) + ", metrics http://127.0.0.1:"
                        + agentPorts.get(serverIp) + "/q/metrics");
            } else {
                System.out.println("telco server " + serverIp + ": no local agent; attach your own (below)");
            }
        }
        System.out.println("Try:");
        List<String> servers = serverIps(seed);
        if (apiUser != null && !servers.isEmpty()) {
            String server = agentServers.isEmpty() ? servers.get(0) : agentServers.get(0);
            System.out.println("  curl '" + url + "/vicidial/non_agent_api.php?source=test&user="
                    + apiUser.get("user").asText() + "&pass=" + apiUser.get("pass").asText()
                    + "&function=add_phone&extension=cc103&dialplan_number=103&voicemail_id=103&phone_login=cc103"
                    + "&phone_pass=vm103&server_ip=" + server + "&protocol=SIP&registration_password=Demo103pw"
                    + "&phone_full_name=Agent+Four&local_gmt=-5.00&outbound_cid=3125551003'");
        }
        System.out.println("  curl -H 'Authorization: Bearer " + adminToken + "' " + url + "/api/v1/servers");
        System.out.println("  curl " + url + "/q/metrics | grep ^dialfleet_");
        System.out.println("The fleet page, live as agents report (sign in as an admin user of the seed): " + url
                + "/fleet");
        List<String> unserved = servers.stream().filter(server -> !agentServers.contains(server)).toList();
        if (!servers.isEmpty()) {
            System.out.println(unserved.isEmpty()
                    ? "Your own agent and Asterisk: start the run with --no-agent <ip> so that yours is the only agent"
                            + " of that server, then:"
                    : "Your own agent and Asterisk for " + String.join(", ", unserved) + ":");
            String server = unserved.isEmpty() ? servers.get(0) : unserved.get(0);
            System.out.println("  set -a; . " + runEnv + "; set +a");
            System.out.println("  curl -s -X POST -H \"Authorization: Bearer $DIALFLEET_ADMIN_TOKEN\" "
                    + "\"$DIALFLEET_URL/api/v1/servers/" + server + "/agent-keys\"");
            System.out.println("  (its \"credential\" is that agent's own key, shown once; then)");
            System.out.println("  DIALFLEET_AGENT_CREDENTIAL=<credential> DIALFLEET_AGENT_SERVER_IP=" + server
                    + " DIALFLEET_AGENT_CONF_DIR=/etc/asterisk DIALFLEET_AMI_SECRET=... \\");
            System.out.println("    java -jar refresh-agent/target/quarkus-app/quarkus-run.jar");
        }
        System.out.println();
    }

    /**
     * The stand-in for a VICIdial cluster's MySQL: VICIdial's tables, and the seed's servers in them as VICIdial would
     * hold them, so its phones (mirrored by the bridge) belong to servers VICIdial knows. The servers' generation is
     * off there: dialfleet's agents render them (one renderer per server).
     */
    private static MariaDbServer startVicidial(Path directory, JsonNode seed) {
        MariaDbServer server = MariaDb.start(InfraMode.EMBEDDED,
                MariaDbOptions.defaults().withDataDirectory(directory.resolve("data/mariadb")));
        VicidialSchema.create(server, true);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO servers (server_id, server_description, server_ip, active, asterisk_version,
                            active_asterisk_server, generate_vicidial_conf, rebuild_conf_files)
                        VALUES (?, ?, ?, 'Y', ?, 'Y', 'N', 'N')""")) {
            for (JsonNode row : seed.path("servers")) {
                insert.setString(1, row.path("server_id").asText());
                insert.setString(2, row.path("server_description").asText(""));
                insert.setString(3, row.path("server_ip").asText());
                insert.setString(4, row.path("asterisk_version").asText("18.18.0"));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("cannot write the seed's servers to MariaDB: " + e.getMessage(), e);
        }
        return server;
    }

    /** The client command reads the credentials from run.env, so the console shows none. */
    private static void printVicidial(MariaDbServer server, Path directory, String url) {
        String client = "mariadb -h 127.0.0.1 -P \"$VICIDIAL_DB_PORT\" -u \"$VICIDIAL_DB_USER\" "
                + "-p\"$VICIDIAL_DB_PASSWORD\" asterisk";
        System.out.println("VICIdial's MySQL (MariaDB with VICIdial's tables): " + server.jdbcUrl()
                + "; the VICIdial bridge is on. After `. " + directory.resolve("run.env") + "`:");
        System.out.println("  the phones dialfleet mirrored there:");
        System.out.println("    " + client + " -e 'SELECT extension, server_ip, login, fullname FROM phones'");
        System.out.println("  an edit made the way VICIdial's admin.php makes it, back in dialfleet within seconds:");
        System.out.println("    " + client + " -e \"UPDATE phones SET fullname='Edited In VICIdial' WHERE extension='cc101';"
                + " INSERT INTO vicidial_admin_log SET event_date=NOW(), user='6666', ip_address='127.0.0.1',"
                + " event_section='PHONES', event_type='MODIFY', record_id='cc101', event_code='ADMIN MODIFY PHONE'\"");
        System.out.println("  the bridge's health: curl -H \"Authorization: Bearer $DIALFLEET_ADMIN_TOKEN\" " + url
                + "/api/v1/bridge");
        System.out.println();
    }

    private static int port(String jdbcUrl) {
        return URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
    }

    private static List<String> serverIps(JsonNode seed) {
        List<String> serverIps = new ArrayList<>();
        seed.path("servers").forEach(server -> serverIps.add(server.get("server_ip").asText()));
        return serverIps;
    }

    private static JsonNode readSeed(Path seed) {
        try {
            return new ObjectMapper().readTree(seed.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the seed " + seed + ": " + e.getMessage(), e);
        }
    }

    /** Each run starts from empty data: the seed is the fleet. */
    private static void resetDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String owned : List.of("data", "agents", "logs")) {
                deleteTree(directory.resolve(owned));
            }
            Files.deleteIfExists(directory.resolve("run.env"));
            Files.createDirectories(directory.resolve("logs"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
