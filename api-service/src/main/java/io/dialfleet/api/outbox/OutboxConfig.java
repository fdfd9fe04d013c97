package io.dialfleet.api.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay. */
@ConfigMapping(prefix = "dialfleet.outbox")
public interface OutboxConfig {

    /** Most rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows written by other replicas or left by a failed attempt. */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /**
     * The longest a batch waits for its records to settle; a safety net above the producer's own
     * {@code delivery.timeout.ms}, after which unacknowledged rows are retried later.
     */
    @WithDefault("PT60S")
    Duration ackTimeout();
}
