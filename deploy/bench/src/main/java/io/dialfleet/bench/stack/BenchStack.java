package io.dialfleet.bench.stack;

import io.dialfleet.bench.BenchOptions.StackOptions;
import io.dialfleet.bench.fleet.OperatorApi;
import io.dialfleet.bench.measure.CpuSubject;
import io.dialfleet.bench.measure.ProcessFinder;
import io.dialfleet.bench.report.Progress;
import io.dialfleet.infra.InfraAddresses;
import io.dialfleet.infra.InfraMode;
import io.dialfleet.infra.MariaDb;
import io.dialfleet.infra.MariaDbOptions;
import io.dialfleet.infra.MariaDbServer;
import io.dialfleet.infra.VicidialSchema;
import io.dialfleet.local.Ports;
import io.dialfleet.local.ServiceKind;
import io.dialfleet.local.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The system under test: started by the tool (embedded PostgreSQL and Kafka in a JVM of their own, the packaged
 * api-service, agents on demand) or attached to. Knows how to reach it, which processes to measure, and how to
 * describe it in a report.
 */
public final class BenchStack implements AutoCloseable {

    public static final String API_SERVICE = "api-service";
    public static final String POSTGRES = "PostgreSQL";
    public static final String KAFKA = "Kafka JVM";
    public static final String AGENTS = "agents";
    public static final String LOAD_GENERATOR = "bench JVM";

    private static final Duration API_START_TIMEOUT = Duration.ofSeconds(180);

    private final String description;
    private final OperatorApi api;
    private final Optional<String> kafkaBootstrap;
    private final Optional<PostgresLink> postgres;
    private final OptionalLong apiPid;
    private final OptionalLong kafkaPid;
    private final Optional<AgentFleet> agents;
    private final List<AutoCloseable> owned;
    private final Map<String, String> postgresSettings;
    private final Optional<MariaDbServer> vicidial;

    private BenchStack(String description, OperatorApi api, Optional<String> kafkaBootstrap,
            Optional<PostgresLink> postgres, OptionalLong apiPid, OptionalLong kafkaPid, Optional<AgentFleet> agents,
            List<AutoCloseable> owned, Optional<MariaDbServer> vicidial) {
        this.description = description;
        this.api = api;
        this.kafkaBootstrap = kafkaBootstrap;
        this.postgres = postgres;
        this.apiPid = apiPid;
        this.kafkaPid = kafkaPid;
        this.agents = agents;
        this.owned = owned;
        this.postgresSettings = postgres.map(PostgresLink::settings).orElse(Map.of());
        this.vicidial = vicidial;
    }

    public static BenchStack open(StackOptions options, Path runDirectory) {
        return options.attach() ? attach(options, runDirectory) : start(options, runDirectory);
    }

    private static BenchStack start(StackOptions options, Path runDirectory) {
        prepare(runDirectory);
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            Progress.say("starting PostgreSQL and Kafka (%s durability) ...", options.durability().option());
            Path dataDirectory = runDirectory.resolve("data/postgres");
            InfraProcess infra = InfraProcess.start(options.durability(), runDirectory.resolve("logs/infra.log"),
                    dataDirectory);
            owned.add(infra);
            InfraAddresses addresses = infra.addresses();
            String adminToken = randomToken();
            String internalToken = randomToken();
            Map<String, String> properties = new LinkedHashMap<>(addresses.quarkusConfig());
            properties.put("dialfleet.admin.token", adminToken);
            properties.put("dialfleet.internal.token", internalToken);
            // The bench's agents share one token: the api-service's development mode (docs/operations.md,
            // "Agent credentials"); what is measured does not depend on how agents authenticate.
            properties.put("dialfleet.agents.auth", "shared-token");
            Optional<MariaDbServer> vicidial = Optional.empty();
            if (options.vicidial()) {
                Progress.say("starting MariaDB with VICIdial's tables (the VICIdial bridge is on) ...");
                MariaDbServer mariaDb = MariaDb.start(InfraMode.EMBEDDED,
                        MariaDbOptions.defaults().withTemporaryParent(runDirectory.resolve("data")));
                owned.add(0, mariaDb);
                VicidialSchema.create(mariaDb, true);
                properties.put("dialfleet.vicidial.url", mariaDb.jdbcUrl());
                properties.put("dialfleet.vicidial.username", mariaDb.user());
                properties.put("dialfleet.vicidial.password", mariaDb.password());
                vicidial = Optional.of(mariaDb);
            }
            properties.putAll(options.apiProperties());
            Progress.say("starting the api-service ...");
            ServiceProcess apiService = ServiceProcess.start(API_SERVICE, ServiceKind.API_SERVICE, Ports.free(),
                    properties, runDirectory.resolve("logs/api-service.log"));
            owned.add(0, apiService);
            apiService.awaitReady(API_START_TIMEOUT);
            String url = "http://127.0.0.1:" + apiService.httpPort();
            Progress.say("api-service ready at %s (logs in %s)", url, runDirectory.resolve("logs"));
            AgentFleet agents = new AgentFleet(url, internalToken, addresses.kafkaBootstrap(), runDirectory,
                    options.agentProperties());
            owned.add(0, agents);
            PostgresLink postgres = PostgresLink.open(addresses.libpqUrl());
            owned.add(0, postgres);
            String postgresData = options.durability() == Durability.PRODUCTION
                    ? "PostgreSQL data on " + fileSystem(runDirectory) + " in " + dataDirectory
                    : "PostgreSQL data in a temporary directory";
            String description = "started by the tool: embedded PostgreSQL and Kafka (a JVM of their own; "
                    + postgresData + "), the packaged "
                    + "api-service (" + String.join(" ", ServiceKind.API_SERVICE.jvmOptions()) + ", pool and other settings at their defaults"
                    + (options.apiProperties().isEmpty() ? "" : " except " + options.apiProperties()) + "), "
                    + "refresh-agents as separate processes (" + String.join(" ", ServiceKind.REFRESH_AGENT.jvmOptions()) + ", reload mode none: files written, no Asterisk "
                    + "reloaded; periodic resync off" + (options.agentProperties().isEmpty() ? ""
                    : "; " + options.agentProperties()) + ")" + (options.vicidial()
                    ? ", the VICIdial bridge on, mirroring into MariaDB " + vicidialVersion()
                    + " (the machine's mariadbd, VICIdial's tables, MyISAM)" : ", the VICIdial bridge off")
                    + ", all on this machine";
            return new BenchStack(description, new OperatorApi(URI.create(url), adminToken),
                    Optional.of(addresses.kafkaBootstrap()), Optional.of(postgres), OptionalLong.of(apiService.pid()),
                    OptionalLong.of(infra.pid()), Optional.of(agents), owned, vicidial);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    private static BenchStack attach(StackOptions options, Path runDirectory) {
        prepare(runDirectory);
        URI url = options.url().orElseThrow();
        List<AutoCloseable> owned = new ArrayList<>();
        Optional<PostgresLink> postgres = options.pgUrl().map(PostgresLink::open);
        postgres.ifPresent(owned::add);
        Optional<AgentFleet> agents = Optional.empty();
        if (options.internalToken().isPresent() && options.kafka().isPresent()) {
            AgentFleet fleet = new AgentFleet(url.toString(), options.internalToken().get(), options.kafka().get(),
                    runDirectory, options.agentProperties());
            owned.add(0, fleet);
            agents = Optional.of(fleet);
        }
        OptionalLong apiPid = options.apiPid().isPresent() ? options.apiPid()
                : ProcessFinder.apiService(url.getPort() < 0 ? 80 : url.getPort());
        String description = "attached to " + url + (agents.isPresent()
                ? "; refresh-agents started by the tool as separate processes (" + String.join(" ", ServiceKind.REFRESH_AGENT.jvmOptions()) + ", reload mode none, resync off)"
                : "; no refresh-agents started by the tool");
        return new BenchStack(description, new OperatorApi(url, options.adminToken().orElseThrow()), options.kafka(),
                postgres, apiPid, OptionalLong.empty(), agents, owned, Optional.empty());
    }

    public OperatorApi api() {
        return api;
    }

    public String description() {
        return description;
    }

    /** Required by the scenarios that watch status events. */
    public String kafkaBootstrap() {
        return kafkaBootstrap.orElseThrow(() -> new IllegalStateException("this scenario needs --kafka"));
    }

    /** The MariaDB standing in for VICIdial's MySQL, when the tool started one ({@code --vicidial}). */
    public Optional<MariaDbServer> vicidial() {
        return vicidial;
    }

    public Optional<PostgresLink> postgres() {
        return postgres;
    }

    /** PostgreSQL's durability and size settings as the server reports them; empty without a database link. */
    public Map<String, String> postgresSettings() {
        return postgresSettings;
    }

    /** One line for the report: {@code PostgreSQL 17.5: fsync=off, …}. */
    public String postgresSummary() {
        if (postgresSettings.isEmpty()) {
            return "PostgreSQL: settings unknown (no --pg-url)";
        }
        StringBuilder summary = new StringBuilder("PostgreSQL " + postgresSettings.get("server_version") + ":");
        postgresSettings.forEach((name, value) -> {
            if (!name.equals("server_version")) {
                summary.append(' ').append(name).append('=').append(value);
            }
        });
        boolean durable = "on".equals(postgresSettings.get("fsync"))
                && !"off".equals(postgresSettings.get("synchronous_commit"));
        return summary.append(durable ? " (production durability: a reply means the commit is on disk)"
                : " (development durability: commits are not flushed to disk before the API answers)").toString();
    }

    /** The agents the tool can start, when it can. */
    public Optional<AgentFleet> agentFleet() {
        return agents;
    }

    public AgentFleet agents() {
        return agents.orElseThrow(() -> new IllegalStateException(
                "this scenario starts refresh-agents: attach with --internal-token and --kafka"));
    }

    /** The processes a measured window reports, those that can be found. */
    public List<CpuSubject> cpuSubjects() {
        List<CpuSubject> subjects = new ArrayList<>();
        apiPid.ifPresent(pid -> subjects.add(CpuSubject.process(API_SERVICE, pid)));
        subjects.add(postgresSubject());
        kafkaPid.ifPresent(pid -> subjects.add(CpuSubject.process(KAFKA, pid)));
        agents.ifPresent(fleet -> subjects.add(CpuSubject.processes(AGENTS, fleet::pids)));
        subjects.add(CpuSubject.process(LOAD_GENERATOR, ProcessHandle.current().pid()));
        return subjects;
    }

    /**
     * The postmaster serving our own connection and its children; when that is not visible from here, every process
     * named postgres on the machine (which may include other clusters).
     */
    private CpuSubject postgresSubject() {
        return postgres.flatMap(link -> ProcessFinder.postmasterOf(link.backendPid()))
                .map(postmaster -> CpuSubject.processTree(POSTGRES, postmaster))
                .orElseGet(() -> CpuSubject.byComm(POSTGRES + " (all postgres processes)", "postgres"));
    }

    public OptionalLong apiPid() {
        return apiPid;
    }

    /** Stops what the tool started; safe to call twice (the shutdown hook and the normal end). */
    @Override
    public synchronized void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) { // AutoCloseable declares Exception; ours throw only unchecked ones
                System.err.println("bench: could not stop " + resource + ": " + e.getMessage());
            }
        }
        resources.clear();
    }

    private static void prepare(Path runDirectory) {
        try {
            for (String owned : List.of("logs", "agents", "data")) {
                Path directory = runDirectory.resolve(owned);
                if (Files.exists(directory)) {
                    try (Stream<Path> paths = Files.walk(directory)) {
                        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(path);
                        }
                    }
                }
            }
            Files.createDirectories(runDirectory.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + runDirectory, e);
        }
    }

    private static String fileSystem(Path directory) {
        try {
            return Files.getFileStore(directory).type();
        } catch (IOException e) {
            return "an unknown file system";
        }
    }

    private static String vicidialVersion() {
        try {
            Process version = new ProcessBuilder("mariadbd", "--version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes()).trim();
            return text.replaceAll(".*Ver (\\S+).*", "$1");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
