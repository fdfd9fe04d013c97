package io.dialfleet.infra;

import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in a Docker container (Testcontainers, the official apache/kafka image in KRaft mode).
 *
 * <p>{@link #stop()} pauses the container instead of stopping it: a stopped container gets a new
 * host port when it starts again, and clients would never find it. Paused, the broker keeps its
 * address and data but answers nothing, so clients time out rather than being refused.
 */
final class ContainerKafka implements KafkaBroker {

    static final String IMAGE = "apache/kafka:4.1.0";

    private final KafkaContainer container;
    private boolean paused;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start(KafkaOptions options) {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(options.defaultPartitions()))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new InfraStartException("Kafka container " + IMAGE + " did not start", e);
        }
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public synchronized void stop() {
        if (!paused) {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
            paused = true;
        }
    }

    @Override
    public synchronized void start() {
        if (paused) {
            container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
            paused = false;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !paused && container.isRunning();
    }

    @Override
    public void close() {
        container.close();
    }
}
