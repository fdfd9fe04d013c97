package io.dialfleet.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka (KRaft, broker and controller in one node) running inside this JVM,
 * from the kafka_2.13 artifact: what {@code kafka-storage.sh format} plus {@code kafka-server-start.sh}
 * do, without scripts or a second process.
 *
 * <p>Ports and log directory are fixed when the object is created, so {@link #stop()} then
 * {@link #start()} brings the same broker back at the same address with its data: clients reconnect
 * on their own, as they would after a broker restart in production.
 */
public final class EmbeddedKafka implements KafkaBroker {

    private static final Logger LOG = System.getLogger(EmbeddedKafka.class.getName());
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicBoolean EXIT_GUARDED = new AtomicBoolean();

    private final int port;
    private final int controllerPort;
    private final Path logDirectory;
    private final boolean temporary;
    private final int defaultPartitions;
    private final Thread shutdownHook;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(KafkaOptions options) {
        this.port = options.port() == 0 ? FreePorts.pick() : options.port();
        int controller = options.controllerPort() == 0 ? FreePorts.pick() : options.controllerPort();
        while (controller == port) {
            controller = FreePorts.pick();
        }
        this.controllerPort = controller;
        this.temporary = options.temporary();
        this.logDirectory = temporary ? Directories.createTemporary("dialfleet-kafka") : options.logDirectory();
        this.defaultPartitions = options.defaultPartitions();
        this.shutdownHook = new Thread(this::close, "dialfleet-kafka-stop");
    }

    public static EmbeddedKafka start(KafkaOptions options) {
        EmbeddedKafka kafka = new EmbeddedKafka(options);
        try {
            kafka.start();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this broker was closed");
        }
        if (server != null) {
            return;
        }
        guardJvmExit();
        InfraLogging.quiet();
        long began = System.nanoTime();
        formatIfNeeded();
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(brokerConfig(), false), Time.SYSTEM);
        try {
            starting.startup();
            awaitServingClients();
        } catch (RuntimeException e) {
            starting.shutdown();
            starting.awaitShutdown();
            throw new InfraStartException("embedded Kafka did not start on " + bootstrapServers(), e);
        }
        server = starting;
        LOG.log(Level.INFO, "Kafka (embedded KRaft) serving on {0}, data in {1}, started in {2} ms",
                bootstrapServers(), logDirectory, String.valueOf((System.nanoTime() - began) / 1_000_000));
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        // A controlled shutdown: logs are flushed and closed, so start() finds every acknowledged record.
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Also run by the shutdown hook, possibly while the owner closes it too: the second caller waits. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is already shutting down, or the hook was never added (start failed).
        }
        if (temporary) {
            Directories.deleteQuietly(logDirectory);
        }
    }

    private Map<String, Object> brokerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        // A static single voter: the node elects itself at once, and no voter set has to be formatted.
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDirectory.toString());
        config.put("auto.create.topics.enable", "true");
        config.put("num.partitions", String.valueOf(defaultPartitions));
        // One node: every internal topic with one replica, or coordinators and transactions never come up.
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions (default 50): the first consumer group and transaction come up faster.
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("group.initial.rebalance.delay.ms", "0");
        // After a JVM was killed, the restarted node may register only once the old registration's session
        // expired (default 9 s). Heartbeats stay within this JVM, so a shorter session is safe.
        config.put("broker.heartbeat.interval.ms", "500");
        config.put("broker.session.timeout.ms", "4000");
        // The log cleaner's default 128 MiB buffer is heap the tests need more.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return config;
    }

    /**
     * {@code kafka-storage.sh format --ignore-formatted}, through the tool's own entry point: the command
     * line is a stable contract, while the Formatter class behind it lives in kafka-metadata, an artifact the
     * Quarkus BOM does not manage.
     */
    private void formatIfNeeded() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return; // formatted on an earlier start: keep the cluster id and the data
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Path serverProperties = null;
        int exitCode;
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            serverProperties = Files.createTempFile("dialfleet-kafka", ".properties");
            Properties properties = new Properties();
            properties.putAll(brokerConfig());
            try (var writer = Files.newBufferedWriter(serverProperties, StandardCharsets.UTF_8)) {
                properties.store(writer, "dialfleet embedded Kafka");
            }
            exitCode = StorageTool.execute(new String[] {"format", "--config", serverProperties.toString(),
                "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"}, printStream);
        } catch (IOException | RuntimeException e) {
            throw new InfraStartException("cannot format Kafka log directory " + logDirectory + ": "
                    + output.toString(StandardCharsets.UTF_8), e);
        } finally {
            if (serverProperties != null) {
                serverProperties.toFile().delete();
            }
        }
        if (exitCode != 0) {
            throw new InfraStartException("formatting Kafka log directory " + logDirectory + " exited with "
                    + exitCode + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** Waits until the broker is unfenced: only then does it lead partitions and accept produce requests. */
    private void awaitServingClients() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    // Metadata lists only unfenced brokers.
                    Collection<Node> nodes = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    LOG.log(Level.DEBUG, "Kafka not ready yet: {0}", notYet.toString());
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraStartException("interrupted while waiting for Kafka", e);
        }
        throw new InfraStartException("Kafka did not serve clients within " + READY_TIMEOUT.toSeconds() + " s");
    }

    /**
     * On a fatal error (a log directory it cannot lock, a metadata log it cannot read) Kafka calls
     * Exit.exit/halt, which would end the test JVM or the local run without a word. Inside a host JVM we
     * turn that into an exception on the calling thread, as Kafka's own test kit does.
     */
    private static void guardJvmExit() {
        if (EXIT_GUARDED.compareAndSet(false, true)) {
            Exit.setExitProcedure((status, message) -> {
                throw new IllegalStateException("embedded Kafka asked to exit the JVM (" + status + "): " + message);
            });
            Exit.setHaltProcedure((status, message) -> {
                throw new IllegalStateException("embedded Kafka asked to halt the JVM (" + status + "): " + message);
            });
        }
    }
}
