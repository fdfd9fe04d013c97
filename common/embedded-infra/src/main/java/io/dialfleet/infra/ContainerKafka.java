package io.dialfleet.infra;

import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in a Docker container (Testcontainers, the official apache/kafka image in KRaft mode); {@link #stop()} pauses
 * it ({@link PausableContainer}).
 */
final class ContainerKafka extends PausableContainer implements KafkaBroker {

    static final String IMAGE = "apache/kafka:4.1.0";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        super(container);
        this.container = container;
    }

    static ContainerKafka start(KafkaOptions options) {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(options.defaultPartitions()))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        return new ContainerKafka(started(container, "Kafka"));
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }
}
