package io.dialfleet.api.messaging;

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

    /** How long a batch may wait for the broker's acknowledgements before it is retried later. */
    @WithDefault("PT30S")
    Duration ackTimeout();
}
