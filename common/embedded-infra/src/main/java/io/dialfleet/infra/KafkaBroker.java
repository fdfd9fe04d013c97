package io.dialfleet.infra;

/**
 * A running Kafka broker that tests can take down and bring back, to check that producers and
 * consumers ride out an outage without losing records.
 */
public interface KafkaBroker extends AutoCloseable {

    /** {@code host:port}, unchanged by {@link #stop()} and {@link #start()}. */
    String bootstrapServers();

    /** Takes the broker down; its data is kept. Idempotent. */
    void stop();

    /** Brings the broker back at the same address with the same data, and waits until it serves clients. Idempotent. */
    void start();

    boolean isRunning();

    /** Stops the broker for good and removes temporary data. */
    @Override
    void close();
}
