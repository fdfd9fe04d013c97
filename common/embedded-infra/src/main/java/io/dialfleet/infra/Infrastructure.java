package io.dialfleet.infra;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * PostgreSQL and Kafka for tests and the local run: embedded by default, Docker containers when
 * asked for ({@code dialfleet.infra=containers}) and a Docker daemon answers.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger LOG = System.getLogger(Infrastructure.class.getName());

    private final InfraMode mode;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final InfraAddresses addresses;

    private Infrastructure(InfraMode mode, PostgresServer postgres, KafkaBroker kafka) {
        this.mode = mode;
        this.postgres = postgres;
        this.kafka = kafka;
        this.addresses = InfraAddresses.of(postgres.address(), kafka.bootstrapServers());
    }

    /** Starts what the system properties and environment ask for (see {@link InfraSettings}). */
    public static Infrastructure start() {
        return start(InfraSettings.fromEnvironment());
    }

    public static Infrastructure start(InfraSettings settings) {
        InfraMode mode = chooseMode(settings.mode(), DockerProbe::dockerAnswers);
        long began = System.nanoTime();
        // PostgreSQL and Kafka do not depend on each other: start them side by side.
        ExecutorService starters = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dialfleet-infra-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                    () -> mode == InfraMode.CONTAINERS
                            ? ContainerPostgresServer.start(settings.postgres())
                            : LocalPostgres.start(settings.postgres()),
                    starters);
            CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                    () -> mode == InfraMode.CONTAINERS
                            ? ContainerKafka.start(settings.kafka())
                            : EmbeddedKafka.start(settings.kafka()),
                    starters);
            Infrastructure infrastructure = new Infrastructure(mode, join(postgres, kafka), join(kafka, postgres));
            LOG.log(Level.INFO, "{0} infrastructure up in {1} ms: PostgreSQL ({2}) at {3}, Kafka at {4}",
                    mode.name().toLowerCase(Locale.ROOT),
                    String.valueOf((System.nanoTime() - began) / 1_000_000), infrastructure.postgres.kind(),
                    infrastructure.addresses.jdbcUrl(), infrastructure.addresses.kafkaBootstrap());
            return infrastructure;
        } finally {
            starters.shutdown();
        }
    }

    public InfraMode mode() {
        return mode;
    }

    public InfraAddresses addresses() {
        return addresses;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The broker, to take down and bring back in outage tests. */
    public KafkaBroker kafka() {
        return kafka;
    }

    /** Stops Kafka and PostgreSQL; each also stops on its own when the JVM exits. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }

    /** The Docker probe runs only when containers are asked for: embedded runs never pay for it. */
    static InfraMode chooseMode(InfraMode requested, BooleanSupplier dockerAnswers) {
        if (requested != InfraMode.CONTAINERS) {
            return InfraMode.EMBEDDED;
        }
        if (dockerAnswers.getAsBoolean()) {
            return InfraMode.CONTAINERS;
        }
        LOG.log(Level.WARNING, "{0}=containers, but no Docker daemon answers: starting embedded infrastructure",
                InfraSettings.MODE);
        return InfraMode.EMBEDDED;
    }

    /** Waits for one server; if it failed, closes the other once it is up, so nothing is left running. */
    private static <T extends AutoCloseable> T join(CompletableFuture<T> wanted, CompletableFuture<? extends AutoCloseable> other) {
        try {
            return wanted.join();
        } catch (CompletionException e) {
            other.thenAccept(Infrastructure::closeQuietly).exceptionally(ignored -> null).join();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) { // AutoCloseable.close() declares Exception; ours throw only unchecked
            LOG.log(Level.WARNING, "could not stop " + server, e);
        }
    }
}
